import { describe, expect, it } from "vitest";
import { formatCount, formatDate, formatDateTime, formatMoney, formatRate } from "../../src/web/format";

// Intl separates the euro sign with a no-break space; the page shows it as a plain space.
const plain = (s: string | null) => s?.replace(/[\u00a0\u202f]/g, " ");

describe("formatting for the page's language", () => {
  it("writes amounts as Dutch and English readers expect, credit notes negative, never -0", () => {
    expect(plain(formatMoney("nl", 3601.35))).toBe("€ 3.601,35");
    expect(plain(formatMoney("en", 3601.35))).toBe("€3,601.35");
    expect(plain(formatMoney("nl", -3601.35))).toBe("€ -3.601,35");
    expect(plain(formatMoney("en", -3601.35))).toBe("-€3,601.35");
    expect(plain(formatMoney("nl", -0))).toBe("€ 0,00");
    expect(formatMoney("nl", null)).toBe("");
  });

  it("writes counts with thousands separators and rates with the language's decimal sign", () => {
    expect(formatCount("nl", 4924)).toBe("4.924");
    expect(formatCount("en", 4924)).toBe("4,924");
    expect(formatRate("nl", 0.9223)).toBe("0,9223");
  });

  it("writes dates and times in Amsterdam time, not UTC", () => {
    // 23:30 UTC on 31 March 2026 is already 1 April in Amsterdam (summer time).
    expect(plain(formatDateTime("nl", new Date("2026-03-31T23:30:00Z")))).toBe("1 apr 2026, 01:30");
    expect(plain(formatDateTime("en", new Date("2026-11-30T06:05:00Z")))).toBe("30 Nov 2026, 07:05");
    expect(formatDate("nl", "2026-03-01")).toBe("1 mrt 2026");
    expect(formatDate("en", "2026-03-01")).toBe("1 Mar 2026");
    expect(formatDateTime("nl", null)).toBeNull();
  });
});
