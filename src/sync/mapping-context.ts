import { eq } from "drizzle-orm";
import { glMappings, vatMappings } from "../db/schema";
import { AppError } from "../errors";
import type { JournalCurrency } from "../mapping/currency";
import type { MappingContext } from "../mapping/sales-entry";
import type { ConnectionContext } from "./context";
import { referenceData } from "./reference-data";
import { TeamleaderReference } from "./teamleader-reference";

export type RunMappings = Omit<MappingContext, "customerAccountId" | "creditedInvoiceNumber">;

/**
 * Everything the builder needs that is the same for every document of a run: the department's tax rates
 * and product-category ledgers (2 Teamleader calls, or none when `reference` still has them), the connection's VAT and GL mappings (D1), and the
 * currencies of the Exact division and journal (cached reference data).
 */
export async function loadRunMappings(
  ctx: ConnectionContext,
  reference: TeamleaderReference = new TeamleaderReference(0),
): Promise<RunMappings> {
  const departmentId = ctx.departmentId;
  const [{ rates, categories }, vat, gl, currencies] = await Promise.all([
    reference.load(ctx.tl, departmentId),
    ctx.db.select().from(vatMappings).where(eq(vatMappings.connectionId, ctx.connection.id)).all(),
    ctx.db.select().from(glMappings).where(eq(glMappings.connectionId, ctx.connection.id)).all(),
    exactCurrencies(ctx),
  ]);
  const [validVat, validGl] = await existingInExact(
    ctx,
    vat.map((m) => m.exactVatCode),
    [...gl.map((m) => m.exactGlAccountId), ctx.connection.defaultGlAccountId ?? ""],
  );
  return {
    journal: ctx.connection.salesJournal!,
    ...currencies,
    taxRates: new Map(rates.map((r) => [r.id, { rate: r.rate, description: r.description }])),
    // A mapping to a code or account that no longer exists in Exact counts as missing (Exact would refuse it).
    vatCodes: new Map(
      vat.filter((m) => validVat.has(m.exactVatCode.trim())).map((m) => [m.taxRateId, m.exactVatCode.trim()]),
    ),
    categoryLedgers: new Map(
      categories.map((c) => [
        c.id,
        {
          ledger: c.ledgers.find((l) => l.department.id === departmentId)?.ledger_account_number ?? null,
          name: c.name,
        },
      ]),
    ),
    glAccounts: new Map(
      gl.filter((m) => validGl.has(m.exactGlAccountId)).map((m) => [m.ledgerAccountNumber, m.exactGlAccountId]),
    ),
    defaultGlAccountId:
      ctx.connection.defaultGlAccountId && validGl.has(ctx.connection.defaultGlAccountId)
        ? ctx.connection.defaultGlAccountId
        : null,
    descriptionTemplate: ctx.options.descriptionTemplate,
  };
}

/** Checks mapped codes against the cached reference data, refreshing it once when something is missing. */
async function existingInExact(
  ctx: ConnectionContext,
  vatCodes: string[],
  glIds: string[],
): Promise<[Set<string>, Set<string>]> {
  const load = async (refresh: boolean) => {
    const [vat, gl] = await Promise.all([
      referenceData(ctx.db, ctx.exact, "vatCodes", { refresh }),
      referenceData(ctx.db, ctx.exact, "glAccounts", { refresh }),
    ]);
    return [
      new Set(vat.filter((v) => !v.IsBlocked).map((v) => v.Code.trim())),
      new Set(gl.filter((g) => !g.IsBlocked).map((g) => g.ID)),
    ] as [Set<string>, Set<string>];
  };
  const cached = await load(false);
  const missing = vatCodes.some((c) => !cached[0].has(c.trim())) || glIds.some((id) => id && !cached[1].has(id));
  return missing ? load(true) : cached;
}

/** The division's currency and the chosen journal's currency rules; refreshed once if the cache lacks them. */
async function exactCurrencies(
  ctx: ConnectionContext,
): Promise<{ divisionCurrency: string; journalCurrency: JournalCurrency }> {
  const code = ctx.connection.salesJournal!;
  const load = async (refresh: boolean) => {
    const [division, journals] = await Promise.all([
      referenceData(ctx.db, ctx.exact, "division", { refresh }),
      referenceData(ctx.db, ctx.exact, "journals", { refresh }),
    ]);
    return { currency: division[0]?.Currency ?? null, journal: journals.find((j) => j.Code === code) };
  };
  let found = await load(false);
  // A cache written before AllowVariableCurrency was read has the journal without it.
  if (!found.currency || found.journal?.AllowVariableCurrency === undefined) found = await load(true);
  if (!found.currency)
    throw new AppError("UPSTREAM_BAD_RESPONSE", `Exact did not give the currency of division ${ctx.division}.`, {
      source: "exact",
    });
  return {
    divisionCurrency: found.currency,
    journalCurrency: {
      code,
      currency: found.journal?.Currency ?? null,
      allowVariableCurrency: found.journal?.AllowVariableCurrency ?? null,
    },
  };
}
