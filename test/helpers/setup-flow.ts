import { expect } from "vitest";
import { TestBrowser } from "./browser";

/** Walks install → department → Exact → division → journal, as a person would. */
export async function setUpToMappings(departmentName = "Noordlicht Studio BV", division = "100001") {
  const browser = new TestBrowser();
  const start = await browser.get("/install");
  const back = await browser.authorize(start.headers.get("Location")!);
  const id = back.headers.get("Location")!.split("/")[2]!;
  const pick = async (step: string, field: string, value: (html: string) => string) => {
    const html = await (await browser.get(`/connections/${id}/setup/${step}`)).text();
    return browser.post(`/connections/${id}/setup/${step}`, {
      [field]: value(html),
      _csrf: /name="_csrf" value="([^"]+)"/.exec(html)![1]!,
    });
  };
  await pick(
    "department",
    "departmentId",
    (html) => new RegExp(`value="([^"]+)"[^>]*/?> ${departmentName}<`).exec(html)![1]!,
  );
  const region = await pick("exact", "region", () => "nl");
  await browser.authorize(region.headers.get("Location")!);
  await pick("division", "division", () => division);
  const journal = await pick("journal", "journal", () => "70");
  expect(journal.headers.get("Location")).toBe(`/connections/${id}/setup/vat`);
  return { browser, id };
}

/** Submits a page's form with its pre-filled values, changed by `edit`. */
export async function submitAsShown(
  browser: TestBrowser,
  url: string,
  edit: (fields: Record<string, string>) => void = () => {},
) {
  const html = await (await browser.get(url)).text();
  const fields: Record<string, string> = { _csrf: /name="_csrf" value="([^"]+)"/.exec(html)![1]! };
  for (const select of html.matchAll(/<select name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields[select[1]!] = /<option value="([^"]*)" selected=""/.exec(select[2]!)?.[1] ?? "";
  }
  edit(fields);
  return browser.post(url, fields);
}

/** A signed-in browser for the sandbox's Teamleader account (a plain sign-in: no connection is started). */
export async function signedIn(): Promise<TestBrowser> {
  const browser = new TestBrowser();
  const start = await browser.get("/install?next=/connections");
  await browser.authorize(start.headers.get("Location")!);
  return browser;
}
