import type { SandboxData } from "../state";
import { seedExact } from "./exact";
import { seedTeamleader } from "./teamleader";

export const SEED_PROFILES = {
  /** The demo: two departments, 18 customers, 60 booked invoices, 6 credit notes, 3 drafts over 14 months. */
  demo: { invoices: 60, creditNotes: 6, drafts: 3, companies: 14, months: 14 },
  /** The benchmark account: 1,000 invoices for 200 customers. */
  bench: { invoices: 1000, creditNotes: 0, drafts: 0, companies: 196, months: 12, singleDepartment: true },
  empty: null,
} as const;

export type SeedProfile = keyof typeof SEED_PROFILES;

/** `invoices`: another number of invoices for the bench profile (e.g. 10,000). */
export function seed(
  data: SandboxData,
  profile: SeedProfile,
  now = new Date(data.now()),
  seedNumber = 20261124,
  invoices?: number,
) {
  const base = SEED_PROFILES[profile];
  const shape = base && invoices !== undefined ? { ...base, invoices } : base;
  seedExact(data, { now, seed: seedNumber });
  seedTeamleader(data, {
    ...(shape ?? { invoices: 0, creditNotes: 0, drafts: 0, companies: 0, months: 1 }),
    now,
    seed: seedNumber,
  });
  data.meta.put("profile", profile);
}
