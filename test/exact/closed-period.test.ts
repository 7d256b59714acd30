import { describe, expect, it } from "vitest";
import { isClosedPeriodMessage } from "../../src/exact/closed-period";

describe("closed-period messages", () => {
  it.each([
    "Periode is afgesloten: 2026 – 1",
    "GLTransaction Periode is afgesloten",
    "Exact Online: Period is closed: 2026 – 1",
    "PERIOD IS CLOSED",
    "La période est clôturée : 2026 – 1",
    "Periode ist abgeschlossen: 2026 – 1",
  ])("recognises %j", (text) => {
    expect(isClosedPeriodMessage(text)).toBe(true);
  });

  it.each([
    "Verplicht: Boekjaar",
    "Unknown: Fiscal year (Period - date table)",
    "Ongeldig: Klant (Type)",
    "Period is open",
  ])("does not take %j for a closed period", (text) => {
    expect(isClosedPeriodMessage(text)).toBe(false);
  });
});
