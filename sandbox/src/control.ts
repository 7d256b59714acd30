import { type Context, Hono } from "hono";
import { z } from "zod";
import type { SandboxEnv } from "./app-env";
import { bookEntryByHand, deleteEntryByHand, editEntryByHand } from "./exact/by-hand";
import { markEntryPaid } from "./exact/payments";
import { exactUsage, setExactUsage } from "./exact/rate-limit";
import { ExactFailure } from "./exact/values";
import { round2 } from "./ids";
import { SEED_PROFILES, type SeedProfile, seed } from "./seed";
import { FAULT_KINDS, type Fault } from "./state";
import { bookNewInvoice } from "./teamleader/book";
import { fireWebhooks } from "./teamleader/webhooks";

/**
 * The test-only control surface (`/__control/*`). The connector never calls it: tests and the demo
 * use it to reset and seed, inspect state, count calls, move the clock and inject faults.
 */
export const control = new Hono<SandboxEnv>();

const Reset = z.object({
  profile: z.enum(Object.keys(SEED_PROFILES) as [SeedProfile, ...SeedProfile[]]).default("demo"),
  rateLimits: z.boolean().default(true),
  /** Number of invoices for a generated profile (the benchmark's size). */
  invoices: z.number().int().min(0).max(50_000).optional(),
});
const FaultInput = z.object({
  method: z.enum(["GET", "POST", "PUT", "DELETE"]),
  path: z.string().min(1),
  kind: z.enum(FAULT_KINDS),
  times: z.number().int().min(1).default(1),
  delayMs: z.number().int().min(0).max(120_000).default(0),
  field: z.string().min(1).optional(),
});

control.post("/reset", async (c) => {
  const input = Reset.parse(await c.req.json().catch(() => ({})));
  const data = c.get("data");
  await data.clear();
  data.config = { rateLimits: input.rateLimits, clockOffsetMs: 0 };
  seed(data, input.profile, undefined, undefined, input.invoices);
  return c.json({ ok: true, profile: input.profile });
});

control.post("/config", async (c) => {
  const data = c.get("data");
  const input = z
    .object({
      rateLimits: z.boolean().optional(),
      clockOffsetMs: z.number().optional(),
      advanceClockMs: z.number().optional(),
    })
    .parse(await c.req.json());
  const current = data.config;
  data.config = {
    rateLimits: input.rateLimits ?? current.rateLimits,
    clockOffsetMs: input.clockOffsetMs ?? current.clockOffsetMs + (input.advanceClockMs ?? 0),
  };
  return c.json(data.config);
});

control.post("/faults", async (c) => {
  const data = c.get("data");
  const input = FaultInput.parse(await c.req.json());
  const fault: Fault = { id: crypto.randomUUID(), ...input };
  data.control.faults.put(fault.id, fault);
  return c.json(fault, 201);
});

control.get("/calls", (c) => c.json(Object.fromEntries(c.get("data").control.calls.rows)));
control.delete("/calls", (c) => {
  const calls = c.get("data").control.calls;
  for (const key of [...calls.rows.keys()]) calls.delete(key);
  return c.json({ ok: true });
});

/** Inspect any table: /__control/state/tl.documents, /__control/state/ex.salesEntries … */
control.get("/state/:table", (c) => {
  const data = c.get("data");
  const table = data.tables().find((t) => t.name === c.req.param("table"));
  return table ? c.json(table.all()) : c.json({ error: `unknown table ${c.req.param("table")}` }, 404);
});

control.get("/emails", (c) => c.json(c.get("data").control.emails.all()));

control.get("/deliveries", (c) => c.json(c.get("data").tl.deliveries.all()));

control.get("/exact/rate-limit/:division", (c) => c.json(exactUsage(c.get("data"), Number(c.req.param("division")))));
control.post("/exact/rate-limit", async (c) => {
  const input = z.object({ division: z.number().int(), usedToday: z.number().int().min(0) }).parse(await c.req.json());
  setExactUsage(c.get("data"), input.division, input.usedToday);
  return c.json(exactUsage(c.get("data"), input.division));
});

