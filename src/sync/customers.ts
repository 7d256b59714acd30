import { and, eq } from "drizzle-orm";
import { relationPairs } from "../db/schema";
import { AppError } from "../errors";
import * as exactApi from "../exact/api";
import type { Account } from "../exact/schemas";
import {
  type CustomerKeys,
  chooseMatch,
  customerKeys,
  type MatchedBy,
  newAccountFor,
  unusableVatNumber,
} from "../mapping/customer";
import type { SourceDocument } from "../mapping/source";
import { vatSpellings } from "../mapping/vat-number";
import * as tl from "../teamleader/api";
import { logEvent } from "./audit";
import type { ConnectionContext } from "./context";
import { isUncertainWrite } from "./uncertain";

type TlRef = SourceDocument["customer"];

/** What resolving a document's customer will do, decided before anything is written to Exact. */
export type CustomerPlan =
  | { kind: "known"; accountId: string }
  | { kind: "match"; ref: TlRef; keys: CustomerKeys; account: Account; matchedBy: MatchedBy }
  | { kind: "create"; ref: TlRef; keys: CustomerKeys; account: exactApi.NewAccount; leftOutVat: string | null };

/**
 * Reads only: a stored pair costs nothing; otherwise one Teamleader call (the company or contact) and one Exact
 * lookup by VAT number (every common spelling), chamber of commerce number or exact name. A customer Exact
 * would refuse is refused here, before any write.
 */
export async function planCustomer(ctx: ConnectionContext, doc: SourceDocument): Promise<CustomerPlan> {
  const ref = doc.customer;
  const known = await ctx.db.select().from(relationPairs).where(pairWhere(ctx, ref)).get();
  if (known) return { kind: "known", accountId: known.exactAccountId };

  const customer =
    ref.type === "company" ? await tl.companiesInfo(ctx.tl, ref.id) : await tl.contactsInfo(ctx.tl, ref.id);
  const keys = customerKeys(customer);
  const match = chooseMatch(await exactApi.findAccountCandidates(ctx.exact, candidateKeys(keys)), keys);
  if (match) return { kind: "match", ref, keys, ...match };
  if (!keys.name)
    throw new AppError(
      "UPSTREAM_BAD_RESPONSE",
      `The Teamleader ${ref.type} of ${doc.number} has no name, and Exact needs one for a new customer.`,
      { source: "teamleader" },
    );
  return { kind: "create", ref, keys, account: newAccountFor(customer), leftOutVat: unusableVatNumber(keys) };
}

/** How to take back what `applyCustomer` wrote, should Exact refuse the entry it was written for. */
export type CustomerWrite =
  | { kind: "created"; ref: TlRef; accountId: string }
  | { kind: "madeCustomer"; ref: TlRef; accountId: string; previousStatus: "A" | "S" | "P" };

/**
 * Writes what the plan says: nothing, status C on a matched relation, or one new account. An uncertain create
 * (5xx, timeout) is looked up by the same keys at once and adopted; only when it is not found does the error
 * go up (the next run looks again before creating). Returns the account and what was written to Exact.
 */
export async function applyCustomer(
  ctx: ConnectionContext,
  plan: CustomerPlan,
  log: { runId: number; documentPairId: number; number: string },
): Promise<{ accountId: string; write: CustomerWrite | null }> {
  if (plan.kind === "known") return { accountId: plan.accountId, write: null };
  if (plan.kind === "match") {
    const { account } = plan;
    // An existing relation that is not yet a customer (e.g. a supplier) needs status C for sales entries.
    const madeCustomer = account.Status !== "C";
    if (madeCustomer) await exactApi.updateAccount(ctx.exact, account.ID, { Status: "C" });
    await remember(ctx, plan.ref, account.ID, plan.matchedBy, log.runId, plan.keys.name, madeCustomer);
    if (!madeCustomer) return { accountId: account.ID, write: null };
    const previousStatus = account.Status === "S" || account.Status === "P" ? account.Status : "A";
    return {
      accountId: account.ID,
      write: { kind: "madeCustomer", ref: plan.ref, accountId: account.ID, previousStatus },
    };
  }

  if (plan.leftOutVat)
    await logEvent(ctx.db, {
      connectionId: ctx.connection.id,
      runId: log.runId,
      documentPairId: log.documentPairId,
      level: "warn",
      kind: "customer.vat_left_out",
      message: `Customer "${plan.keys.name}" was created in Exact without its VAT number ${plan.keys.vatNumber}: ${plan.leftOutVat}, and Exact refuses such a number. Correct it in Teamleader and Exact.`,
    });
  let accountId: string;
  try {
    accountId = (await exactApi.createAccount(ctx.exact, plan.account)).ID;
  } catch (error) {
    if (!isUncertainWrite(error)) throw error;
    const found = chooseMatch(await exactApi.findAccountCandidates(ctx.exact, candidateKeys(plan.keys)), plan.keys);
    if (!found) throw error;
    accountId = found.account.ID;
    await logEvent(ctx.db, {
      connectionId: ctx.connection.id,
      runId: log.runId,
      documentPairId: log.documentPairId,
      level: "info",
      kind: "customer.adopted",
      message: `Creating customer "${plan.keys.name}" got no clear answer from Exact (${(error as AppError).message}); the account was found in Exact and used, not created again.`,
    });
  }
  await remember(ctx, plan.ref, accountId, "created", log.runId, plan.keys.name, false);
  return { accountId, write: { kind: "created", ref: plan.ref, accountId } };
}

/**
 * Takes back a customer write that the document's refused entry made pointless: the new account is deleted,
 * a relation made a customer gets its old status back; the pair goes, so the next attempt plans again.
 */
export async function undoCustomerWrite(ctx: ConnectionContext, write: CustomerWrite) {
  if (write.kind === "created") await exactApi.deleteAccount(ctx.exact, write.accountId);
  else await exactApi.updateAccount(ctx.exact, write.accountId, { Status: write.previousStatus });
  await ctx.db.delete(relationPairs).where(pairWhere(ctx, write.ref));
}

const pairWhere = (ctx: ConnectionContext, ref: TlRef) =>
  and(
    eq(relationPairs.connectionId, ctx.connection.id),
    eq(relationPairs.tlType, ref.type),
    eq(relationPairs.tlId, ref.id),
  );

async function remember(
  ctx: ConnectionContext,
  ref: TlRef,
  accountId: string,
  matchedBy: MatchedBy | "created",
  runId: number,
  name: string,
  madeCustomer: boolean,
) {
  await ctx.db
    .insert(relationPairs)
    .values({ connectionId: ctx.connection.id, tlType: ref.type, tlId: ref.id, exactAccountId: accountId, matchedBy })
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
    message: `Customer "${name}" ${how}${madeCustomer ? " (made a customer: status C)" : ""}.`,
    details: { teamleader: { type: ref.type, id: ref.id }, exactAccountId: accountId },
  });
}

/** What to ask Exact for: the VAT number in each common spelling, as Exact keeps it as typed. */
const candidateKeys = (keys: { vatNumber: string | null; chamberOfCommerce: string | null; name: string }) => ({
  vatSpellings: keys.vatNumber ? vatSpellings(keys.vatNumber) : [],
  chamberOfCommerce: keys.chamberOfCommerce,
  name: keys.name,
});
