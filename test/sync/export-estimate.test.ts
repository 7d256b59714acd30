import { describe, expect, it } from "vitest";
import { exportShareOf, exportTimeLeft } from "../../src/sync/export-estimate";

describe("the historical export's expected end", () => {
  it("counts minutes while the day's share lasts", () => {
    // 100 documents × 3.4 = 340 calls at 54 a minute.
    expect(exportTimeLeft(100)).toEqual({ unit: "min", n: 7 });
    expect(exportTimeLeft(1000)).toEqual({ unit: "min", n: 63 });
  });

  it("adds a day for every day's share the export needs beyond today's", () => {
    // 3,000 documents ≈ 10,200 calls: 4,500 today, 4,500 tomorrow, 1,200 the day after.
    expect(exportTimeLeft(3000)).toEqual({ unit: "d", n: 2 });
    // Nothing left today: the next 1,000 documents wait for tomorrow.
    expect(exportTimeLeft(1000, exportShareOf(500))).toEqual({ unit: "h", n: 26 });
  });
});
