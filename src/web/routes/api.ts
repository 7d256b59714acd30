import { and, desc, eq, ne } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { type ConnectionClient, connectionClient } from "../../connection/client";
import { createDb } from "../../db/client";
import { connections, documentPairs, glMappings, vatMappings } from "../../db/schema";
import { AppError, firstIssue } from "../../errors";
import { ConnectionOptions, HISTORICAL_EXPORTS, QUARTER } from "../../sync/options";
import { connectionAction } from "../actions";
import type { AppEnv } from "../app-env";
import * as ops from "../operations";
import { ownConnection } from "../own-connection";
import { documentHistory, documentList, lastRuns, statusCounts } from "../queries";
import { searchParam, statusParam, wholeNumberParam } from "../query-params";
import { endSession } from "../session";

/**
 * The JSON API: everything the pages can do, with the same session. Writes carry `X-CSRF-Token`
 * (from GET /api/session). Errors are `{code, message}` with the matching status.
 */
export const apiRoutes = new Hono<AppEnv>();

async function body<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new AppError("BAD_REQUEST", "The request body must be JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("BAD_REQUEST", firstIssue(parsed.error));
  }
  return parsed.data;
}

const db = (c: Context<AppEnv>) => createDb(c.get("env").DB);
const own = (c: Context<AppEnv>) => ownConnection(c, c.req.param("id")!);
const view = (row: typeof connections.$inferSelect) => {
  const { webhookSecretHash, ...rest } = row;
  return { ...rest, options: ConnectionOptions.parse(row.options ?? {}) };
};

apiRoutes.get("/session", (c) => {
  const { userId, accountId, csrf } = c.get("session");
  return c.json({ userId, accountId, csrfToken: csrf });
});

apiRoutes.delete("/session", (c) => {
  endSession(c);
  return c.body(null, 204);
});

apiRoutes.get("/connections", async (c) => {
  const rows = await db(c)
    .select()
    .from(connections)
    .where(and(eq(connections.accountId, c.get("session").accountId), ne(connections.status, "disconnected")))
    .orderBy(desc(connections.createdAt))
    .all();
  return c.json({
    connections: await Promise.all(
      rows.map(async (row) => ({ ...view(row), documents: await statusCounts(db(c), row.id) })),
    ),
  });
});

apiRoutes.get("/connections/:id", async (c) => {
  const connection = await own(c);
  const [documents, runs] = await Promise.all([statusCounts(db(c), connection.id), lastRuns(db(c), connection.id, 1)]);
  return c.json({ ...view(connection), documents, lastRun: runs[0] ?? null });
});

const LOOKUPS = new Map([
  ["departments", "departments"],
  ["divisions", "divisions"],
  ["tax-rates", "taxRates"],
  ["product-categories", "categories"],
  ["vat-codes", "vatCodes"],
  ["gl-accounts", "glAccounts"],
] as const);

const LOOKUP_CALLS = {
  departments: (client: ConnectionClient) => client.departments(),
  divisions: (client: ConnectionClient) => client.divisions(),
  taxRates: (client: ConnectionClient) => client.taxRates(),
  categories: (client: ConnectionClient) => client.categories(),
  vatCodes: (client: ConnectionClient) => client.vatCodes(),
  glAccounts: (client: ConnectionClient) => client.glAccounts(),
};

apiRoutes.get("/connections/:id/lookups/:what", async (c) => {
  const connection = await own(c);
  const what = c.req.param("what");
  if (what === "journals") return c.json({ items: await ops.salesJournals(c.get("env"), connection) });
  const kind = LOOKUPS.get(what as never);
  if (!kind)
    throw new AppError("NOT_FOUND", `Unknown list ${what}; one of ${[...LOOKUPS.keys(), "journals"].join(", ")}.`);
  const client = connectionClient(c.get("env"), connection.id);
  return c.json({ items: await LOOKUP_CALLS[kind](client) });
});

apiRoutes.put("/connections/:id/department", async (c) => {
  const connection = await own(c);
  const { departmentId } = await body(c, z.object({ departmentId: z.string().min(1) }));
  const { existing } = await ops.chooseDepartment(c.get("env"), db(c), connection, departmentId);
  if (existing)
    throw new AppError(
      "CONFLICT",
      `This department already has a connection (${existing}); this unfinished one was removed.`,
    );
  return c.json({ ok: true });
});

apiRoutes.put("/connections/:id/division", async (c) => {
  const { division } = await body(c, z.object({ division: z.number().int().positive() }));
  const { review } = await ops.chooseDivision(c.get("env"), db(c), await own(c), division);
  return c.json({ ok: true, ...(review ? { paused: true, message: (await own(c)).mappingsReview } : {}) });
});

