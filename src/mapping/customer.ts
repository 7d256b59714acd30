import type { NewAccount } from "../exact/api";
import type { Account } from "../exact/schemas";
import type { Company, Contact } from "../teamleader/schemas";
import { checkVatNumber, normalizeVat, sameVatNumber, withCountry } from "./vat-number";

export { normalizeVat };

const NAME_LENGTH = 50;

export type MatchedBy = "vat_number" | "chamber_of_commerce" | "name";

export interface CustomerKeys {
  vatNumber: string | null;
  chamberOfCommerce: string | null;
  name: string;
}

export function customerName(customer: Company | Contact): string {
  return "name" in customer ? customer.name : [customer.first_name, customer.last_name].filter(Boolean).join(" ");
}

export function customerKeys(customer: Company | Contact): CustomerKeys {
  const country = customer.addresses.find((a) => a.address?.country)?.address?.country;
  return {
    vatNumber: withCountry(normalizeVat(customer.vat_number), country),
    chamberOfCommerce: customer.national_identification_number?.trim() || null,
    // Exact keeps 50 characters of a name: look up and create with the same 50.
    name: customerName(customer).trim().slice(0, NAME_LENGTH),
  };
}

/** Picks the best existing Exact account: by VAT number, then chamber of commerce number, then exact name. */
export function chooseMatch(
  candidates: Account[],
  keys: CustomerKeys,
): { account: Account; matchedBy: MatchedBy } | null {
  const vat = keys.vatNumber;
  const byVat = vat ? candidates.find((a) => sameVatNumber(a.VATNumber, vat)) : undefined;
  if (byVat) return { account: byVat, matchedBy: "vat_number" };
  const byCoc = keys.chamberOfCommerce
    ? candidates.find((a) => a.ChamberOfCommerce?.trim() === keys.chamberOfCommerce)
    : undefined;
  if (byCoc) return { account: byCoc, matchedBy: "chamber_of_commerce" };
  const byName = candidates.find((a) => a.Name.trim().toLowerCase() === keys.name.toLowerCase());
  return byName ? { account: byName, matchedBy: "name" } : null;
}

/** Why the customer's VAT number is left off a new account (Exact would refuse it), or null when it is not. */
export function unusableVatNumber(keys: CustomerKeys): string | null {
  if (!keys.vatNumber) return null;
  const check = checkVatNumber(keys.vatNumber);
  return check.valid ? null : check.reason;
}

/** The Exact account to create for a Teamleader company or contact: a customer (Status C), never an invalid VAT number. */
export function newAccountFor(customer: Company | Contact): NewAccount {
  const pick = <T extends { type: string }>(items: T[], ...types: string[]) =>
    types.map((t) => items.find((i) => i.type === t)).find(Boolean) ?? items[0];
  const address = pick(customer.addresses, "invoicing", "primary")?.address;
  const keys = customerKeys(customer);
  const account: NewAccount = { Name: keys.name, Status: "C" };
  if (keys.vatNumber && checkVatNumber(keys.vatNumber).valid) account.VATNumber = keys.vatNumber;
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
