import { describe, expect, it } from "vitest";
import { datetime, guid, int64, parseODataDate, queryString, str } from "../../src/exact/odata";

describe("OData literals", () => {
  it("quotes strings and doubles single quotes", () => {
    expect(str("Brouwerij 't Hoekje BV")).toBe("'Brouwerij ''t Hoekje BV'");
    expect(str("''")).toBe("''''''");
  });

  it("writes guid, datetime and Int64 literals", () => {
    expect(guid("0F1A2B3C-4D5E-4F60-8172-93A4B5C6D7E8")).toBe("guid'0F1A2B3C-4D5E-4F60-8172-93A4B5C6D7E8'");
    expect(() => guid("1' or 1 eq 1")).toThrow(/Not a GUID/);
    expect(datetime("2026-01-31")).toBe("datetime'2026-01-31T00:00:00'");
    expect(datetime(new Date("2026-03-04T05:06:07.890Z"))).toBe("datetime'2026-03-04T05:06:07'");
    expect(int64("9007199254740993")).toBe("9007199254740993L");
    expect(() => int64("12; drop")).toThrow();
  });

  it("parses /Date(ms)/", () => {
    expect(parseODataDate("/Date(1755123456000)/").toISOString()).toBe("2025-08-13T22:17:36.000Z");
    expect(() => parseODataDate("2025-08-13")).toThrow();
  });

  it("encodes query values but keeps the $ option names", () => {
    expect(queryString({ filter: "Name eq 'a&b'", select: ["ID", "Name"], top: 1 })).toBe(
      "?$filter=Name%20eq%20'a%26b'&$select=ID%2CName&$top=1",
    );
    expect(queryString({})).toBe("");
  });
});
