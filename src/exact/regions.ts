import type { EXACT_REGIONS } from "../db/schema";

export type ExactRegion = (typeof EXACT_REGIONS)[number];

/** Exact Online hosts per region; a token only works on the host that issued it. */
export const EXACT_HOSTS: Record<ExactRegion, { host: string; label: { en: string; nl: string } }> = {
  nl: { host: "https://start.exactonline.nl", label: { en: "Netherlands", nl: "Nederland" } },
  be: { host: "https://start.exactonline.be", label: { en: "Belgium", nl: "België" } },
  de: { host: "https://start.exactonline.de", label: { en: "Germany", nl: "Duitsland" } },
  uk: { host: "https://start.exactonline.co.uk", label: { en: "United Kingdom", nl: "Verenigd Koninkrijk" } },
  us: { host: "https://start.exactonline.com", label: { en: "United States", nl: "Verenigde Staten" } },
  es: { host: "https://start.exactonline.es", label: { en: "Spain", nl: "Spanje" } },
  fr: { host: "https://start.exactonline.fr", label: { en: "France", nl: "Frankrijk" } },
};

/** The base URL for a region, unless EXACT_BASE_URL overrides every region (the sandbox, another emulator). */
export function exactBaseUrl(region: ExactRegion, override?: string): string {
  return (override ?? EXACT_HOSTS[region].host).replace(/\/$/, "");
}
