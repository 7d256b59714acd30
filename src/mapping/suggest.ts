import type { GLAccount, VATCode } from "../exact/schemas";

const WORDS = {
  reverse: /verlegd|reverse|medecontractant|autoliquidation|charge/i,
  intraEU: /intracommunaut|\bicp\b|intra[- ]?eu|binnen (de )?eu|\bic\b/i,
  export: /export|buiten (de )?eu|outside (the )?eu|non[- ]eu/i,
  exempt: /vrijgesteld|vrijstelling|exempt|exonér/i,
} as const;

type Regime = keyof typeof WORDS;

const regimeOf = (text: string): Regime | null =>
  (Object.keys(WORDS) as Regime[]).find((r) => WORDS[r].test(text)) ?? null;

/** VAT codes that can go on a sales line: sales or both, not blocked. */
export const salesVatCodes = (codes: VATCode[]) =>
  codes.filter((c) => (c.VATTransactionType === "S" || c.VATTransactionType === "B") && !c.IsBlocked);

/**
 * Suggests an Exact VAT code for a Teamleader tax rate: the same percentage on an "excluding" sales code;
 * for 0% rates, the regime named in the rate's description (reverse charge, intra-EU, export, exempt)
 * matched against the codes' descriptions and flags. Null when nothing fits unambiguously.
 */
export function suggestVatCode(rate: { rate: number; description: string }, codes: VATCode[]): string | null {
  const candidates = salesVatCodes(codes);
  if (rate.rate > 0) {
    const same = candidates.filter((c) => Math.abs(c.Percentage - rate.rate) < 1e-6 && !c.Charged);
    const exclusive = same.filter((c) => c.Type === "E");
    return (exclusive.length === 1 ? exclusive[0] : same.length === 1 ? same[0] : undefined)?.Code.trim() ?? null;
  }
  const regime = regimeOf(rate.description);
  if (!regime) return null;
  const byFlag = (c: VATCode) =>
    (regime === "reverse" && c.Charged === true) ||
    (regime === "intraEU" && ["L", "S", "T"].includes(c.EUSalesListing ?? "")) ||
    (regime === "exempt" && c.Type === "N" && WORDS.exempt.test(c.Description));
  const matches = candidates.filter((c) => regimeOf(c.Description) === regime || byFlag(c));
  return matches.length === 1 ? matches[0]!.Code.trim() : null;
}

/** A ledger number whose code exists as an Exact revenue (P&L) account is suggested as is. */
export function suggestGlAccount(ledger: string, accounts: GLAccount[]): string | null {
  return accounts.find((a) => a.Code.trim() === ledger.trim() && !a.IsBlocked)?.ID ?? null;
}
