CREATE TABLE `exact_reference_data` (
	`division` integer NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`fetched_at` integer NOT NULL,
	PRIMARY KEY(`division`, `kind`)
);
--> statement-breakpoint
ALTER TABLE `document_pairs` ADD `customer_name` text;--> statement-breakpoint
ALTER TABLE `document_pairs` ADD `document_date` text;--> statement-breakpoint
ALTER TABLE `document_pairs` ADD `total_incl` real;--> statement-breakpoint
ALTER TABLE `document_pairs` ADD `currency` text;--> statement-breakpoint
ALTER TABLE `document_pairs` ADD `exact_document_id` text;--> statement-breakpoint
ALTER TABLE `document_pairs` ADD `post_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `document_pairs` ADD `exact_paid` integer DEFAULT false NOT NULL;