import { and, eq } from "drizzle-orm";
import { relationPairs } from "../db/schema";
import * as exactApi from "../exact/api";
import { chooseMatch, customerKeys, newAccountFor } from "../mapping/customer";
import type { SourceDocument } from "../mapping/source";
import * as tl from "../teamleader/api";
import { logEvent } from "./audit";
import type { ConnectionContext } from "./connection-context";

/**
 * The Exact account for a document's customer. Known pairs cost nothing; otherwise one Teamleader call
 * (the company or contact) and one Exact lookup by VAT number, chamber of commerce number or exact name,
 * and only when nothing matches, one create. The pair is stored at once, so a customer is created once;
 * an uncertain create is found by the same lookup next time.
 */
export async function resolveCustomer(ctx: ConnectionContext, doc: SourceDocument, runId: number): Promise<string> {
  const { type, id } = doc.customer;
  const where = and(
    eq(relationPairs.connectionId, ctx.connection.id),
    eq(relationPairs.tlType, type),
    eq(relationPairs.tlId, id),
  );
  const known = await ctx.db.select().from(relationPairs).where(where).get();
  if (known) return known.exactAccountId;

  const customer = type === "company" ? await tl.companiesInfo(ctx.tl, id) : await tl.contactsInfo(ctx.tl, id);
  const keys = customerKeys(customer);
  const match = chooseMatch(await exactApi.findAccountCandidates(ctx.exact, keys), keys);
  let accountId: string;
  let matchedBy: (typeof relationPairs.$inferInsert)["matchedBy"];
  if (match) {
    accountId = match.account.ID;
    matchedBy = match.matchedBy;
    // An existing relation that is not yet a customer (e.g. a supplier) needs status C for sales entries.
    if (match.account.Status !== "C") await exactApi.updateAccount(ctx.exact, accountId, { Status: "C" });
  } else {
    accountId = (await exactApi.createAccount(ctx.exact, newAccountFor(customer))).ID;
    matchedBy = "created";
  }
  await ctx.db
    .insert(relationPairs)
    .values({ connectionId: ctx.connection.id, tlType: type, tlId: id, exactAccountId: accountId, matchedBy })
    .onConflictDoNothing();
  const how = {
    created: "created in Exact",
    vat_number: "matched by VAT number",
    chamber_of_commerce: "matched by chamber of commerce number",
    name: "matched by name",
  }[matchedBy];
  await logEvent(ctx.db, {
    connectionId: ctx.connection.id,
    runId,
    level: "info",
    kind: matchedBy === "created" ? "customer.created" : "customer.matched",
    message: `Customer "${keys.name}" ${how}${match && match.account.Status !== "C" ? " (made a customer: status C)" : ""}.`,
    details: { teamleader: { type, id }, exactAccountId: accountId },
  });
  return accountId;
}
