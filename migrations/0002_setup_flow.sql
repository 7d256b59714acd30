-- Hand-corrected: D1 defers foreign-key checks to commit instead of PRAGMA foreign_keys=OFF, and the old
-- table has no created_by column to copy.
PRAGMA defer_foreign_keys = on;--> statement-breakpoint
CREATE TABLE `__new_connections` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`department_id` text,
	`department_name` text,
	`exact_region` text,
	`exact_division` integer,
	`exact_division_name` text,
	`sales_journal` text,
	`default_gl_account_id` text,
	`options` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'setup' NOT NULL,
	`status_reason` text,
	`webhook_secret` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`activated_at` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_connections`("id", "account_id", "department_id", "department_name", "exact_region", "exact_division", "exact_division_name", "sales_journal", "default_gl_account_id", "options", "status", "status_reason", "webhook_secret", "created_by", "created_at", "activated_at", "updated_at") SELECT "id", "account_id", "department_id", "department_name", "exact_region", "exact_division", "exact_division_name", "sales_journal", "default_gl_account_id", "options", "status", "status_reason", "webhook_secret", NULL, "created_at", "activated_at", "updated_at" FROM `connections`;--> statement-breakpoint
DROP TABLE `connections`;--> statement-breakpoint
ALTER TABLE `__new_connections` RENAME TO `connections`;--> statement-breakpoint
CREATE UNIQUE INDEX `connections_one_per_department` ON `connections` (`account_id`,`department_id`) WHERE status <> 'disconnected';--> statement-breakpoint
CREATE INDEX `connections_status` ON `connections` (`status`);