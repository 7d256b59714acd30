CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `connections` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`department_id` text NOT NULL,
	`department_name` text NOT NULL,
	`exact_region` text,
	`exact_division` integer,
	`exact_division_name` text,
	`sales_journal` text,
	`default_gl_account_id` text,
	`options` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'setup' NOT NULL,
	`status_reason` text,
	`webhook_secret` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`activated_at` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connections_one_per_department` ON `connections` (`account_id`,`department_id`) WHERE status <> 'disconnected';--> statement-breakpoint
CREATE INDEX `connections_status` ON `connections` (`status`);--> statement-breakpoint
CREATE TABLE `cursors` (
	`connection_id` text NOT NULL,
	`name` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`connection_id`, `name`),
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `document_pairs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connection_id` text NOT NULL,
	`tl_type` text NOT NULL,
	`tl_id` text NOT NULL,
	`tl_number` text,
	`tl_updated_at` text,
	`exact_entry_id` text,
	`exact_entry_number` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`content_hash` text,
	`error_code` text,
	`error_message` text,
	`paid_back_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_pairs_unique_document` ON `document_pairs` (`connection_id`,`tl_type`,`tl_id`);--> statement-breakpoint
CREATE INDEX `document_pairs_status` ON `document_pairs` (`connection_id`,`status`);--> statement-breakpoint
CREATE INDEX `document_pairs_entry` ON `document_pairs` (`connection_id`,`exact_entry_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connection_id` text NOT NULL,
	`run_id` integer,
	`document_pair_id` integer,
	`level` text NOT NULL,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`details` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_connection` ON `events` (`connection_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `events_document` ON `events` (`document_pair_id`);--> statement-breakpoint
CREATE TABLE `gl_mappings` (
	`connection_id` text NOT NULL,
	`ledger_account_number` text NOT NULL,
	`exact_gl_account_id` text NOT NULL,
	`exact_gl_account_code` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`connection_id`, `ledger_account_number`),
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `oauth_tokens` (
	`connection_id` text NOT NULL,
	`provider` text NOT NULL,
	`sealed` text NOT NULL,
	`access_expires_at` integer NOT NULL,
	`issued_at` integer NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`connection_id`, `provider`),
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `relation_pairs` (
	`connection_id` text NOT NULL,
	`tl_type` text NOT NULL,
	`tl_id` text NOT NULL,
	`exact_account_id` text NOT NULL,
	`matched_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`connection_id`, `tl_type`, `tl_id`),
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connection_id` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`counts` text DEFAULT '{}' NOT NULL,
	`error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sync_runs_connection` ON `sync_runs` (`connection_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`email` text NOT NULL,
	`first_name` text,
	`last_name` text,
	`language` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_login_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `vat_mappings` (
	`connection_id` text NOT NULL,
	`tax_rate_id` text NOT NULL,
	`exact_vat_code` text NOT NULL,
	`confirmed` integer DEFAULT false NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`connection_id`, `tax_rate_id`),
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
