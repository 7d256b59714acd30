import type { SalesEntryInput, SalesEntryLineInput } from "../exact/api";
import { allocateCents, fromCents, toCents } from "./allocate";
import { checkCurrency, type JournalCurrency } from "./currency";
import { renderDescription } from "./description";
import type { SourceDocument } from "./source";

export interface MappingContext {
  journal: string;
  /** The chosen journal's currency rules. */
  journalCurrency: JournalCurrency;
  /** The Exact division's own currency (system/Divisions `Currency`). */
  divisionCurrency: string;
  /** The Exact account id of the customer (a placeholder is fine for a preview). */
  customerAccountId: string;
  /** Teamleader tax-rate id → its rate and description (the department's tax rates). */
  taxRates: Map<string, { rate: number; description: string }>;
  /** Teamleader tax-rate id → Exact VAT code. */
  vatCodes: Map<string, string>;
  /** Teamleader product-category id → { ledger number for this department, category name }. */
  categoryLedgers: Map<string, { ledger: string | null; name: string }>;
  /** Ledger number → Exact GL account id. */
  glAccounts: Map<string, string>;
  defaultGlAccountId: string | null;
  descriptionTemplate: string;
  /** Number of the invoice a credit note credits, when known. */
  creditedInvoiceNumber?: string | null;
}

export interface MappingProblem {
  kind: "vat_code" | "gl_account" | "default_gl_account" | "tax_rate" | "totals" | "exchange_rate" | "journal_currency";
  /** The Teamleader tax-rate id or ledger number the problem is about. */
  subject: string;
  message: string;
}

export interface EntryTotals {
  excl: number;
  vat: number;
  incl: number;
}

/** A foreign-currency document in the division's currency, so an accountant can check the rate. */
export interface DivisionAmounts {
  currency: string;
  /** Exact's `Rate`: 1 document-currency unit in the division's currency. */
  rate: number;
  incl: number;
}

export type BuildResult =
  | { ok: true; entry: SalesEntryInput; totals: EntryTotals; division: DivisionAmounts | null }
  | { ok: false; problems: MappingProblem[] };

/**
 * Builds the Exact sales entry for a Teamleader document. Pure: the preview and the real write call this
 * same function. Amounts: per VAT rate, the lines' amounts and VAT are allocated in whole cents so that
 * they add up to Teamleader's `taxes[]` (taxable base and VAT per rate) exactly; the invoice discount is
 * thereby spread over the lines. Credit notes are booked with negative amounts in the same journal.
 */
