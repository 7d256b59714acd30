/** The fixed cast of the demo: departments, tax rates, customers and the product catalogue. */

export const ACCOUNT_ID = "8a1f3c52-6b0e-4d7a-9c21-5e4f7a9b0d13";

export const DEPARTMENTS = [
  {
    key: "nl",
    name: "Noordlicht Studio BV",
    vat: "NL859123456B01",
    country: "NL",
    payRef: "nl",
    street: "Keizersgracht 212",
    postcode: "1016 DZ",
    city: "Amsterdam",
    email: "factuur@noordlicht.example",
    phone: "+31 20 555 0142",
    iban: "NL91ABNA0417164300",
    bic: "ABNANL2A",
  },
  {
    key: "be",
    name: "Noordlicht Studio België BV",
    vat: "BE0712345678",
    country: "BE",
    payRef: "be",
    street: "Vlaanderenstraat 14",
    postcode: "9000",
    city: "Gent",
    email: "facturen@noordlicht-be.example",
    phone: "+32 9 555 01 42",
    iban: "BE68539007547034",
    bic: "GKCCBEBB",
  },
] as const;

export type Regime = "high" | "low" | "reverse" | "intraEU" | "export" | "exempt";

export const TAX_RATES: Record<"nl" | "be", { regime: Regime; rate: number; description: string }[]> = {
  nl: [
    { regime: "high", rate: 0.21, description: "21%" },
    { regime: "low", rate: 0.09, description: "9%" },
    { regime: "reverse", rate: 0, description: "0% btw verlegd" },
    { regime: "intraEU", rate: 0, description: "0% intracommunautaire levering" },
    { regime: "export", rate: 0, description: "0% export buiten de EU" },
    { regime: "exempt", rate: 0, description: "Vrijgesteld van btw" },
  ],
  be: [
    { regime: "high", rate: 0.21, description: "21%" },
    { regime: "low", rate: 0.06, description: "6%" },
    { regime: "reverse", rate: 0, description: "0% medecontractant" },
    { regime: "intraEU", rate: 0, description: "0% intracommunautaire levering" },
    { regime: "export", rate: 0, description: "0% export buiten de EU" },
    { regime: "exempt", rate: 0, description: "Vrijgesteld van btw" },
  ],
};

/** Ledger numbers per department; "8300" deliberately has no matching Exact GL account. */
export const CATEGORIES = [
  { key: "design", name: "Ontwerp", ledgers: { nl: "8100", be: "700000" } },
  { key: "print", name: "Drukwerk", ledgers: { nl: "8200", be: "700100" } },
  { key: "licence", name: "Licenties", ledgers: { nl: "8300", be: "700200" } },
] as const;

export const PRODUCTS = [
  { description: "Logo-ontwerp", price: 850, qty: [1, 1], category: "design", low: false },
  { description: "Huisstijlhandboek", price: 1450, qty: [1, 1], category: "design", low: false },
  { description: "Webdesign (uur)", price: 95, qty: [3, 40], category: "design", low: false },
  { description: "Visitekaartjes, 500 st.", price: 79.5, qty: [1, 6], category: "print", low: false },
  { description: "Brochure A4, 250 st.", price: 412.35, qty: [1, 3], category: "print", low: false },
  { description: "Jaarboek (gedrukt boek)", price: 24.95, qty: [5, 120], category: "print", low: true },
  { description: "Fontlicentie (jaar)", price: 129, qty: [1, 4], category: "licence", low: false },
  { description: "Stockfoto", price: 19.99, qty: [1, 25], category: "licence", low: false },
  { description: "Reiskosten (km)", price: 0.23, qty: [17, 240], category: null, low: false },
] as const;

export interface CompanySeed {
  name: string;
  country: string;
  vat: string | null;
  kvk: string | null;
  city: string;
  street: string;
  postcode: string;
  email: string;
  language: string;
  flags?: ("reverse" | "exempt" | "usd")[];
}

