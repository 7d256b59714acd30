import { randomUuid } from "../ids";
import type { ExRow } from "../model";
import type { SandboxData } from "../state";
import { odataDate } from "./resources";
import { createSalesEntry, deleteEntry, recalculate, updateEntry } from "./sales-entries";

/**
 * What a bookkeeper does in Exact's own screens, for tests and demos: the same rules as the API apply
 * (closed periods, fiscal years), and every change moves the entry's Timestamp as any write does.
 */

export interface EntryEdit {
  /** New amount excl. VAT and VAT of the entry's first line. */
  amountFC?: number;
  vatAmountFC?: number;
  /** YYYY-MM-DD */
  entryDate?: string;
}

export function editEntryByHand(data: SandboxData, entryId: string, edit: EntryEdit): ExRow | null {
  const entry = data.ex.salesEntries.get(entryId);
  if (!entry) return null;
  const division = Number(entry.Division);
  if (edit.entryDate) updateEntry(data, division, entryId, { EntryDate: odataDate(Date.parse(edit.entryDate)) });
  if (edit.amountFC !== undefined || edit.vatAmountFC !== undefined) {
    const line = data.ex.salesEntryLines.find((l) => l.EntryID === entryId)!;
    data.ex.salesEntryLines.put(String(line.ID), {
      ...line,
      AmountFC: edit.amountFC ?? line.AmountFC,
      VATAmountFC: edit.vatAmountFC ?? line.VATAmountFC,
      Timestamp: data.nextTimestamp(),
    });
  }
  return recalculate(data, entryId, randomUuid);
}

export function deleteEntryByHand(data: SandboxData, entryId: string): boolean {
  const entry = data.ex.salesEntries.get(entryId);
  if (!entry) return false;
  deleteEntry(data, Number(entry.Division), entryId);
  return true;
}

export interface ManualEntry {
  division: number;
  journal: string;
  yourRef: string | null;
  entryDate: string;
  amountFC: number;
  /** Without it, the G/L account's default VAT code applies (as in Exact). */
  vatCode?: string;
}

/** A sales entry typed in by hand: the division's first customer, its first open revenue account. */
export function bookEntryByHand(data: SandboxData, input: ManualEntry): ExRow {
  const customer = data.ex.accounts.find((a) => a.Division === input.division && a.Status === "C");
  const gl = data.ex.glAccounts.find((g) => g.Division === input.division && g.Type === 110 && !g.IsBlocked);
  if (!customer || !gl) throw new Error(`division ${input.division} has no customer or revenue account`);
  return createSalesEntry(
    data,
    input.division,
    {
      Journal: input.journal,
      Customer: customer.ID,
      EntryDate: odataDate(Date.parse(input.entryDate)),
      YourRef: input.yourRef,
      Description: "Handmatig geboekt",
      SalesEntryLines: [
        { GLAccount: gl.ID, AmountFC: input.amountFC, ...(input.vatCode ? { VATCode: input.vatCode } : {}) },
      ],
    },
    randomUuid,
  );
}
