import type { z } from "zod";
import type { Env } from "../env";
import type { Division, GLAccount, Journal, VATCode } from "../exact/schemas";
import type { Period } from "../reconcile/period";
import type { Reconciliation } from "../reconcile/report";
import type { RunTrigger } from "../sync/audit";
import type { DocumentRef } from "../sync/document-source";
import type { Preview, PreviewDocument } from "../sync/preview";
import type { Department, ProductCategory, TaxRate } from "../teamleader/schemas";
import type { ConnectionObject, RunLimits } from "./object";
import { unwrap } from "./result";

/** The connection's Durable Object itself (one per connection, named by its id). */
export function connectionStub(env: Env, connectionId: string) {
  return (env.CONNECTION as unknown as DurableObjectNamespace<ConnectionObject>).getByName(connectionId);
}

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
    reconciliation: (period: Period) => unwrap(stub.reconciliation(connectionId, period)) as Promise<Reconciliation>,
    activate: () => unwrap(stub.activate(connectionId)),
    disconnect: () => unwrap(stub.disconnect(connectionId)),
    /** A run; its own failures are part of the summary (and of the runs table), not thrown. */
    sync: (trigger: RunTrigger, limits?: RunLimits) => stub.sync(connectionId, trigger, limits),
    /** One document after a webhook; identical webhooks waiting for their turn share it. */
    document: (ref: DocumentRef) => stub.document(connectionId, ref),
  };
}

export type ConnectionClient = ReturnType<typeof connectionClient>;
