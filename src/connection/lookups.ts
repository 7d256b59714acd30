import { eq } from "drizzle-orm";
import type { z } from "zod";
import { createTokenCipher } from "../crypto/token-cipher";
import { createDb } from "../db/client";
import { connections } from "../db/schema";
import type { Env } from "../env";
import { AppError } from "../errors";
import * as exactApi from "../exact/api";
import type { Division, GLAccount, Journal, VATCode } from "../exact/schemas";
import { referenceData } from "../sync/reference-data";
import * as tl from "../teamleader/api";
import type { Department, ProductCategory, TaxRate } from "../teamleader/schemas";
import { exactClientFor, teamleaderClientFor } from "./context";

export type SetupLookup =
  | { kind: "departments" }
  | { kind: "divisions" }
  | { kind: "journals"; division: number }
  | { kind: "taxRates" }
  | { kind: "categories" }
  | { kind: "vatCodes"; refresh?: boolean }
  | { kind: "glAccounts"; refresh?: boolean };

export type SetupLookupResult =
  | z.infer<typeof Department>[]
  | Division[]
  | Journal[]
  | TaxRate[]
  | ProductCategory[]
  | VATCode[]
  | GLAccount[];

/** What the setup pages offer: the user's departments, divisions and a division's sales journals. */
export async function setupLookup(env: Env, connectionId: string, lookup: SetupLookup): Promise<SetupLookupResult> {
  const db = createDb(env.DB);
  const connection = await db.select().from(connections).where(eq(connections.id, connectionId)).get();
  if (!connection) throw new AppError("NOT_FOUND", "This connection does not exist.");
  const cipher = await createTokenCipher(env.TOKEN_ENCRYPTION_KEY);
  if (lookup.kind === "departments") {
    const departments = await tl.departmentsList(teamleaderClientFor(env, db, cipher, connectionId));
    return departments.filter((d) => d.status !== "archived");
  }
  if (lookup.kind === "taxRates" || lookup.kind === "categories") {
    if (!connection.departmentId) throw new AppError("CONFLICT", "Choose the Teamleader department first.");
    const client = teamleaderClientFor(env, db, cipher, connectionId);
    return lookup.kind === "taxRates"
      ? tl.taxRatesList(client, connection.departmentId)
      : tl.productCategoriesList(client, connection.departmentId);
  }
  if (lookup.kind === "vatCodes" || lookup.kind === "glAccounts") {
    if (!connection.exactRegion || !connection.exactDivision)
      throw new AppError("CONFLICT", "Choose the Exact administration first.");
    const exact = exactClientFor(env, db, cipher, connectionId, connection.exactRegion, connection.exactDivision);
    return referenceData(db, exact, lookup.kind, { refresh: lookup.refresh });
  }
  if (!connection.exactRegion) throw new AppError("CONFLICT", "Connect Exact Online first.");
  // system/Divisions needs a division in its path: the user's current one (from current/Me) will do.
  const current =
    lookup.kind === "journals"
      ? lookup.division
      : (await exactApi.me(exactClientFor(env, db, cipher, connectionId, connection.exactRegion, 0)))?.CurrentDivision;
  if (!current)
    throw new AppError("UPSTREAM_BAD_RESPONSE", "Exact Online did not say which administration this user works in.", {
      source: "exact",
    });
  const exact = exactClientFor(env, db, cipher, connectionId, connection.exactRegion, current);
  return lookup.kind === "divisions"
    ? (await exactApi.divisions(exact)).filter((d) => d.Status !== 2)
    : exactApi.salesJournals(exact);
}
