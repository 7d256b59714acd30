import { type AppError, isAppError } from "../errors";

/**
 * A write whose outcome is unknown: a 5xx without Exact's business-rule body, a timeout, a dropped connection,
 * or a success whose answer could not be read (the Exact client reports all of these as UPSTREAM_UNCERTAIN).
 * Exact may have committed it: look it up before writing again. An unreadable answer to a read is not this.
 */
export const isUncertainWrite = (error: unknown): error is AppError => isAppError(error, "UPSTREAM_UNCERTAIN");
