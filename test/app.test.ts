import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("connector home", () => {
  it("says what the product is and links to the sandbox pages", async () => {
    const response = await exports.default.fetch("http://connector.test/");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Teamleader → Exact Online");
    expect(html).toContain('href="http://sandbox.test/exact"');
    expect(html).toContain('href="http://sandbox.test/teamleader"');
  });

  it("answers unknown routes with a JSON error in the shared vocabulary", async () => {
    const response = await exports.default.fetch("http://connector.test/nope");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: "NOT_FOUND", message: "No route for GET /nope" });
  });
});
