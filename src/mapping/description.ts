/** The default description: the Teamleader number and the customer's name. */
export const DEFAULT_DESCRIPTION_TEMPLATE = "{number} {customer}";

export interface DescriptionFields {
  number: string;
  customer: string;
  date: string;
  po: string | null;
  /** Credit notes: the number of the credited invoice, when known. */
  creditedInvoice: string | null;
}

/** Fills `{number}`, `{customer}`, `{date}`, `{po}`; cut at 60 characters, the length assumed for Exact descriptions [I]. */
export function renderDescription(template: string, fields: DescriptionFields, kind: "invoice" | "creditNote"): string {
  // A credit note names the credited invoice right after its own number, so a long customer name is what gets cut.
  const number =
    kind === "creditNote" && fields.creditedInvoice
      ? `${fields.number} (factuur ${fields.creditedInvoice})`
      : fields.number;
  const values: Record<string, string> = { number, customer: fields.customer, date: fields.date, po: fields.po ?? "" };
  // One pass with a replacer function: a value is inserted as it is (no `$&` expansion) and never filled in again.
  const filled = template
    .replace(/\{(number|customer|date|po)\}/g, (_, token: string) => values[token] ?? "")
    .replace(/\s+/g, " ")
    .trim();
  const text = kind === "creditNote" ? `Creditnota ${filled}` : filled;
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
