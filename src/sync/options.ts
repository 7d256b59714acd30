import { z } from "zod";
import { DEFAULT_DESCRIPTION_TEMPLATE } from "../mapping/description";

export const HISTORICAL_EXPORTS = ["none", "fiscal_year", "quarter", "month", "everything"] as const;

/** A connection's options (the `connections.options` JSON). */
/** A calendar quarter as the options and the API write it: `2026-Q3`. */
export const QUARTER = /^\d{4}-Q[1-4]$/;

export const ConnectionOptions = z.object({
  syncCreditNotes: z.boolean().default(true),
  descriptionTemplate: z.string().min(1).max(120).default(DEFAULT_DESCRIPTION_TEMPLATE),
  historicalExport: z.enum(HISTORICAL_EXPORTS).default("none"),
  /** For `quarter`: e.g. "2026-Q3". */
  quarter: z.string().regex(QUARTER).optional(),
  /** Fixed at activation: documents dated before this are not booked (null: everything). */
  startDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .default(null),
});

export type ConnectionOptions = z.infer<typeof ConnectionOptions>;

/**
 * The first document date to book for a historical-export choice, as of the activation day. The fiscal
 * year is taken as the calendar year [I: Exact's fiscal year can differ; the user then picks a quarter].
 */
export function startDateFor(
  choice: ConnectionOptions["historicalExport"],
  activatedOn: Date,
  quarter?: string,
): string | null {
  const y = activatedOn.getUTCFullYear();
  const m = activatedOn.getUTCMonth();
  const iso = (year: number, month: number) => new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
  switch (choice) {
    case "everything":
      return null;
    case "fiscal_year":
      return iso(y, 0);
    case "month":
      return iso(y, m);
    case "quarter": {
      const match = /^(\d{4})-Q([1-4])$/.exec(quarter ?? "");
      return match ? iso(Number(match[1]), (Number(match[2]) - 1) * 3) : iso(y, Math.floor(m / 3) * 3);
    }
    default:
      return activatedOn.toISOString().slice(0, 10);
  }
}
