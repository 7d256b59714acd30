import { describe, expect, it } from "vitest";
import type { Account } from "../../src/exact/schemas";
import { chooseMatch, customerKeys, newAccountFor } from "../../src/mapping/customer";
import type { Company, Contact } from "../../src/teamleader/schemas";

const company: Company = {
  id: "c1",
  name: "Société d'Électricité Liégeoise SA",
  vat_number: "BE 0403.170.701",
  national_identification_number: "0403170701",
  emails: [
    { type: "primary", email: "info@sel.be" },
    { type: "invoicing", email: "factures@sel.be" },
  ],
  telephones: [{ type: "phone", number: "+32 4 123 45 67" }],
  addresses: [
    { type: "primary", address: { line_1: "Rue Léopold 3", postal_code: "4000", city: "Liège", country: "be" } },
  ],
  language: "fr",
  website: null,
};
const contact: Contact = {
  id: "p1",
  first_name: "Siobhán",
  last_name: "O'Neill",
  vat_number: null,
  national_identification_number: null,
  emails: [{ type: "primary", email: "s@oneill.ie" }],
  telephones: [],
  addresses: [
    {
      type: "primary",
      address: { line_1: "14 Grafton Street", postal_code: "D02 VF65", city: "Dublin", country: "IE" },
    },
  ],
  language: "en",
};
const account = (fields: Partial<Account>): Account => ({
  ID: "00000000-0000-0000-0000-000000000001",
  Code: null,
  Name: "",
  Status: "C",
  VATNumber: null,
  ChamberOfCommerce: null,
  ...fields,
});

describe("customer mapping", () => {
  it("creates a company as a customer with VAT number, chamber of commerce, invoicing email and address", () => {
    expect(newAccountFor(company)).toEqual({
      Name: "Société d'Électricité Liégeoise SA",
      Status: "C",
      VATNumber: "BE0403170701",
      ChamberOfCommerce: "0403170701",
      Email: "factures@sel.be",
      Phone: "+32 4 123 45 67",
      AddressLine1: "Rue Léopold 3",
      Postcode: "4000",
      City: "Liège",
      Country: "BE",
      Language: "FR",
    });
  });

  it("creates a contact (a person) under their full name", () => {
    expect(newAccountFor(contact)).toEqual({
      Name: "Siobhán O'Neill",
      Status: "C",
      Email: "s@oneill.ie",
      AddressLine1: "14 Grafton Street",
      Postcode: "D02 VF65",
      City: "Dublin",
      Country: "IE",
      Language: "EN",
    });
  });

  it("matches by VAT number first, then chamber of commerce, then the exact name", () => {
    const keys = customerKeys(company);
    const byName = account({ ID: "a", Name: "société d'électricité liégeoise sa" });
    const byCoc = account({ ID: "b", Name: "SEL", ChamberOfCommerce: "0403170701" });
    const byVat = account({ ID: "c", Name: "Other", VATNumber: "BE0403170701" });
    expect(chooseMatch([byName, byCoc, byVat], keys)).toEqual({ account: byVat, matchedBy: "vat_number" });
    expect(chooseMatch([byName, byCoc], keys)).toEqual({ account: byCoc, matchedBy: "chamber_of_commerce" });
    expect(chooseMatch([byName], keys)).toEqual({ account: byName, matchedBy: "name" });
    expect(chooseMatch([account({ Name: "Société" })], keys)).toBeNull();
  });

  it("reads a VAT number typed without its country code as the customer's country's, and matches it so in Exact", () => {
    const keys = customerKeys({ ...company, vat_number: "0403.170.701" });
    expect(keys.vatNumber).toBe("BE0403170701");
    const typed = account({ ID: "d", Name: "Other", VATNumber: "0403.170.701" });
    expect(chooseMatch([typed], keys)).toEqual({ account: typed, matchedBy: "vat_number" });
    expect(chooseMatch([account({ Name: "Other", VATNumber: "NL0403170701" })], keys)).toBeNull();
  });
});
