import { describe, expect, it } from "vitest";
import { vatPerCode } from "../../src/web/vat-summary";

const line = (vatCode: string, amount: number, vat: number) => ({
  description: "",
  glAccount: "8000",
  vatCode,
  amount,
  vat,
});

describe("VAT summary per code", () => {
  it("sums base and VAT per code to the cent, codes in order; credit notes stay negative", () => {
    expect(vatPerCode([line("2", 0.1, 0.02), line("1", 100, 21), line("2", 0.2, 0.04), line("1", -10, -2.1)])).toEqual([
      { vatCode: "1", base: 90, vat: 18.9 },
      { vatCode: "2", base: 0.3, vat: 0.06 },
    ]);
    expect(vatPerCode([])).toEqual([]);
  });
});
