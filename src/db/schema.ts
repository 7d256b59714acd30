import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`);
const updatedAt = () =>
  integer("updated_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`);

/** A Teamleader account (the tenant). Its id is Teamleader's `users.me` → `account.id`. */
export const accounts = sqliteTable("accounts", {
  id: text("id").primaryKey(),
  createdAt: createdAt(),
});

/** A Teamleader user who signed in through the install flow. */
export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  accountId: text("account_id")
    .notNull()
    .references(() => accounts.id),
  email: text("email").notNull(),
  firstName: text("first_name"),
  lastName: text("last_name"),
  language: text("language"),
  createdAt: createdAt(),
  lastLoginAt: integer("last_login_at", { mode: "timestamp_ms" }),
});

export const CONNECTION_STATUSES = ["setup", "active", "paused", "needs_reconsent", "error", "disconnected"] as const;
export const EXACT_REGIONS = ["nl", "be", "de", "uk", "us", "es", "fr"] as const;

/** One Teamleader department ↔ one Exact division and sales journal. */
export const connections = sqliteTable(
  "connections",
  {
    /** Random, unguessable (also in the webhook URL, with the secret whose hash is `webhookSecretHash`). */
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    /** Null while the installing user has not chosen the department yet. */
    departmentId: text("department_id"),
    departmentName: text("department_name"),
    exactRegion: text("exact_region", { enum: EXACT_REGIONS }),
    exactDivision: integer("exact_division"),
    exactDivisionName: text("exact_division_name"),
    salesJournal: text("sales_journal"),
    defaultGlAccountId: text("default_gl_account_id"),
    /** JSON: credit notes on/off, description template, historical export choice. */
    options: text("options", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    status: text("status", { enum: CONNECTION_STATUSES }).notNull().default("setup"),
    statusReason: text("status_reason"),
    /** Set when the division or journal of a live connection changed: the mappings must be saved again. */
    mappingsReview: text("mappings_review"),
    /** SHA-256 (hex) of the secret in the registered webhook URL; the secret itself is never stored. */
    webhookSecretHash: text("webhook_secret").notNull(),
    /** The Teamleader user who installed it. */
    createdBy: text("created_by"),
    createdAt: createdAt(),
    activatedAt: integer("activated_at", { mode: "timestamp_ms" }),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One live connection per department; a disconnected one keeps its audit trail and frees the slot.
    uniqueIndex("connections_one_per_department").on(t.accountId, t.departmentId).where(sql`status <> 'disconnected'`),
    index("connections_status").on(t.status),
  ],
);

export const OAUTH_PROVIDERS = ["teamleader", "exact"] as const;

/** An OAuth round trip under way: its `state` is deleted when the callback comes back, so it works once. */
export const oauthStates = sqliteTable("oauth_states", {
  state: text("state").primaryKey(),
  provider: text("provider", { enum: OAUTH_PROVIDERS }).notNull(),
  connectionId: text("connection_id"),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
});

/** OAuth tokens per connection and provider; `sealed` is AES-GCM ciphertext of {accessToken, refreshToken}. */
export const oauthTokens = sqliteTable(
  "oauth_tokens",
  {
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id),
    provider: text("provider", { enum: OAUTH_PROVIDERS }).notNull(),
    sealed: text("sealed").notNull(),
    accessExpiresAt: integer("access_expires_at", { mode: "timestamp_ms" }).notNull(),
    /** When the current access token was issued (Exact refuses a refresh while it is valid). */
    issuedAt: integer("issued_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.provider] })],
);

/** Teamleader tax-rate id → Exact VAT code. `confirmed` is false while it is only a suggestion. */
export const vatMappings = sqliteTable(
  "vat_mappings",
  {
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id),
    taxRateId: text("tax_rate_id").notNull(),
    exactVatCode: text("exact_vat_code").notNull(),
    confirmed: integer("confirmed", { mode: "boolean" }).notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.taxRateId] })],
);

/** Teamleader ledger account number (from a product category) → Exact GL account. */
export const glMappings = sqliteTable(
  "gl_mappings",
  {
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id),
    ledgerAccountNumber: text("ledger_account_number").notNull(),
    exactGlAccountId: text("exact_gl_account_id").notNull(),
    exactGlAccountCode: text("exact_gl_account_code").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.ledgerAccountNumber] })],
);

export const DOCUMENT_TYPES = ["invoice", "creditNote"] as const;
export const DOCUMENT_STATUSES = [
  "pending",
  "posting",
  "booked",
  "failed",
  "skipped",
  "drifted",
  "deleted",
  /** Someone changed or deleted the booked entry in Exact: shown, never booked again by itself. */
  "changed_in_exact",
  "deleted_in_exact",
] as const;

