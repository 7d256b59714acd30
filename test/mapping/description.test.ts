import { describe, expect, it } from "vitest";
import { renderDescription } from "../../src/mapping/description";

const fields = {
  number: "2026 / 7",
  customer: "Brouwerij 't Hoekje BV",
  date: "2026-11-02",
  po: null,
  creditedInvoice: null,
};

describe("renderDescription", () => {
  it("fills each token once", () => {
    expect(renderDescription("{number} {customer} {po}", fields, "invoice")).toBe("2026 / 7 Brouwerij 't Hoekje BV");
  });

  it("inserts a customer name as typed, even with replacement patterns or tokens in it", () => {
    for (const customer of ["Cash $& Carry", "A $` B $' C", "Shop {date} {number}", "$1 Euro Store"])
      expect(renderDescription("{number} {customer}", { ...fields, customer }, "invoice")).toBe(`2026 / 7 ${customer}`);
  });

  it("names the credited invoice on a credit note and cuts at 60 characters", () => {
    const text = renderDescription(
      "{number} {customer}",
      { ...fields, customer: "X".repeat(80), creditedInvoice: "2026 / 3" },
      "creditNote",
    );
    expect(text.startsWith("Creditnota 2026 / 7 (factuur 2026 / 3) XXX")).toBe(true);
    expect(text).toHaveLength(60);
  });
});
