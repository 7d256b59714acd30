CREATE TABLE `attention_emails` (
	`user_id` text NOT NULL,
	`day` text NOT NULL,
	`connection_id` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `day`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