/** A Teamleader document and the Exact sales entry it became. Claimed (status `posting`) before the POST. */
export const documentPairs = sqliteTable(
  "document_pairs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id),
    tlType: text("tl_type", { enum: DOCUMENT_TYPES }).notNull(),
    tlId: text("tl_id").notNull(),
    tlNumber: text("tl_number"),
    tlUpdatedAt: text("tl_updated_at"),
    /** For lists and search: the customer's name, the document date and total incl. VAT (document currency). */
    customerName: text("customer_name"),
    documentDate: text("document_date"),
    totalIncl: real("total_incl"),
    currency: text("currency"),
    exactEntryId: text("exact_entry_id"),
    exactEntryNumber: integer("exact_entry_number"),
    /** The uploaded PDF's Exact Document id, so a retried booking links it instead of uploading again. */
    exactDocumentId: text("exact_document_id"),
    /** POSTs sent for this document; more than zero without an EntryID means: look it up before posting again. */
    postAttempts: integer("post_attempts").notNull().default(0),
    /** Exact reported the entry fully paid (sync/Cashflow/PaymentTerms). */
    exactPaid: integer("exact_paid", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: DOCUMENT_STATUSES }).notNull().default("pending"),
    /** Hash of the sales entry as built; a changed hash after booking means the invoice was edited. */
    contentHash: text("content_hash"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    paidBackAt: integer("paid_back_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("document_pairs_unique_document").on(t.connectionId, t.tlType, t.tlId),
    index("document_pairs_status").on(t.connectionId, t.status),
    index("document_pairs_entry").on(t.connectionId, t.exactEntryId),
  ],
);

/** Teamleader company or contact → the Exact account (customer) it was matched to or created as. */
export const relationPairs = sqliteTable(
  "relation_pairs",
  {
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id),
    tlType: text("tl_type", { enum: ["company", "contact"] }).notNull(),
    tlId: text("tl_id").notNull(),
    exactAccountId: text("exact_account_id").notNull(),
    /** How the pair came about: matched by VAT number, chamber of commerce, name, or created. */
    matchedBy: text("matched_by", { enum: ["vat_number", "chamber_of_commerce", "name", "created"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.tlType, t.tlId] })],
);

/** Resumable positions: Teamleader `updated_since` per document type, Exact PaymentTerms `Timestamp`. */
export const cursors = sqliteTable(
  "cursors",
  {
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id),
    name: text("name").notNull(),
    value: text("value").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.name] })],
);

export const syncRuns = sqliteTable(
  "sync_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id),
    trigger: text("trigger", { enum: ["cron", "webhook", "manual", "alarm", "setup"] }).notNull(),
    status: text("status", { enum: ["running", "succeeded", "partial", "failed"] })
      .notNull()
      .default("running"),
    counts: text("counts", { mode: "json" }).$type<Record<string, number>>().notNull().default(sql`'{}'`),
    error: text("error"),
    startedAt: createdAt(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("sync_runs_connection").on(t.connectionId, t.startedAt)],
);

/** The audit trail: what happened to a connection and its documents, in words a person can read. */
export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id),
    runId: integer("run_id"),
    documentPairId: integer("document_pair_id"),
    level: text("level", { enum: ["info", "warn", "error"] }).notNull(),
    kind: text("kind").notNull(),
    message: text("message").notNull(),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index("events_connection").on(t.connectionId, t.createdAt), index("events_document").on(t.documentPairId)],
);

/** Exact reference data per division (VAT codes, GL accounts, journals), refreshed daily or on a miss. */
export const exactReferenceData = sqliteTable(
  "exact_reference_data",
  {
    division: integer("division").notNull(),
    kind: text("kind", { enum: ["vatCodes", "glAccounts", "journals", "division"] }).notNull(),
    payload: text("payload", { mode: "json" }).$type<unknown[]>().notNull(),
    fetchedAt: integer("fetched_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.division, t.kind] })],
);

/**
 * A booked entry as Exact last held it with our consent (after our POST or PUT): what a change made in Exact
 * is compared with. `lineIds` are its transaction lines, so `sync/Deleted` keys can be traced to the entry.
 */
export const exactEntryBaselines = sqliteTable(
  "exact_entry_baselines",
  {
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id),
    entryId: text("entry_id").notNull(),
    /** Cents, as Exact holds them (credit notes negative). */
    excl: integer("excl").notNull(),
    vat: integer("vat").notNull(),
    customer: text("customer"),
    entryDate: text("entry_date"),
    /** The pair's content hash when this was taken: a newer hash means we changed the entry ourselves. */
    contentHash: text("content_hash"),
    lineIds: text("line_ids", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    seenAt: integer("seen_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.entryId] })],
);

/** One row per owner and UTC day an attention e-mail went out: inserting it is the claim, so never two a day. */
export const attentionEmails = sqliteTable(
  "attention_emails",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** YYYY-MM-DD (UTC). */
    day: text("day").notNull(),
    connectionId: text("connection_id").notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);
