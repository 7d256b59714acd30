import { describe, expect, it } from "vitest";
import { checkVatNumber, normalizeVat, vatSpellings } from "../../src/mapping/vat-number";

describe("VAT numbers", () => {
  it("normalizes what people type", () => {
    expect(normalizeVat("be 0403.170.701")).toBe("BE0403170701");
    expect(normalizeVat("NL 8104-33-941 B01")).toBe("NL810433941B01");
    expect(normalizeVat("")).toBeNull();
  });

  it("lists the spellings Exact may hold for one number", () => {
    expect(vatSpellings("BE0403170701")).toEqual(
      expect.arrayContaining(["BE0403170701", "BE 0403170701", "BE 0403.170.701", "BE0403.170.701", "0403.170.701"]),
    );
    expect(vatSpellings("NL810433941B01")).toEqual(
      expect.arrayContaining(["NL810433941B01", "NL 810433941B01", "NL 8104.33.941.B01", "810433941B01"]),
    );
    expect(vatSpellings("DE811569869")).toEqual(["DE811569869", "DE 811569869"]);
  });

  it("checks Dutch numbers by the btw-id rule (mod 97) or the older elfproef", () => {
    expect(checkVatNumber("NL810433941B01")).toEqual({ valid: true }); // elfproef
    expect(checkVatNumber("NL000099998B57")).toEqual({ valid: true }); // mod 97 (the Belastingdienst's example btw-id)
    expect(checkVatNumber("NL001234567B02")).toMatchObject({ valid: false, reason: "its check digit is wrong" });
    expect(checkVatNumber("NL12345678B01")).toMatchObject({ valid: false });
  });

  it("checks Belgian numbers: the last two digits are 97 − (first eight mod 97)", () => {
    expect(checkVatNumber("BE0403170701")).toEqual({ valid: true });
    expect(checkVatNumber("BE0403170702")).toMatchObject({ valid: false, reason: "its check digit is wrong" });
    expect(checkVatNumber("BE403170701")).toMatchObject({ valid: false });
  });

  it("checks other countries by shape only", () => {
    expect(checkVatNumber("DE811569869")).toEqual({ valid: true });
    expect(checkVatNumber("X1")).toMatchObject({ valid: false });
  });
});