control.post("/exact/closed-periods", async (c) => {
  const data = c.get("data");
  const input = z
    .object({
      division: z.number().int(),
      period: z.string().regex(/^\d{4}-\d{2}$/),
      closed: z.boolean().default(true),
    })
    .parse(await c.req.json());
  const division = data.ex.divisions.get(String(input.division));
  if (!division) return c.json({ error: "unknown division" }, 404);
  const periods = new Set(division.closedPeriods);
  input.closed ? periods.add(input.period) : periods.delete(input.period);
  data.ex.divisions.put(String(input.division), { ...division, closedPeriods: [...periods].sort() });
  return c.json({ closedPeriods: [...periods] });
});

/** Creates (or, with `exists: false`, removes) a financial year in an Exact division: twelve monthly periods. */
control.post("/exact/fiscal-years", async (c) => {
  const data = c.get("data");
  const input = z
    .object({ division: z.number().int(), year: z.number().int(), exists: z.boolean().default(true) })
    .parse(await c.req.json());
  const division = data.ex.divisions.get(String(input.division));
  if (!division) return c.json({ error: "unknown division" }, 404);
  const others = division.fiscalYears.filter((y) => y !== input.year);
  const fiscalYears = (input.exists ? [...others, input.year] : others).sort();
  data.ex.divisions.put(String(input.division), { ...division, fiscalYears });
  return c.json({ fiscalYears });
});

/** Sets the Exact user's language, which Exact answers its business errors in. */
control.post("/exact/user", async (c) => {
  const data = c.get("data");
  const input = z.object({ LanguageCode: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/) }).parse(await c.req.json());
  for (const user of data.ex.users.all()) data.ex.users.put(user.UserID, { ...user, ...input });
  return c.json({ ok: true });
});

/** Marks an Exact sales entry fully paid: its receivable becomes IsFullyPaid with a new Timestamp. */
control.post("/exact/entries/:id/paid", (c) => {
  const term = markEntryPaid(c.get("data"), c.req.param("id"));
  if (!term) return c.json({ error: "no receivable for that entry" }, 404);
  return c.json({ ok: true, amount: round2(Number(term.AmountDC)) });
});

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Changes an entry as a bookkeeper would in Exact: its first line's amount or VAT, or its date. */
control.post("/exact/entries/:id/edit", async (c) => {
  const input = z
    .object({
      amountFC: z.number().optional(),
      vatAmountFC: z.number().optional(),
      entryDate: z.string().regex(DAY).optional(),
    })
    .parse(await c.req.json());
  return byHand(c, () => editEntryByHand(c.get("data"), c.req.param("id"), input));
});

/** Deletes an entry as a bookkeeper would in Exact. */
control.delete("/exact/entries/:id", (c) =>
  byHand(c, () => (deleteEntryByHand(c.get("data"), c.req.param("id")) ? { ok: true } : null)),
);

/** Books a sales entry by hand in Exact (not through the API the connector uses). */
control.post("/exact/entries", async (c) => {
  const input = z
    .object({
      division: z.number().int(),
      journal: z.string(),
      yourRef: z.string().nullable().default(null),
      entryDate: z.string().regex(DAY),
      amountFC: z.number(),
      vatCode: z.string().optional(),
    })
    .parse(await c.req.json());
  return byHand(c, () => bookEntryByHand(c.get("data"), input));
});

function byHand(c: Context<SandboxEnv>, work: () => unknown) {
  try {
    const result = work();
    return result ? c.json(result) : c.json({ error: "unknown entry" }, 404);
  } catch (error) {
    if (error instanceof ExactFailure) return c.json({ error: error.localized("en-GB").value }, 409);
    throw error;
  }
}

control.post("/teamleader/invoices", async (c) => {
  const input = z
    .object({ departmentId: z.string().optional(), customerId: z.string().optional() })
    .parse(await c.req.json().catch(() => ({})));
  const doc = await bookNewInvoice(c.get("data"), input);
  return c.json({ id: doc.id, number: doc.number }, 201);
});

control.post("/teamleader/documents/:id/:event{updated|deleted}", async (c) => {
  const data = c.get("data");
  const doc = data.tl.documents.get(c.req.param("id"));
  if (!doc) return c.json({ error: "unknown document" }, 404);
  const event = c.req.param("event");
  const patch = event === "deleted" ? { deleted: true } : await c.req.json().catch(() => ({}));
  data.tl.documents.put(doc.id, {
    ...doc,
    ...patch,
    updated_at: new Date(data.now()).toISOString().replace(/\.\d{3}Z$/, "+00:00"),
  });
  await fireWebhooks(data, `${doc.kind}.${event}`, { type: doc.kind, id: doc.id });
  return c.json({ ok: true });
});
