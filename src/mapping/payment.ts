/**
 * What to register in Teamleader for an invoice Exact reports paid: what Exact says was paid (the fully paid
 * receivables' AmountFC, in the entry's currency; sign ignored), never more than Teamleader still shows due.
 * Null when there is nothing to register.
 */
export function amountToRegister(paidReceivablesFC: (number | null | undefined)[], tlDue: number): number | null {
  const paid =
    Math.round(paidReceivablesFC.reduce<number>((sum, amount) => sum + Math.abs(amount ?? 0), 0) * 100) / 100;
  const amount = Math.min(paid, Math.round(tlDue * 100) / 100);
  return amount > 0 ? amount : null;
}
