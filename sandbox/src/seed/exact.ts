import { odataDate } from "../exact/resources";
import { Random } from "../ids";
import type { ExRow } from "../model";
import type { SandboxData } from "../state";

export const USER_ID = "b7e3d1a0-2c4f-4a6b-8d9e-0f1a2b3c4d5e";
export const DIVISIONS = [
  { Code: 100001, Description: "Noordlicht Studio BV", Country: "NL", VATNumber: "NL859123456B01", kind: "nl" },
  { Code: 100002, Description: "Noordlicht Studio België BV", Country: "BE", VATNumber: "BE0712345678", kind: "be" },
] as const;

/** Exact pads account codes to 18 characters with leading spaces. */
export const padCode = (code: string | number) => String(code).padStart(18, " ");

// AllowVariableCurrency false: the journal takes only its own Currency (Exact's field reference, Journals).
const JOURNALS = [
  { Code: "70", Description: "Verkoopboek", Type: 20, AllowVariableCurrency: true },
  { Code: "71", Description: "Verkoopboek USD", Type: 20, Currency: "USD" },
  { Code: "10", Description: "Kas", Type: 10 },
  { Code: "20", Description: "Bank", Type: 12 },
  { Code: "60", Description: "Inkoopboek", Type: 22 },
  { Code: "90", Description: "Memoriaal", Type: 90 },
];

/** Code, description, type, balance type, default VAT code (a line without VATCode gets it), blocked. */
const GL: Record<"nl" | "be", [string, string, number, string, string | null, boolean][]> = {
  nl: [
    ["1300", "Debiteuren", 20, "B", null, false],
    ["1500", "Af te dragen btw", 24, "B", null, false],
    ["1100", "Bank", 12, "B", null, false],
    ["8000", "Omzet hoog tarief", 110, "W", "1", false],
    ["8010", "Omzet laag tarief", 110, "W", "2", false],
    ["8100", "Omzet ontwerp", 110, "W", "1", false],
    ["8200", "Omzet drukwerk", 110, "W", "1", false],
    ["8400", "Omzet buitenland", 110, "W", "5", false],
    ["8900", "Overige opbrengsten", 110, "W", null, false],
    ["8950", "Omzet oud (geblokkeerd)", 110, "W", "1", true],
    ["4000", "Inkoopkosten", 111, "W", "7", false],
  ],
  be: [
    ["400000", "Klanten", 20, "B", null, false],
    ["451000", "Te betalen btw", 24, "B", null, false],
    ["550000", "Bank", 12, "B", null, false],
    ["700000", "Omzet ontwerp", 110, "W", "21", false],
    ["700100", "Omzet drukwerk", 110, "W", "21", false],
    ["700200", "Omzet licenties", 110, "W", "21", false],
    ["740000", "Diverse opbrengsten", 110, "W", null, false],
  ],
};

/** Exact returns VAT codes padded with spaces to three characters ("2  ", ossobv/exactonline). */
export const padVatCode = (code: string) => code.padEnd(3, " ");

/** VAT codes as a Dutch/Belgian administration might have them; codes differ per administration. */
const VAT = {
  nl: [
    ["1", "BTW hoog 21% verkoop", 0.21, "E", "S", false, "N"],
    ["2", "BTW laag 9% verkoop", 0.09, "E", "S", false, "N"],
    ["3", "BTW verlegd verkoop", 0, "B", "S", true, "N"],
    ["4", "ICP levering binnen EU", 0, "B", "S", false, "S"],
    ["5", "Export buiten EU", 0, "B", "S", false, "N"],
    ["6", "Vrijgesteld van btw", 0, "N", "S", false, "N"],
    ["7", "BTW hoog 21% inkoop", 0.21, "E", "P", false, "N"],
    ["0", "Geen btw", 0, "N", "B", false, "N"],
  ],
  be: [
    ["21", "Btw 21% verkoop", 0.21, "E", "S", false, "N"],
    ["6", "Btw 6% verkoop", 0.06, "E", "S", false, "N"],
    ["MC", "Medecontractant verkoop", 0, "B", "S", true, "N"],
    ["IC", "Intracommunautaire levering", 0, "B", "S", false, "S"],
    ["EX", "Export buiten EU", 0, "B", "S", false, "N"],
    ["VR", "Vrijgesteld", 0, "N", "S", false, "N"],
    ["I21", "Btw 21% aankoop", 0.21, "E", "P", false, "N"],
  ],
} as const;

