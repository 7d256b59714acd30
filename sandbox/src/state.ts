import type * as M from "./model";
import { loadTables, Table } from "./store";

export const EXACT_ENTITIES = [
  "journals",
  "glAccounts",
  "vatCodes",
  "accounts",
  "salesEntries",
  "salesEntryLines",
  "documents",
  "documentAttachments",
  "paymentTerms",
  /** What sync/Deleted lists: one row per deleted record, kept with its own Timestamp. */
  "deleted",
  /** sync/Financial/TransactionLines rows, kept in step with the sales entries (see transaction-lines.ts). */
  "transactionLines",
] as const;
export type ExactEntity = (typeof EXACT_ENTITIES)[number];

export interface SandboxConfig {
  rateLimits: boolean;
  /** Milliseconds added to the real clock: lets tests reach token expiry without waiting. */
  clockOffsetMs: number;
}

export const FAULT_KINDS = [
  "500-after-commit",
  "500-generic-after-commit",
  "500",
  "timeout",
  "429",
  "malformed",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  id: string;
  method: string;
  /** Matched against the path with `includes`. */
  path: string;
  kind: FaultKind;
  /** Remaining times this fault fires. */
  times: number;
  delayMs: number;
  /** For `malformed`: the dotted path in the JSON answer whose value is replaced by one of the wrong type. */
  field?: string;
}

/** Every table of both emulated systems, plus the sandbox's own controls. */
export class SandboxData {
  readonly meta;
  readonly tl;
  readonly ex;
  readonly oauth;
  readonly control;

  constructor(private readonly storage: DurableObjectStorage | null) {
    const t = <T>(name: string) => new Table<T>(name, storage);
    this.meta = t<unknown>("meta");
    this.tl = {
      users: t<M.TlUser>("tl.users"),
      departments: t<M.TlDepartment>("tl.departments"),
      taxRates: t<M.TlTaxRate>("tl.taxRates"),
      productCategories: t<M.TlProductCategory>("tl.productCategories"),
      paymentMethods: t<M.TlPaymentMethod>("tl.paymentMethods"),
      companies: t<M.TlCompany>("tl.companies"),
      contacts: t<M.TlContact>("tl.contacts"),
      documents: t<M.TlDocument>("tl.documents"),
      webhooks: t<M.TlWebhook>("tl.webhooks"),
      deliveries: t<M.WebhookDelivery>("tl.deliveries"),
    };
    this.ex = {
      users: t<M.ExUser>("ex.users"),
      divisions: t<M.ExDivision>("ex.divisions"),
      ...(Object.fromEntries(EXACT_ENTITIES.map((name) => [name, t<M.ExRow>(`ex.${name}`)])) as Record<
        ExactEntity,
        Table<M.ExRow>
      >),
    };
    this.oauth = {
      codes: t<M.OAuthCode>("oauth.codes"),
      access: t<M.OAuthAccess>("oauth.access"),
      refresh: t<M.OAuthRefresh>("oauth.refresh"),
      chains: t<M.OAuthChain>("oauth.chains"),
    };
    this.control = {
      faults: t<Fault>("control.faults"),
      calls: t<number>("control.calls"),
      rate: t<number[]>("control.rate"),
      /** E-mails the connector sent through the emulated e-mail API. */
      emails: t<Record<string, unknown>>("control.emails"),
    };
  }

  tables(): Table<unknown>[] {
    return [
      this.meta,
      ...Object.values(this.tl),
      ...Object.values(this.ex),
      ...Object.values(this.oauth),
      ...Object.values(this.control),
    ] as Table<unknown>[];
  }

  load() {
    return this.storage ? loadTables(this.storage, this.tables()) : Promise.resolve(false);
  }

  async clear() {
    for (const table of this.tables()) table.rows.clear();
    await this.storage?.deleteAll();
  }

  get config(): SandboxConfig {
    return (this.meta.get("config") as SandboxConfig | undefined) ?? { rateLimits: true, clockOffsetMs: 0 };
  }

  set config(value: SandboxConfig) {
    this.meta.put("config", value);
  }

  now(): number {
    return Date.now() + this.config.clockOffsetMs;
  }

  /** Exact's rowversion: every insert or update gets a value higher than any before. */
  nextTimestamp(): number {
    const next = ((this.meta.get("timestamp") as number | undefined) ?? 100_000) + 1;
    this.meta.put("timestamp", next);
    return next;
  }

  countCall(key: string) {
    this.control.calls.put(key, (this.control.calls.get(key) ?? 0) + 1);
  }
}
