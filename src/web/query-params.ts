import { DOCUMENT_STATUSES } from "../db/schema";
import { AppError } from "../errors";

/** A whole number from the query string within [min, max]; absent means `fallback`. Anything else is a 400. */
export function wholeNumberParam(
  value: string | undefined,
  name: string,
  range: { min: number; max: number; fallback: number },
): number {
  if (value === undefined || value === "") return range.fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < range.min || n > range.max)
    throw new AppError("BAD_REQUEST", `${name} must be a whole number from ${range.min} to ${range.max}.`);
  return n;
}

/** Search text for the document list: at most 100 characters (a document number or a customer name). */
export function searchParam(value: string | undefined): string | undefined {
  const q = value?.trim();
  if (!q) return undefined;
  if (q.length > 100) throw new AppError("BAD_REQUEST", "Search for at most 100 characters.");
  return q;
}

/** A document status filter: one of the statuses a document can have. */
export function statusParam(value: string | undefined): (typeof DOCUMENT_STATUSES)[number] | undefined {
  if (!value) return undefined;
  const status = DOCUMENT_STATUSES.find((s) => s === value);
  if (!status) throw new AppError("BAD_REQUEST", `status must be one of ${DOCUMENT_STATUSES.join(", ")}.`);
  return status;
}