export function buildSalesEntry(doc: SourceDocument, ctx: MappingContext): BuildResult {
  const problems = new Map<string, MappingProblem>();
  const mapped = doc.lines.map((line) => {
    const rate = ctx.taxRates.get(line.taxRateId);
    if (!rate)
      problems.set(`tax:${line.taxRateId}`, {
        kind: "tax_rate",
        subject: line.taxRateId,
        message: `Line "${line.description}" uses a Teamleader tax rate that is not in the department's list (${line.taxRateId}). Reload the tax rates on the VAT mapping page.`,
      });
    const vatCode = ctx.vatCodes.get(line.taxRateId);
    if (rate && !vatCode) {
      problems.set(`vat:${line.taxRateId}`, {
        kind: "vat_code",
        subject: line.taxRateId,
        message: `Tax rate "${rate.description}" (${formatRate(rate.rate)}) has no Exact VAT code. Choose one on the VAT mapping page.`,
      });
    }
    const category = line.categoryId ? ctx.categoryLedgers.get(line.categoryId) : undefined;
    let glAccount: string | undefined;
    if (category?.ledger) {
      glAccount = ctx.glAccounts.get(category.ledger);
      if (!glAccount) {
        problems.set(`gl:${category.ledger}`, {
          kind: "gl_account",
          subject: category.ledger,
          message: `Ledger account ${category.ledger} (product category "${category.name}") has no Exact GL account. Choose one on the ledger mapping page.`,
        });
      }
    } else {
      glAccount = ctx.defaultGlAccountId ?? undefined;
      if (!glAccount)
        problems.set("gl:default", {
          kind: "default_gl_account",
          subject: "default",
          message:
            "Lines without a product category need a default revenue GL account. Choose one on the ledger mapping page.",
        });
    }
    return { line, rate: rate?.rate ?? 0, vatCode: vatCode ?? "", glAccount: glAccount ?? "" };
  });
  const currency = checkCurrency(doc, ctx.divisionCurrency, ctx.journalCurrency);
  if (!currency.ok)
    problems.set(currency.kind, { kind: currency.kind, subject: doc.currency, message: currency.message });
  if (problems.size || !currency.ok) return { ok: false, problems: [...problems.values()] };

  const sign = doc.kind === "creditNote" ? -1 : 1;
  const amounts = new Array<number>(mapped.length).fill(0);
  const vats = new Array<number>(mapped.length).fill(0);
  for (const rate of new Set(mapped.map((m) => m.rate))) {
    const indexes = mapped.flatMap((m, i) => (m.rate === rate ? [i] : []));
    // Teamleader may list two tax rates with one percentage (0% exempt and 0% intra-EU): their sums together.
    const atRate = doc.taxes.filter((t) => Math.abs(t.rate - rate) < 1e-9);
    const target = atRate.length
      ? {
          taxable: atRate.reduce((a, t) => a + toCents(t.taxable), 0),
          tax: atRate.reduce((a, t) => a + toCents(t.tax), 0),
        }
      : null;
    const lineCents = indexes.map((i) => toCents(mapped[i]!.line.amountExcl));
    const base = allocateCents(target ? target.taxable : lineCents.reduce((a, b) => a + b, 0), lineCents);
    // Without Teamleader's figure for a rate, its lines' own VAT (inclusive minus exclusive) is the best sum.
    const lineVat = indexes.reduce((a, i) => a + toCents(mapped[i]!.line.amountIncl - mapped[i]!.line.amountExcl), 0);
    const vat = allocateCents(target ? target.tax : lineVat, base);
    indexes.forEach((lineIndex, k) => {
      amounts[lineIndex] = base[k]!;
      vats[lineIndex] = vat[k]!;
    });
  }

  const lines: SalesEntryLineInput[] = mapped.map((m, i) => ({
    GLAccount: m.glAccount,
    AmountFC: fromCents(sign * amounts[i]!),
    VATCode: m.vatCode,
    VATAmountFC: fromCents(sign * vats[i]!),
    Description: m.line.description.slice(0, 60),
    Quantity: sign * m.line.quantity,
  }));

  const exclCents = amounts.reduce((a, b) => a + b, 0);
  const vatCents = vats.reduce((a, b) => a + b, 0);
  if (exclCents + vatCents !== toCents(doc.totalIncl)) {
    const message = `Teamleader's total ${doc.totalIncl.toFixed(2)} does not equal its lines and VAT (${fromCents(exclCents + vatCents).toFixed(2)}); not booked.`;
    return { ok: false, problems: [{ kind: "totals", subject: doc.number, message }] };
  }

  const entry: SalesEntryInput = {
    Journal: ctx.journal,
    Customer: ctx.customerAccountId,
    EntryDate: doc.date,
    ...(doc.dueDate ? { DueDate: doc.dueDate } : {}),
    YourRef: doc.number,
    Description: renderDescription(
      ctx.descriptionTemplate,
      {
        number: doc.number,
        customer: doc.customer.name,
        date: doc.date,
        po: doc.purchaseOrder,
        creditedInvoice: ctx.creditedInvoiceNumber ?? null,
      },
      doc.kind,
    ),
    ...(currency.foreign ? { Currency: currency.foreign.currency, Rate: currency.foreign.exactRate } : {}),
    ...(doc.paymentReference ? { PaymentReference: doc.paymentReference } : {}),
    SalesEntryLines: lines,
  };
  return {
    ok: true,
    entry,
    totals: {
      excl: fromCents(sign * exclCents),
      vat: fromCents(sign * vatCents),
      incl: fromCents(sign * (exclCents + vatCents)),
    },
    division: currency.foreign
      ? {
          currency: currency.foreign.divisionCurrency,
          rate: currency.foreign.exactRate,
          incl: fromCents(Math.round(sign * (exclCents + vatCents) * currency.foreign.exactRate)),
        }
      : null,
  };
}

function formatRate(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}
