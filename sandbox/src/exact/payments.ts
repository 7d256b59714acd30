import type { SandboxData } from "../state";
import { odataDate } from "./resources";

/** What a bookkeeper matching a bank payment does: the entry's receivable becomes fully paid (Status 50). */
export function markEntryPaid(data: SandboxData, entryId: string) {
  const term = data.ex.paymentTerms.find((t) => t.TransactionEntryID === entryId);
  if (!term) return null;
  return data.ex.paymentTerms.put(String(term.ID), {
    ...term,
    IsFullyPaid: true,
    Status: 50,
    LastPaymentDate: odataDate(data.now()),
    Timestamp: data.nextTimestamp(),
  });
}
