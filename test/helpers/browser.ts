import { exports } from "cloudflare:workers";
import { consent } from "./sandbox";

/** A minimal browser for route tests: a cookie jar, manual redirects, and the sandbox's consent pages. */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly headers: Record<string, string> = {}) {}

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.headers)) headers.set(k, v);
    if (this.cookies.size) headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await exports.default.fetch(
      new Request(new URL(url, "http://connector.test"), { ...init, headers, redirect: "manual" }),
    );
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join("="));
    }
    return response;
  }

  get(url: string) {
    return this.request(url);
  }

  post(url: string, fields: Record<string, string>) {
    return this.request(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
  }

  /** The CSRF token of the page at `url` (from its form). */
  async csrf(url: string): Promise<string> {
    const html = await (await this.get(url)).text();
    return /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  }

  /** Follows an OAuth redirect through the sandbox's consent page and back to our callback. */
  async authorize(authorizeUrl: string, decision: "allow" | "deny" = "allow"): Promise<Response> {
    const back = await consent(authorizeUrl, decision);
    return this.get(back.pathname + back.search);
  }
}
