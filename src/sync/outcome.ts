export type Outcome =
  | "booked"
  | "adopted"
  | "updated"
  | "unchanged"
  | "failed"
  | "skipped"
  | "drifted"
  | "deleted"
  | "ignored";