apiRoutes.put("/connections/:id/journal", async (c) => {
  const { journal } = await body(c, z.object({ journal: z.string().min(1).max(10) }));
  const { review } = await ops.chooseJournal(c.get("env"), db(c), await own(c), journal);
  return c.json({ ok: true, ...(review ? { paused: true, message: (await own(c)).mappingsReview } : {}) });
});

apiRoutes.get("/connections/:id/vat-mappings", async (c) => {
  const connection = await own(c);
  return c.json({
    mappings: await db(c).select().from(vatMappings).where(eq(vatMappings.connectionId, connection.id)).all(),
  });
});

apiRoutes.put("/connections/:id/vat-mappings", async (c) => {
  const input = await body(
    c,
    z.object({ mappings: z.array(z.object({ taxRateId: z.string().min(1), exactVatCode: z.string().min(1).max(3) })) }),
  );
  const connection = await own(c);
  await ops.saveVatMappings(c.get("env"), db(c), connection, input.mappings);
  ops.syncSoon(c.get("env"), c.executionCtx as ExecutionContext, connection);
  return c.json({ ok: true });
});

apiRoutes.get("/connections/:id/gl-mappings", async (c) => {
  const connection = await own(c);
  return c.json({
    mappings: await db(c).select().from(glMappings).where(eq(glMappings.connectionId, connection.id)).all(),
    defaultGlAccountId: connection.defaultGlAccountId,
  });
});

apiRoutes.put("/connections/:id/gl-mappings", async (c) => {
  const input = await body(
    c,
    z.object({
      mappings: z.array(z.object({ ledgerAccountNumber: z.string().min(1), exactGlAccountId: z.string().min(1) })),
      defaultGlAccountId: z.string().nullable(),
    }),
  );
  const connection = await own(c);
  await ops.saveGlMappings(c.get("env"), db(c), connection, input.mappings, input.defaultGlAccountId);
  ops.syncSoon(c.get("env"), c.executionCtx as ExecutionContext, connection);
  return c.json({ ok: true });
});

apiRoutes.get("/connections/:id/options", async (c) => c.json(ConnectionOptions.parse((await own(c)).options ?? {})));

apiRoutes.put("/connections/:id/options", async (c) => {
  // Explicit optional fields: ConnectionOptions.partial() would keep its defaults and reset what was not sent.
  const input = await body(
    c,
    z.strictObject({
      syncCreditNotes: z.boolean().optional(),
      descriptionTemplate: z.string().trim().min(1).max(120).optional(),
      historicalExport: z.enum(HISTORICAL_EXPORTS).optional(),
      quarter: z.string().regex(QUARTER).optional(),
    }),
  );
  return c.json(await ops.saveOptions(db(c), await own(c), input));
});

apiRoutes.get("/connections/:id/preview", async (c) => {
  const connection = await own(c);
  return c.json(
    await connectionClient(c.get("env"), connection.id).preview(
      wholeNumberParam(c.req.query("limit"), "limit", { min: 1, max: 20, fallback: 5 }),
    ),
  );
});

apiRoutes.get("/connections/:id/documents", async (c) => {
  const connection = await own(c);
  return c.json({
    documents: await documentList(
      db(c),
      connection.id,
      { status: statusParam(c.req.query("status")), q: searchParam(c.req.query("q")) },
      wholeNumberParam(c.req.query("limit"), "limit", { min: 1, max: 500, fallback: 50 }),
    ),
  });
});

apiRoutes.get("/connections/:id/documents/:pairId", async (c) => {
  const connection = await own(c);
  const pair = await db(c)
    .select()
    .from(documentPairs)
    .where(
      and(eq(documentPairs.connectionId, connection.id), eq(documentPairs.id, Number(c.req.param("pairId")) || -1)),
    )
    .get();
  if (!pair) throw new AppError("NOT_FOUND", "There is no such document in this connection.");
  return c.json({ document: pair, history: await documentHistory(db(c), connection.id, pair.id) });
});

apiRoutes.get("/connections/:id/runs", async (c) => c.json({ runs: await lastRuns(db(c), (await own(c)).id, 50) }));

apiRoutes.post("/connections/:id/:action", async (c) => {
  const action = connectionAction(c.req.param("action"));
  const connection = await own(c);
  await action({ env: c.get("env"), db: db(c), executionCtx: c.executionCtx as ExecutionContext }, connection);
  return c.json({ ok: true }, 202);
});
