CREATE TABLE `oauth_states` (
	`state` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`connection_id` text,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `connections` ADD `mappings_review` text;