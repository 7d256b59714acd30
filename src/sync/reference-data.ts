import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { exactReferenceData } from "../db/schema";
import * as exactApi from "../exact/api";
import type { ExactClient } from "../exact/client";
import { Division, GLAccount, Journal, VATCode } from "../exact/schemas";

const KINDS = {
  vatCodes: { fetch: exactApi.vatCodes, schema: z.array(VATCode) },
  glAccounts: { fetch: exactApi.glAccounts, schema: z.array(GLAccount) },
  journals: { fetch: exactApi.salesJournals, schema: z.array(Journal) },
  // The connection's own division (for its currency).
  division: {
    fetch: async (exact: ExactClient) => (await exactApi.divisions(exact)).filter((d) => d.Code === exact.division),
    schema: z.array(Division),
  },
} as const;

type Kind = keyof typeof KINDS;
type RowsOf<K extends Kind> = z.infer<(typeof KINDS)[K]["schema"]>;

const DAY_MS = 86_400_000;

/**
 * Exact's VAT codes, GL accounts, sales journals and the division itself, per division, cached in D1 and shared by every
 * connection on that division; refreshed when older than a day, or on demand after a miss.
 */
export async function referenceData<K extends Kind>(
  db: Db,
  exact: ExactClient,
  kind: K,
  options: { refresh?: boolean; now?: number } = {},
): Promise<RowsOf<K>> {
  const now = options.now ?? Date.now();
  const where = and(eq(exactReferenceData.division, exact.division), eq(exactReferenceData.kind, kind));
  if (!options.refresh) {
    const cached = await db.select().from(exactReferenceData).where(where).get();
    if (cached && now - cached.fetchedAt.getTime() < DAY_MS)
      return KINDS[kind].schema.parse(cached.payload) as RowsOf<K>;
  }
  const rows = (await KINDS[kind].fetch(exact)) as RowsOf<K>;
  const values = { division: exact.division, kind, payload: rows as unknown[], fetchedAt: new Date(now) };
  await db
    .insert(exactReferenceData)
    .values(values)
    .onConflictDoUpdate({
      target: [exactReferenceData.division, exactReferenceData.kind],
      set: { payload: values.payload, fetchedAt: values.fetchedAt },
    });
  return rows;
}
