import { randomUuid } from "../ids";
import type { ExRow } from "../model";
import type { SandboxData } from "../state";
import { odataDate } from "./resources";

/**
 * sync/Financial/TransactionLines and sync/Deleted, kept in step with the sales entries.
 *
 * Exact: "Every time an existing record is changed or a new record is inserted, the row versioning value is
 * higher than the highest available value at that time"; the sync APIs "do not show deleted records.
 * Therefore the deleted api is introduced" with `EntityType` 1 = TransactionLines (PI
 * `Entity/Sync/Financial/TransactionLines.php`, `Entity/Sync/Deleted.php`). A transaction line carries its
 * entry's `Date`, `Account`, `EntryNumber` and `YourRef`, so a header change rewrites (and re-stamps) its lines.
 * Emulated: one row per sales entry line (LineNumber 1…); the header row (LineNumber 0) and the VAT and
 * receivable lines Exact also keeps are not (docs/sandbox.md).
 */
export const DELETED_TRANSACTION_LINE = 1;
export const DELETED_PAYMENT_TERM = 10;

export function restampTransactionLines(data: SandboxData, entryId: string) {
  const entry = data.ex.salesEntries.get(entryId);
  const current = data.ex.transactionLines.filter((row) => row.EntryID === entryId);
  const lines = entry ? data.ex.salesEntryLines.filter((l) => l.EntryID === entryId) : [];
  lines.forEach((line, index) => {
    const row: Omit<ExRow, "Timestamp"> = {
      ID: line.ID,
      EntryID: entryId,
      EntryNumber: entry!.EntryNumber,
      LineNumber: index + 1,
      JournalCode: entry!.Journal,
      Date: entry!.EntryDate,
      Account: entry!.Customer,
      GLAccount: line.GLAccount,
      AmountFC: line.AmountFC,
      AmountVATFC: line.VATAmountFC ?? 0,
      VATCode: line.VATCode ?? null,
      YourRef: entry!.YourRef ?? null,
      Division: Number(entry!.Division),
    };
    const before = data.ex.transactionLines.get(String(line.ID));
    const { Timestamp: _t, ...unchanged } = before ?? {};
    if (before && JSON.stringify(unchanged) === JSON.stringify(row)) return;
    data.ex.transactionLines.put(String(line.ID), { ...row, Timestamp: data.nextTimestamp() } as ExRow);
  });
  for (const row of current)
    if (!lines.some((l) => l.ID === row.ID)) {
      data.ex.transactionLines.delete(String(row.ID));
      recordDeleted(data, Number(row.Division), DELETED_TRANSACTION_LINE, String(row.ID));
    }
}

export function recordDeleted(data: SandboxData, division: number, entityType: number, entityKey: string) {
  const ID = randomUuid();
  data.ex.deleted.put(ID, {
    ID,
    Timestamp: data.nextTimestamp(),
    EntityType: entityType,
    EntityKey: entityKey,
    DeletedBy: null,
    DeletedDate: odataDate(data.now()),
    Division: division,
  });
}
