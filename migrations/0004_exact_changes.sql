CREATE TABLE `exact_entry_baselines` (
	`connection_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`excl` integer NOT NULL,
	`vat` integer NOT NULL,
	`customer` text,
	`entry_date` text,
	`content_hash` text,
	`line_ids` text DEFAULT '[]' NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`connection_id`, `entry_id`),
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
