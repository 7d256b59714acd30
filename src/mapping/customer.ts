import type { NewAccount } from "../exact/api";
import type { Account } from "../exact/schemas";
import type { Company, Contact } from "../teamleader/schemas";

export type MatchedBy = "vat_number" | "chamber_of_commerce" | "name";

export interface CustomerKeys {
  vatNumber: string | null;
  chamberOfCommerce: string | null;
  name: string;
}

/** "BE 0412.345.678" → "BE0412345678". */
export const normalizeVat = (value: string | null | undefined) =>
  value ? value.replace(/[\s.-]/g, "").toUpperCase() : null;

export function customerName(customer: Company | Contact): string {
  return "name" in customer ? customer.name : [customer.first_name, customer.last_name].filter(Boolean).join(" ");
}

export function customerKeys(customer: Company | Contact): CustomerKeys {
  return {
    vatNumber: normalizeVat(customer.vat_number),
    chamberOfCommerce: customer.national_identification_number?.trim() || null,
    name: customerName(customer).trim(),
  };
}

/** Picks the best existing Exact account: by VAT number, then chamber of commerce number, then exact name. */
export function chooseMatch(
  candidates: Account[],
  keys: CustomerKeys,
): { account: Account; matchedBy: MatchedBy } | null {
  const byVat = keys.vatNumber ? candidates.find((a) => normalizeVat(a.VATNumber) === keys.vatNumber) : undefined;
  if (byVat) return { account: byVat, matchedBy: "vat_number" };
  const byCoc = keys.chamberOfCommerce
    ? candidates.find((a) => a.ChamberOfCommerce?.trim() === keys.chamberOfCommerce)
    : undefined;
  if (byCoc) return { account: byCoc, matchedBy: "chamber_of_commerce" };
  const byName = candidates.find((a) => a.Name.trim().toLowerCase() === keys.name.toLowerCase());
  return byName ? { account: byName, matchedBy: "name" } : null;
}

/** The Exact account to create for a Teamleader company or contact: a customer (Status C). */
export function newAccountFor(customer: Company | Contact): NewAccount {
  const pick = <T extends { type: string }>(items: T[], ...types: string[]) =>
    types.map((t) => items.find((i) => i.type === t)).find(Boolean) ?? items[0];
  const address = pick(customer.addresses, "invoicing", "primary")?.address;
  const keys = customerKeys(customer);
  const account: NewAccount = { Name: keys.name.slice(0, 50), Status: "C" };
  if (keys.vatNumber) account.VATNumber = keys.vatNumber;
  if (keys.chamberOfCommerce && "name" in customer) account.ChamberOfCommerce = keys.chamberOfCommerce;
  const email = pick(customer.emails, "invoicing", "primary")?.email;
  if (email) account.Email = email;
  const phone = pick(customer.telephones, "phone", "mobile")?.number;
  if (phone) account.Phone = phone;
  if (address?.line_1) account.AddressLine1 = address.line_1;
  if (address?.postal_code) account.Postcode = address.postal_code;
  if (address?.city) account.City = address.city;
  if (address?.country) account.Country = address.country.toUpperCase();
  if (customer.language) account.Language = customer.language.slice(0, 2).toUpperCase();
  return account;
}
