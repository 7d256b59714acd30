import { AppError, type SerializedAppError } from "../errors";

/**
 * What a Durable Object method returns: only an error's message survives RPC, so errors travel as data
 * and the caller turns them back into the same AppError (code, retryability, source).
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: SerializedAppError };

export async function settle<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toJSON() };
    console.error(error);
    return {
      ok: false,
      error: new AppError("INTERNAL", "Something went wrong on our side; it has been logged.").toJSON(),
    };
  }
}

export async function unwrap<T>(result: Promise<Result<T>> | Result<T>): Promise<T> {
  const settled = await result;
  if (settled.ok) return settled.value;
  throw AppError.fromJSON(settled.error);
}
