import { AppError } from "../errors";

/**
 * A write whose outcome is unknown: a 5xx without Exact's business-rule body, a timeout, a dropped connection,
 * or a success whose answer could not be read. Exact may have committed it: look it up before writing again.
 */
export const isUncertainWrite = (error: unknown): error is AppError =>
  error instanceof AppError &&
  (error.code === "UPSTREAM_UNCERTAIN" || (error.code === "UPSTREAM_BAD_RESPONSE" && error.source === "exact"));
