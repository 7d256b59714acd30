import { describe, expect, it } from "vitest";
import type { VATCode } from "../../src/exact/schemas";
import { suggestGlAccount, suggestVatCode } from "../../src/mapping/suggest";

const code = (Code: string, Description: string, Percentage: number, extra: Partial<VATCode> = {}): VATCode => ({
  ID: "00000000-0000-0000-0000-000000000000",
  Code,
  Description,
  Percentage,
  Type: "E",
  VATTransactionType: "S",
  Charged: false,
  EUSalesListing: "N",
  IsBlocked: false,
  ...extra,
});

const NL = [
  code("1", "BTW hoog 21% verkoop", 0.21),
  code("2", "BTW laag 9% verkoop", 0.09),
  code("3", "BTW verlegd verkoop", 0, { Type: "B", Charged: true }),
  code("4", "ICP levering binnen EU", 0, { Type: "B", EUSalesListing: "S" }),
  code("5", "Export buiten EU", 0, { Type: "B" }),
  code("6", "Vrijgesteld van btw", 0, { Type: "N" }),
  code("7", "BTW hoog 21% inkoop", 0.21, { VATTransactionType: "P" }),
  code("0", "Geen btw", 0, { Type: "N", VATTransactionType: "B" }),
];

describe("VAT code suggestions", () => {
  it("matches the percentage on a sales code, never a purchase code", () => {
    expect(suggestVatCode({ rate: 0.21, description: "21%" }, NL)).toBe("1");
    expect(suggestVatCode({ rate: 0.09, description: "9%" }, NL)).toBe("2");
    expect(suggestVatCode({ rate: 0.06, description: "6%" }, NL)).toBeNull();
  });

  it("tells the 0% regimes apart by their words", () => {
    expect(suggestVatCode({ rate: 0, description: "0% btw verlegd" }, NL)).toBe("3");
    expect(suggestVatCode({ rate: 0, description: "0% intracommunautaire levering" }, NL)).toBe("4");
    expect(suggestVatCode({ rate: 0, description: "0% export buiten de EU" }, NL)).toBe("5");
    expect(suggestVatCode({ rate: 0, description: "Vrijgesteld van btw" }, NL)).toBe("6");
    expect(suggestVatCode({ rate: 0, description: "0%" }, NL)).toBeNull();
  });

  it("suggests a GL account whose code equals the ledger number", () => {
    const accounts = [
      { ID: "a", Code: "8100", Description: "Omzet", Type: 110 },
      { ID: "b", Code: "8200", Description: "Omzet", Type: 110, IsBlocked: true },
    ];
    expect(suggestGlAccount("8100", accounts)).toBe("a");
    expect(suggestGlAccount("8200", accounts)).toBeNull();
    expect(suggestGlAccount("8300", accounts)).toBeNull();
  });
});
