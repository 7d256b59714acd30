import { and, eq, inArray, ne } from "drizzle-orm";
import { documentPairs } from "../db/schema";
import { isAppError } from "../errors";
import * as exactApi from "../exact/api";
import type { PaymentTerm } from "../exact/schemas";
import { amountToRegister } from "../mapping/payment";
import * as tl from "../teamleader/api";
import type { Invoice } from "../teamleader/schemas";
import { logEvent } from "./audit";
import type { ConnectionContext } from "./context";
import { readCursor, writeCursor } from "./cursors";

const lastOf = (dates: (string | null)[]) =>
  dates
    .filter((d): d is string => Boolean(d))
    .sort()
    .at(-1) ?? null;

const CURSOR = "exact.paymentTerms";
const RECEIVABLE = 20;

/**
 * Payments back: reads Exact's payment terms changed since the stored Timestamp (one call when nothing
 * changed) and, for our invoices that became fully paid, registers on the Teamleader invoice what Exact says
 * was paid (the receivable's AmountFC), never more than Teamleader's due, at the last payment date. Exactly
 * once: a pair remembers that it was passed back, and an invoice Teamleader already shows as paid is left
 * alone. Never for credit notes.
 */
export async function paymentsBack(ctx: ConnectionContext, runId: number): Promise<number> {
  let cursor = (await readCursor<string>(ctx.db, ctx.connection.id, CURSOR)) ?? "1";
  let registered = 0;
  // An invoice Teamleader answers unreadably holds the cursor at its page, so it is tried again next run.
  let held = false;
  for await (const page of exactApi.paymentTermPages(ctx.exact, cursor)) {
    // A receivable can be split into several terms; each fully paid one counts.
    const byEntry = new Map<string, PaymentTerm[]>();
    for (const t of page)
      if (t.LineType === RECEIVABLE && t.IsFullyPaid && t.TransactionEntryID)
        byEntry.set(t.TransactionEntryID, [...(byEntry.get(t.TransactionEntryID) ?? []), t]);
    const entries = [...byEntry];
    for (let i = 0; i < entries.length; i += 50) {
      const result = await passBack(ctx, new Map(entries.slice(i, i + 50)), runId);
      registered += result.registered;
      held ||= result.unreadable;
    }
    if (held) continue;
    for (const term of page) if (BigInt(term.Timestamp) > BigInt(cursor)) cursor = term.Timestamp;
    await writeCursor(ctx.db, ctx.connection.id, CURSOR, cursor);
  }
  return registered;
}

async function passBack(ctx: ConnectionContext, byEntry: Map<string, PaymentTerm[]>, runId: number) {
  let unreadable = false;
  const pairs = await ctx.db
    .select()
    .from(documentPairs)
    .where(
      and(
        eq(documentPairs.connectionId, ctx.connection.id),
        inArray(documentPairs.exactEntryId, [...byEntry.keys()]),
        ne(documentPairs.status, "deleted"),
      ),
    );
  let registered = 0;
  for (const pair of pairs) {
    if (!pair.exactPaid)
      await ctx.db
        .update(documentPairs)
        .set({ exactPaid: true, updatedAt: new Date() })
        .where(eq(documentPairs.id, pair.id));
    if (pair.tlType !== "invoice" || pair.paidBackAt) continue;
    const paidTerms = byEntry.get(pair.exactEntryId!)!;
    let invoice: Invoice;
    try {
      invoice = await tl.invoicesInfo(ctx.tl, pair.tlId);
    } catch (error) {
      if (isAppError(error, "UPSTREAM_NOT_FOUND")) {
        // Gone from Teamleader: nothing to mark paid there, now or later.
        await markPassedBack(ctx, pair.id);
        await logEvent(ctx.db, {
          connectionId: ctx.connection.id,
          runId,
          documentPairId: pair.id,
          level: "warn",
          kind: "payment.gone",
          message: `Invoice ${pair.tlNumber} is paid in Exact but no longer exists in Teamleader; nothing was registered there.`,
        });
        continue;
      }
      if (!isAppError(error, "UPSTREAM_BAD_RESPONSE")) throw error;
      unreadable = true;
      await logEvent(ctx.db, {
        connectionId: ctx.connection.id,
        runId,
        documentPairId: pair.id,
        level: "error",
        kind: "payment.unreadable",
        message: `Invoice ${pair.tlNumber} is paid in Exact, but Teamleader's answer for it could not be read (${error.message}); the payment is passed back when it can be.`,
      });
      continue;
    }
    const due = invoice.total.due.amount;
    const amount = amountToRegister(
      paidTerms.map((t) => t.AmountFC),
      due,
    );
    if (invoice.paid || invoice.status === "matched" || amount === null) {
      await markPassedBack(ctx, pair.id);
      continue;
    }
    const paidAt = lastOf(paidTerms.map((t) => t.LastPaymentDate)) ?? new Date().toISOString();
    await tl.invoicesRegisterPayment(ctx.tl, pair.tlId, {
      amount,
      currency: invoice.currency,
      paidAt: paidAt.replace(/\.\d{3}Z$/, "+00:00"),
    });
    await markPassedBack(ctx, pair.id);
    await logEvent(ctx.db, {
      connectionId: ctx.connection.id,
      runId,
      documentPairId: pair.id,
      level: "info",
      kind: "payment.registered",
      message: `Invoice ${pair.tlNumber} is fully paid in Exact (entry ${pair.exactEntryNumber}); ${invoice.currency} ${amount.toFixed(2)} registered as paid in Teamleader on ${paidAt.slice(0, 10)}${amount < due ? ` (Teamleader showed ${due.toFixed(2)} due; Exact's receivable was ${amount.toFixed(2)})` : ""}.`,
    });
    registered++;
  }
  return { registered, unreadable };
}

/** Done with this invoice's payment: registered, already settled in Teamleader, or gone from it. */
const markPassedBack = (ctx: ConnectionContext, pairId: number) =>
  ctx.db
    .update(documentPairs)
    .set({ paidBackAt: new Date(), updatedAt: new Date() })
    .where(eq(documentPairs.id, pairId));
