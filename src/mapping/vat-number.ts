/** VAT numbers as people type them, as Exact stores them (as typed), and as Exact accepts them (check digit). */

/** "BE 0412.345.678" → "BE0412345678". */
export const normalizeVat = (value: string | null | undefined) =>
  value ? value.replace(/[\s./-]/g, "").toUpperCase() : null;

/** A VAT number typed without its country code ("0403.170.701") gets the customer's country in front. */
export function withCountry(normalized: string | null, country: string | null | undefined): string | null {
  if (!normalized || !/^\d/.test(normalized) || !country) return normalized;
  return `${country.toUpperCase() === "GR" ? "EL" : country.toUpperCase()}${normalized}`;
}

/** Whether a number as Exact holds it (as typed, maybe without country code) is this normalized number. */
export function sameVatNumber(typed: string | null | undefined, normalized: string): boolean {
  const n = normalizeVat(typed);
  return n === normalized || (n !== null && /^\d/.test(n) && normalized.slice(2) === n);
}

/**
 * The ways one VAT number is commonly typed into Exact, which stores it as typed: compact, with a space after
 * the country code, and the national groupings (BE `0456.789.133`, NL `1234.56.789.B01`), with and without
 * the country code. Exact compares strings case-insensitively, so case needs no variants.
 */
export function vatSpellings(normalized: string): string[] {
  const country = normalized.slice(0, 2);
  const rest = normalized.slice(2);
  const spellings = [normalized, `${country} ${rest}`];
  const be = /^(\d{4})(\d{3})(\d{3})$/.exec(rest);
  if (country === "BE" && be) {
    const dotted = `${be[1]}.${be[2]}.${be[3]}`;
    spellings.push(
      `${country} ${dotted}`,
      `${country}${dotted}`,
      `${country} ${be[1]} ${be[2]} ${be[3]}`,
      dotted,
      rest,
    );
  }
  const nl = /^(\d{4})(\d{2})(\d{3})B(\d{2})$/.exec(rest);
  if (country === "NL" && nl) {
    const dotted = `${nl[1]}.${nl[2]}.${nl[3]}.B${nl[4]}`;
    spellings.push(`${country} ${dotted}`, `${country}${dotted}`, dotted, rest);
  }
  return [...new Set(spellings)];
}

/** ISO 7064 mod 97-10 over digits and letters (A = 10 … Z = 35), as the Dutch btw-id uses it. */
function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/** The Dutch "elfproef" on the 9 digits before the B: weights 9 … 2, the last digit counts −1. */
function elfproef(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  return (sum - Number(digits[8])) % 11 === 0;
}

export type VatCheck = { valid: true } | { valid: false; reason: string };

/**
 * Whether Exact will accept a (normalized) VAT number. NL: `NL` + 9 digits + `B` + 2 digits, valid by the
 * btw-id rule (mod 97 of the whole number, letters as numbers, is 1; since 2019) or by the elfproef of the
 * older numbers. BE: `BE` + 10 digits, the last two being 97 − (first eight mod 97). Other countries: the
 * general shape only.
 */
export function checkVatNumber(normalized: string): VatCheck {
  const country = normalized.slice(0, 2);
  const rest = normalized.slice(2);
  if (country === "NL") {
    const m = /^(\d{9})B\d{2}$/.exec(rest);
    if (!m) return { valid: false, reason: "a Dutch VAT number is NL, 9 digits, B and 2 digits" };
    return mod97(normalized) === 1 || elfproef(m[1]!)
      ? { valid: true }
      : { valid: false, reason: "its check digit is wrong" };
  }
  if (country === "BE") {
    if (!/^[01]\d{9}$/.test(rest)) return { valid: false, reason: "a Belgian VAT number is BE and 10 digits" };
    return 97 - (Number(rest.slice(0, 8)) % 97) === Number(rest.slice(8))
      ? { valid: true }
      : { valid: false, reason: "its check digit is wrong" };
  }
  return /^[A-Z]{2}[0-9A-Z]{2,13}$/.test(normalized)
    ? { valid: true }
    : { valid: false, reason: "it does not look like a VAT number (country code and 2 to 13 letters or digits)" };
}
