import { Random } from "../ids";
import type { TlCompany, TlContact, TlDocument, TlLineInput } from "../model";
import type { SandboxData } from "../state";
import { computeTotals, taxRateLookup } from "../teamleader/documents";
import {
  ACCOUNT_ID,
  CATEGORIES,
  COMPANIES,
  CONTACTS,
  type CompanySeed,
  DEPARTMENTS,
  PRODUCTS,
  regimeFor,
  TAX_RATES,
} from "./catalog";

export interface TeamleaderSeedOptions {
  invoices: number;
  creditNotes: number;
  drafts: number;
  /** Companies beyond the fixed cast are generated (for the benchmark). */
  companies: number;
  months: number;
  /** Put every invoice in the first department (the benchmark measures one connection). */
  singleDepartment?: boolean;
  now: Date;
  seed: number;
}

const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
const day = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

interface Customer {
  ref: { type: "company" | "contact"; id: string };
  country: string;
  business: boolean;
  flags?: string[];
}

export function seedTeamleader(data: SandboxData, options: TeamleaderSeedOptions) {
  const random = new Random(options.seed);
  const created = iso(addDays(options.now, -options.months * 31 - 30));
  const userId = "5d1e7c0a-3f9b-4e21-8c6d-0a1b2c3d4e5f";
  data.tl.users.put(userId, {
    id: userId,
    account_id: ACCOUNT_ID,
    email: "eva@noordlicht.example",
    first_name: "Eva",
    last_name: "Jansen",
    language: "nl",
  });

  const departments = DEPARTMENTS.map((d) => {
    const id = random.uuid();
    return data.tl.departments.put(id, {
      id,
      name: d.name,
      vat_number: d.vat,
      address: { line_1: d.street, postal_code: d.postcode, city: d.city, country: d.country, area_level_two: null },
      emails: [{ type: "invoicing", email: d.email }],
      telephones: [{ type: "phone", number: d.phone }],
      website: `https://${d.email.split("@")[1]}`,
      currency: "EUR",
      iban: d.iban,
      bic: d.bic,
      fiscal_regime: null,
      status: "active",
    });
  });

  const rates = new Map<string, string>();
  DEPARTMENTS.forEach((d, i) => {
    for (const rate of TAX_RATES[d.key]) {
      const id = random.uuid();
      rates.set(`${d.key}:${rate.regime}`, id);
      data.tl.taxRates.put(id, {
        id,
        description: rate.description,
        rate: rate.rate,
        department: { type: "department", id: departments[i]!.id },
      });
    }
  });

  const categories = new Map<string, string>();
  for (const c of CATEGORIES) {
    const id = random.uuid();
    categories.set(c.key, id);
    const ledgers = DEPARTMENTS.map((d, i) => ({
      department: { type: "department", id: departments[i]!.id },
      ledger_account_number: c.ledgers[d.key],
    }));
    data.tl.productCategories.put(id, { id, name: c.name, ledgers });
  }
  for (const name of ["Overschrijving", "Domiciliëring", "Contant"]) {
    const id = random.uuid();
    data.tl.paymentMethods.put(id, { id, name, status: "active" });
  }

  const customers: Customer[] = [];
  const companySeeds = [...COMPANIES, ...generatedCompanies(random, options.companies - COMPANIES.length)];
  for (const c of companySeeds) customers.push(putCompany(data, random, c, created));
  for (const p of CONTACTS) {
    const id = random.uuid();
    const contact: TlContact = {
      id,
      first_name: p.first,
      last_name: p.last,
      salutation: null,
      vat_number: null,
      national_identification_number: null,
      emails: [{ type: "primary", email: p.email }],
      telephones: [],
      language: p.language,
      added_at: created,
      updated_at: created,
      addresses: [
        {
          type: "primary",
          address: {
            line_1: p.street,
            postal_code: p.postcode,
            city: p.city,
            country: p.country,
            area_level_two: null,
          },
          addressee: null,
        },
      ],
    };
    data.tl.contacts.put(id, contact);
    customers.push({ ref: { type: "contact", id }, country: p.country, business: false });
  }

  const numbers = new Map<string, number>();
  const nextNumber = (kind: string, deptKey: string, date: string) => {
    const key = `${kind}:${deptKey}:${date.slice(0, 4)}`;
    const n = (numbers.get(key) ?? 0) + 1;
    numbers.set(key, n);
    return `${date.slice(0, 4)} / ${n}`;
  };

  const booked: TlDocument[] = [];
  const dates = Array.from({ length: options.invoices }, (_, i) => {
    const monthsBack = options.months - 1 - Math.floor((i * options.months) / options.invoices);
    const base = new Date(Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth() - monthsBack, 1));
    const maxDay = monthsBack === 0 ? Math.max(1, options.now.getUTCDate() - 1) : 28;
    return addDays(base, random.int(0, maxDay - 1));
  }).sort((a, b) => a.getTime() - b.getTime());

  dates.forEach((date, i) => {
    const deptIndex = !options.singleDepartment && i % 4 === 3 ? 1 : 0;
    const customer = random.pick(customers);
    const doc = makeDocument(
      random,
      "invoice",
      departments[deptIndex]!.id,
      DEPARTMENTS[deptIndex]!,
      customer,
      date,
      rates,
      categories,
    );
    doc.number = nextNumber("invoice", DEPARTMENTS[deptIndex]!.key, doc.date!);
    const ageDays = (options.now.getTime() - date.getTime()) / 86_400_000;
    if (ageDays > 75 && random.chance(0.8)) markPaid(data, doc, addDays(date, random.int(5, 40)));
    booked.push(data.tl.documents.put(doc.id, doc));
  });

  for (let i = 0; i < options.drafts; i++) {
    const doc = makeDocument(
      random,
      "invoice",
      departments[0]!.id,
      DEPARTMENTS[0]!,
      random.pick(customers),
      addDays(options.now, -i),
      rates,
      categories,
    );
    Object.assign(doc, { status: "draft", number: null, date: null, due_on: null });
    data.tl.documents.put(doc.id, doc);
  }

  const creditable = booked.filter((d) => d.currency === "EUR");
  for (let i = 0; i < options.creditNotes && creditable.length; i++) {
    const original = creditable[Math.floor(((i + 0.5) * creditable.length) / options.creditNotes)]!;
    const deptIndex = original.department_id === departments[0]!.id ? 0 : 1;
    const date = addDays(new Date(`${original.date}T00:00:00Z`), random.int(3, 20));
    const lines =
      i % 2 === 0
        ? original.lines.map((l) => ({ ...l }))
        : [{ ...original.lines[0]!, quantity: Math.max(1, Math.floor(original.lines[0]!.quantity / 2)) }];
    const doc: TlDocument = {
      ...original,
      kind: "creditNote",
      id: random.uuid(),
      lines,
      discount_pct: i % 2 === 0 ? original.discount_pct : null,
      payments: [],
      status: "booked",
      invoice_id: original.id,
      date: day(date),
      due_on: null,
      payment_reference: null,
      created_at: iso(date),
      updated_at: iso(date),
    };
    doc.number = nextNumber("creditNote", DEPARTMENTS[deptIndex]!.key, doc.date!);
    data.tl.documents.put(doc.id, doc);
  }
}

