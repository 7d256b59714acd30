import { describe, expect, it } from "vitest";
import { EXACT_HOSTS, exactBaseUrl } from "../../src/exact/regions";

describe("Exact regions", () => {
  it("maps every region to its own host", () => {
    expect(Object.fromEntries(Object.entries(EXACT_HOSTS).map(([k, v]) => [k, v.host]))).toEqual({
      nl: "https://start.exactonline.nl",
      be: "https://start.exactonline.be",
      de: "https://start.exactonline.de",
      uk: "https://start.exactonline.co.uk",
      us: "https://start.exactonline.com",
      es: "https://start.exactonline.es",
      fr: "https://start.exactonline.fr",
    });
  });

  it("lets EXACT_BASE_URL replace the host for every region", () => {
    expect(exactBaseUrl("be")).toBe("https://start.exactonline.be");
    expect(exactBaseUrl("be", "http://sandbox.test/exact/")).toBe("http://sandbox.test/exact");
  });
});
