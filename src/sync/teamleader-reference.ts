import * as tl from "../teamleader/api";
import type { TeamleaderClient } from "../teamleader/client";

type TaxRates = Awaited<ReturnType<typeof tl.taxRatesList>>;
type Categories = Awaited<ReturnType<typeof tl.productCategoriesList>>;

/** How long a department's tax rates and product categories are reused before they are read again. */
export const REFERENCE_TTL_MS = 10 * 60_000;

/**
 * A department's Teamleader reference data (tax rates, product categories), kept by the connection's Durable
 * Object so that a storm of webhook turns does not read both lists again for every document (2 calls each).
 * A tax rate or category added in Teamleader is seen within `REFERENCE_TTL_MS`; a document that needs it
 * meanwhile fails as "mapping missing" and books by itself on a later run.
 */
export class TeamleaderReference {
  private cached?: { departmentId: string; at: number; rates: TaxRates; categories: Categories };

  constructor(private readonly ttlMs = REFERENCE_TTL_MS) {}

  async load(client: TeamleaderClient, departmentId: string, now = Date.now()) {
    const hit = this.cached;
    if (hit && hit.departmentId === departmentId && now - hit.at < this.ttlMs) return hit;
    const [rates, categories] = await Promise.all([
      tl.taxRatesList(client, departmentId),
      tl.productCategoriesList(client, departmentId),
    ]);
    this.cached = { departmentId, at: now, rates, categories };
    return this.cached;
  }
}