function putCompany(data: SandboxData, random: Random, c: CompanySeed, created: string): Customer {
  const id = random.uuid();
  const company: TlCompany = {
    id,
    name: c.name,
    status: "active",
    vat_number: c.vat,
    national_identification_number: c.kvk,
    emails: [
      { type: "primary", email: c.email },
      ...(random.chance(0.4) ? [{ type: "invoicing", email: `invoices+${c.email}` }] : []),
    ],
    telephones: [{ type: "phone", number: `+31 20 ${random.int(100, 999)} ${random.int(1000, 9999)}` }],
    website: null,
    language: c.language,
    preferred_currency: c.flags?.includes("usd") ? "USD" : null,
    added_at: created,
    updated_at: created,
    addresses: [
      {
        type: "primary",
        address: { line_1: c.street, postal_code: c.postcode, city: c.city, country: c.country, area_level_two: null },
        addressee: null,
      },
    ],
  };
  data.tl.companies.put(id, company);
  return { ref: { type: "company", id }, country: c.country, business: true, flags: c.flags };
}

function generatedCompanies(random: Random, count: number): CompanySeed[] {
  const trades = [
    "Bouwbedrijf",
    "Kapsalon",
    "Adviesbureau",
    "Installatietechniek",
    "Drukkerij",
    "Tuincentrum",
    "Architecten",
    "Schildersbedrijf",
  ];
  const names = [
    "De Vries",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Jong",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
  ];
  return Array.from({ length: Math.max(0, count) }, (_, i) => ({
    name: `${random.pick(trades)} ${random.pick(names)} ${i + 1}`,
    country: "NL",
    vat: `NL${String(100000000 + i * 7919).slice(0, 9)}B0${(i % 9) + 1}`,
    kvk: String(70000000 + i),
    city: "Amersfoort",
    street: `Stationsplein ${i + 1}`,
    postcode: "3818 LE",
    email: `factuur${i + 1}@bedrijf.example`,
    language: "nl",
  }));
}

