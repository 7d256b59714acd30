import { z } from "zod";

/** One queue message per connection per cron tick (or per manual/webhook trigger). */
export const SyncMessage = z.object({
  connectionId: z.string().min(1),
  trigger: z.enum(["cron", "webhook", "manual"]),
  enqueuedAt: z.number().int(),
});

export type SyncMessage = z.infer<typeof SyncMessage>;