export function seedExact(data: SandboxData, options: { now: Date; seed: number }) {
  const random = new Random(options.seed + 7);
  const year = options.now.getUTCFullYear();
  const created = odataDate(Date.UTC(year - 3, 0, 2));
  data.ex.users.put(USER_ID, {
    UserID: USER_ID,
    UserName: "eva@noordlicht.example",
    FullName: "Eva Jansen",
    Email: "eva@noordlicht.example",
    LanguageCode: "nl-NL",
    CurrentDivision: DIVISIONS[0].Code,
    divisions: DIVISIONS.map((d) => d.Code),
  });
  for (const d of DIVISIONS) {
    data.ex.divisions.put(String(d.Code), {
      Code: d.Code,
      Description: d.Description,
      Country: d.Country,
      Currency: "EUR",
      Legislation: d.Country === "NL" ? "Dutch" : "Belgian",
      VATNumber: d.VATNumber,
      Status: 1,
      closedPeriods: [],
      fiscalYears: [year - 3, year - 2, year - 1, year, year + 1],
    });
    const row = (fields: Record<string, unknown>): ExRow => ({
      Division: d.Code,
      Timestamp: data.nextTimestamp(),
      Created: created,
      Modified: created,
      ...fields,
    });
    for (const j of JOURNALS)
      data.ex.journals.put(
        `${d.Code}:${j.Code}`,
        row({ ID: random.uuid(), Currency: "EUR", AllowVariableCurrency: false, IsBlocked: false, ...j }),
      );
    for (const [Code, Description, Type, BalanceType, vat, IsBlocked] of GL[d.kind]) {
      const ID = random.uuid();
      const VATCode = vat === null ? null : padVatCode(vat);
      data.ex.glAccounts.put(ID, row({ ID, Code, Description, Type, BalanceType, IsBlocked, VATCode }));
    }
    for (const [code, Description, Percentage, Type, VATTransactionType, Charged, EUSalesListing] of VAT[d.kind]) {
      const ID = random.uuid();
      data.ex.vatCodes.put(
        ID,
        row({
          ID,
          Code: padVatCode(code),
          Description,
          Percentage,
          Type,
          VATTransactionType,
          Charged,
          EUSalesListing,
          IsBlocked: false,
        }),
      );
    }
  }
  // An existing customer that matches a Teamleader company by VAT number, and accounts that must not be matched.
  const accounts = [
    {
      Code: padCode(1),
      Name: "Brouwerij 't Hoekje BV",
      Status: "C",
      VATNumber: "NL810433941B01",
      ChamberOfCommerce: "30123456",
      City: "Utrecht",
      Country: "NL",
    },
    {
      Code: padCode(2),
      Name: "Papierhandel De Vries",
      Status: "S",
      VATNumber: "NL007891234B01",
      ChamberOfCommerce: null,
      City: "Zeist",
      Country: "NL",
      IsSupplier: true,
    },
    {
      Code: padCode(3),
      Name: "Gemeente Utrecht",
      Status: "C",
      VATNumber: null,
      ChamberOfCommerce: "30280353",
      City: "Utrecht",
      Country: "NL",
    },
  ];
  for (const a of accounts) {
    const ID = random.uuid();
    data.ex.accounts.put(ID, {
      Division: DIVISIONS[0].Code,
      Timestamp: data.nextTimestamp(),
      Created: created,
      Modified: created,
      ID,
      Email: null,
      Phone: null,
      AddressLine1: null,
      Postcode: null,
      Language: "NL",
      IsSupplier: false,
      ...a,
    });
  }
}