export const COMPANIES: CompanySeed[] = [
  {
    name: "Brouwerij 't Hoekje BV",
    country: "NL",
    vat: "NL810433941B01",
    kvk: "30123456",
    city: "Utrecht",
    street: "Oudegracht 112",
    postcode: "3511 AX",
    email: "facturen@hoekje.nl",
    language: "nl",
  },
  {
    name: "Café De Nieuwe Sluis",
    country: "NL",
    vat: "NL001234567B02",
    kvk: "34987654",
    city: "Amsterdam",
    street: "Haarlemmerdijk 7",
    postcode: "1013 JA",
    email: "info@nieuwesluis.nl",
    language: "nl",
  },
  {
    name: "Bäckerei Müller GmbH",
    country: "DE",
    vat: "DE811569869",
    kvk: null,
    city: "Köln",
    street: "Hohe Straße 41",
    postcode: "50667",
    email: "buchhaltung@mueller-koeln.de",
    language: "de",
  },
  {
    name: "Société d'Électricité Liégeoise SA",
    country: "BE",
    vat: "BE0403170701",
    kvk: null,
    city: "Liège",
    street: "Rue Léopold 3",
    postcode: "4000",
    email: "comptabilite@sel.be",
    language: "fr",
  },
  {
    name: "O'Brien & Daughters Ltd",
    country: "GB",
    vat: "GB980780684",
    kvk: null,
    city: "London",
    street: "12 Carnaby Street",
    postcode: "W1F 9PS",
    email: "accounts@obrien.co.uk",
    language: "en",
  },
  {
    name: "Studio Ëlan",
    country: "NL",
    vat: "NL820646660B01",
    kvk: "56781234",
    city: "Groningen",
    street: "Vismarkt 9",
    postcode: "9712 CB",
    email: "hallo@studio-elan.nl",
    language: "nl",
  },
  {
    name: "Atelier Vandevelde BV",
    country: "BE",
    vat: "BE0477472701",
    kvk: null,
    city: "Gent",
    street: "Korenmarkt 22",
    postcode: "9000",
    email: "boekhouding@vandevelde.be",
    language: "nl",
  },
  {
    name: "Houthandel Jansen & Zn. BV",
    country: "NL",
    vat: "NL003456789B01",
    kvk: "17065432",
    city: "Eindhoven",
    street: "Industrieweg 4",
    postcode: "5652 AB",
    email: "administratie@houthandeljansen.nl",
    language: "nl",
    flags: ["reverse"],
  },
  {
    name: "Dierenkliniek De Wâl",
    country: "NL",
    vat: "NL004567891B01",
    kvk: "01098765",
    city: "Leeuwarden",
    street: "Nieuwestad 30",
    postcode: "8911 CK",
    email: "info@dewal.nl",
    language: "nl",
  },
  {
    name: "Stichting Vrienden van 's-Hertogenbosch",
    country: "NL",
    vat: null,
    kvk: "41081234",
    city: "'s-Hertogenbosch",
    street: "Markt 1",
    postcode: "5211 JV",
    email: "penningmeester@vriendenvanden bosch.nl".replace(" ", ""),
    language: "nl",
    flags: ["exempt"],
  },
  {
    name: "Acme Corporation Inc.",
    country: "US",
    vat: null,
    kvk: null,
    city: "Portland",
    street: "1200 NW Naito Pkwy",
    postcode: "97209",
    email: "ap@acme.example",
    language: "en",
    flags: ["usd"],
  },
  {
    name: "Bakkerij Van den Broek",
    country: "NL",
    vat: "NL005678912B01",
    kvk: "20054321",
    city: "Breda",
    street: "Ginnekenweg 88",
    postcode: "4818 JK",
    email: "bakkerij@vandenbroek.nl",
    language: "nl",
  },
  {
    name: "Peeters & Zonen NV",
    country: "BE",
    vat: "BE0417497106",
    kvk: null,
    city: "Antwerpen",
    street: "Meir 50",
    postcode: "2000",
    email: "facturatie@peeters-zonen.be",
    language: "nl",
  },
  {
    name: "Fietsenmakerij Het Wiel",
    country: "NL",
    vat: "NL006789123B01",
    kvk: "62012345",
    city: "Zwolle",
    street: "Diezerstraat 15",
    postcode: "8011 RE",
    email: "hetwiel@fietsen.nl",
    language: "nl",
  },
];

export const CONTACTS = [
  {
    first: "Anouk",
    last: "de Vries",
    country: "NL",
    city: "Haarlem",
    street: "Grote Houtstraat 3",
    postcode: "2011 SC",
    email: "anouk@devries.nl",
    language: "nl",
  },
  {
    first: "Jörg",
    last: "Schäfer",
    country: "DE",
    city: "Düsseldorf",
    street: "Königsallee 60",
    postcode: "40212",
    email: "joerg.schaefer@example.de",
    language: "de",
  },
  {
    first: "Siobhán",
    last: "O'Neill",
    country: "IE",
    city: "Dublin",
    street: "14 Grafton Street",
    postcode: "D02 VF65",
    email: "siobhan@oneill.ie",
    language: "en",
  },
  {
    first: "Luc",
    last: "Peeters",
    country: "BE",
    city: "Leuven",
    street: "Bondgenotenlaan 1",
    postcode: "3000",
    email: "luc.peeters@example.be",
    language: "nl",
  },
];

export const EU = new Set(["NL", "BE", "DE", "FR", "IE", "LU", "ES", "IT", "AT", "PT", "DK", "SE", "FI", "PL"]);

/** Which VAT regime a sale from `seller` to a customer falls under. */
export function regimeFor(seller: string, customer: { country: string; business: boolean; flags?: string[] }): Regime {
  if (customer.flags?.includes("exempt")) return "exempt";
  if (customer.flags?.includes("reverse") && customer.country === seller) return "reverse";
  if (customer.country === seller) return "high";
  if (!EU.has(customer.country)) return "export";
  return customer.business ? "intraEU" : "high";
}
