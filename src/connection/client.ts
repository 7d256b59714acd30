import type { z } from "zod";
import type { Env } from "../env";
import type { Division, GLAccount, Journal, VATCode } from "../exact/schemas";
import type { RunTrigger } from "../sync/audit";
import type { RunLimits } from "../sync/connection-object";
import type { DocumentRef } from "../sync/document-source";
import type { Preview, PreviewDocument } from "../sync/preview";
import { connectionStub } from "../sync/queue";
import type { Department, ProductCategory, TaxRate } from "../teamleader/schemas";
import { unwrap } from "./result";

/**
 * The one way the web layer reaches a connection's Durable Object: typed calls that answer with values, or
 * throw the same AppError the object raised (a 409 stays a 409, a lost grant stays "reconnect").
 */
export function connectionClient(env: Env, connectionId: string) {
  const stub = connectionStub(env, connectionId);
  return {
    departments: () =>
      unwrap(stub.lookup(connectionId, { kind: "departments" })) as Promise<z.infer<typeof Department>[]>,
    divisions: () => unwrap(stub.lookup(connectionId, { kind: "divisions" })) as Promise<Division[]>,
    journals: (division: number) =>
      unwrap(stub.lookup(connectionId, { kind: "journals", division })) as Promise<Journal[]>,
    taxRates: () => unwrap(stub.lookup(connectionId, { kind: "taxRates" })) as Promise<TaxRate[]>,
    categories: () => unwrap(stub.lookup(connectionId, { kind: "categories" })) as Promise<ProductCategory[]>,
    vatCodes: (refresh = false) =>
      unwrap(stub.lookup(connectionId, { kind: "vatCodes", refresh })) as Promise<VATCode[]>,
    glAccounts: (refresh = false) =>
      unwrap(stub.lookup(connectionId, { kind: "glAccounts", refresh })) as Promise<GLAccount[]>,
    preview: (limit?: number) => unwrap(stub.preview(connectionId, limit)) as Promise<Preview>,
    previewOne: (ref: DocumentRef) => unwrap(stub.previewOne(connectionId, ref)) as Promise<PreviewDocument | null>,
    /** A run; its own failures are part of the summary (and of the runs table), not thrown. */
    sync: (trigger: RunTrigger, limits?: RunLimits) => stub.sync(connectionId, trigger, limits),
  };
}

export type ConnectionClient = ReturnType<typeof connectionClient>;
