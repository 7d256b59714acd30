/**
 * One error vocabulary for the whole connector. Every failure carries a code from this closed set,
 * and the code says whether trying again can help.
 */
export const ERROR_CODES = {
  BAD_REQUEST: { status: 400, retryable: false },
  UNAUTHORIZED: { status: 401, retryable: false },
  FORBIDDEN: { status: 403, retryable: false },
  NOT_FOUND: { status: 404, retryable: false },
  CONFLICT: { status: 409, retryable: false },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false },
  ENV_INVALID: { status: 500, retryable: false },
  /** A rate limit answered 429 or the budget is spent; wait until `retryAt`. */
  RATE_LIMITED: { status: 503, retryable: true },
  /** The API answered 5xx (not a business rejection) or could not be reached. */
  UPSTREAM_UNAVAILABLE: { status: 502, retryable: true },
  /** A write may or may not have happened (timeout or 5xx after a POST): look it up before writing again. */
  UPSTREAM_UNCERTAIN: { status: 502, retryable: true },
  /** The API refused the request as invalid (4xx). Retrying the same request gives the same answer. */
  UPSTREAM_REJECTED: { status: 502, retryable: false },
  /** Teamleader or Exact refused this user or app the request (their 403): rights or scopes to change there. */
  UPSTREAM_FORBIDDEN: { status: 502, retryable: false },
  /** Teamleader or Exact has no such record (their 404); not one of our own pages or connections. */
  UPSTREAM_NOT_FOUND: { status: 502, retryable: false },
  /** The API answered with a shape we do not understand. */
  UPSTREAM_BAD_RESPONSE: { status: 502, retryable: false },
  /** Exact refused the entry for a business rule (closed period, unknown VAT code...); its text is kept. */
  EXACT_BUSINESS_RULE: { status: 422, retryable: false },
  /** The OAuth grant is gone (revoked, refresh token reused or expired): a person must connect again. */
  RECONSENT_REQUIRED: { status: 401, retryable: false },
  /** A tax rate or ledger number has no mapping yet. */
  MAPPING_MISSING: { status: 422, retryable: false },
  /** Exact has no financial period for the document's date (its financial year is not created yet). */
  FINANCIAL_PERIOD_MISSING: { status: 422, retryable: false },
  INTERNAL: { status: 500, retryable: false },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface AppErrorOptions {
  /** When a retry makes sense: the moment the limit resets (epoch ms). */
  retryAt?: number;
  /** The upstream HTTP status, when the error came from an API. */
  upstreamStatus?: number;
  /** Which system answered: shown to the user so they know where to look. */
  source?: "teamleader" | "exact" | "connector";
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryAt?: number;
  readonly upstreamStatus?: number;
  readonly source: "teamleader" | "exact" | "connector";

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.retryAt = options.retryAt;
    this.upstreamStatus = options.upstreamStatus;
    this.source = options.source ?? "connector";
  }

  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  toJSON(): SerializedAppError {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      source: this.source,
      ...(this.retryAt !== undefined ? { retryAt: this.retryAt } : {}),
      ...(this.upstreamStatus !== undefined ? { upstreamStatus: this.upstreamStatus } : {}),
    };
  }

  /** The same error again after it crossed a boundary as data (RPC to a Durable Object, a queue message). */
  static fromJSON(json: SerializedAppError): AppError {
    return new AppError(json.code, json.message, {
      retryAt: json.retryAt,
      upstreamStatus: json.upstreamStatus,
      source: json.source,
    });
  }
}

export interface SerializedAppError {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  source: "teamleader" | "exact" | "connector";
  retryAt?: number;
  upstreamStatus?: number;
}

/** The first problem zod found, as "field: message" (or the message alone at the top level). */
export function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  const where = issue?.path.map(String).join(".");
  return where ? `${where}: ${issue?.message}` : (issue?.message ?? "invalid");
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
