type Problem = { dutch: string; english: string };

const SHAPE: Problem = { dutch: "Ongeldig: Btw-nummer", english: "Invalid: VAT number" };
const CHECK_DIGIT: Problem = {
  dutch: "Ongeldig: Btw-nummer (controlecijfer)",
  english: "Invalid: VAT number (check digit)",
};

/**
 * Exact checks an account's VAT number when it is saved (EMEQ's error mapper keys on "btw-nummer" and
 * "controlecijfer"). Emulated for NL (btw-id mod 97 since 2019, or the older elfproef) and BE
 * (97 − first eight digits mod 97); other countries by shape. Spaces, dots and dashes are allowed as typed.
 */
export function vatNumberProblem(typed: string): Problem | null {
  const n = typed.replace(/[\s./-]/g, "").toUpperCase();
  if (!/^[A-Z]{2}[0-9A-Z]{2,13}$/.test(n)) return SHAPE;
  const rest = n.slice(2);
  if (n.startsWith("NL")) {
    const m = /^(\d{9})B\d{2}$/.exec(rest);
    if (!m) return SHAPE;
    return mod97(n) === 1 || elfproef(m[1]!) ? null : CHECK_DIGIT;
  }
  if (n.startsWith("BE")) {
    if (!/^[01]\d{9}$/.test(rest)) return SHAPE;
    return 97 - (Number(rest.slice(0, 8)) % 97) === Number(rest.slice(8)) ? null : CHECK_DIGIT;
  }
  return null;
}

function mod97(text: string): number {
  let remainder = 0;
  for (const char of text)
    for (const digit of /\d/.test(char) ? char : String(char.charCodeAt(0) - 55))
      remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder;
}

function elfproef(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  return (sum - Number(digits[8])) % 11 === 0;
}
