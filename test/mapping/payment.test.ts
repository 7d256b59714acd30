import { describe, expect, it } from "vitest";
import { amountToRegister } from "../../src/mapping/payment";

describe("the amount registered in Teamleader for a payment in Exact", () => {
  it("is what Exact's fully paid receivables add up to", () => {
    expect(amountToRegister([121], 121)).toBe(121);
    expect(amountToRegister([60.5, 60.5], 121)).toBe(121);
    expect(amountToRegister([100], 121)).toBe(100);
  });

  it("is never more than Teamleader's due", () => {
    expect(amountToRegister([121], 21)).toBe(21);
    expect(amountToRegister([121], 0)).toBeNull();
  });

  it("ignores the sign Exact gives a receivable, and rounds to the cent", () => {
    expect(amountToRegister([-121.004], 200)).toBe(121);
    expect(amountToRegister([null, 0], 50)).toBeNull();
  });
});