function makeDocument(
  random: Random,
  kind: "invoice" | "creditNote",
  departmentId: string,
  dept: (typeof DEPARTMENTS)[number],
  customer: Customer,
  date: Date,
  rates: Map<string, string>,
  categories: Map<string, string>,
): TlDocument {
  const regime = regimeFor(dept.country, customer);
  const lines: TlLineInput[] = Array.from({ length: random.int(1, 4) }, () => {
    const product = random.pick(PRODUCTS);
    const lineRegime = regime === "high" && product.low ? "low" : regime;
    return {
      description: product.description,
      quantity: random.int(product.qty[0], product.qty[1]),
      unit_price: product.price,
      tax_rate_id: rates.get(`${dept.key}:${lineRegime}`)!,
      discount_pct: random.chance(0.2) ? random.pick([5, 10, 12.5]) : null,
      product_category_id: product.category ? categories.get(product.category)! : null,
    };
  });
  const usd = customer.flags?.includes("usd");
  const invoiceDate = day(date);
  const sequence = random.int(1, 99999);
  return {
    kind,
    id: random.uuid(),
    department_id: departmentId,
    number: null,
    date: invoiceDate,
    due_on: day(addDays(date, 30)),
    status: "outstanding",
    customer: customer.ref,
    for_attention_of: null,
    purchase_order_number: random.chance(0.3) ? `PO-${random.int(1000, 9999)}` : null,
    payment_reference:
      dept.payRef === "be"
        ? `+++${String(sequence).padStart(3, "0").slice(0, 3)}/${String(sequence).padStart(4, "0").slice(-4)}/${String(random.int(10000, 99999))}+++`
        : null,
    currency: usd ? "USD" : "EUR",
    exchange_rate: usd ? 0.9223 : 1,
    lines,
    discount_pct: random.chance(0.15) ? random.pick([5, 10]) : null,
    payments: [],
    invoice_id: null,
    created_at: iso(date),
    updated_at: iso(date),
    deleted: false,
  };
}

function markPaid(data: SandboxData, doc: TlDocument, paidAt: Date) {
  const total = computeTotals(doc, taxRateLookup(data)).total.payable.amount;
  doc.status = "matched";
  doc.payments = [{ paid_at: iso(paidAt), payment: { amount: total, currency: doc.currency } }];
  doc.updated_at = iso(paidAt);
}
