import { formatDateTime } from "./format";
import type { Lang } from "./i18n";

/**
 * Dutch for the connector's own messages (stored in English in D1: document explanations, history, run
 * errors, connection reasons, validation errors). Each rule matches one message shape the code writes;
 * nested parts are translated recursively. Exact's own texts (already Dutch) and unknown text pass through.
 */
type Rule = [RegExp, (m: RegExpExecArray, tr: (text: string) => string) => string];

const doc = (label: string) => (label === "Invoice" ? "Factuur" : "Creditnota");
const HOW: Record<string, string> = {
  "created in Exact": "aangemaakt in Exact",
  "matched by VAT number": "gevonden op btw-nummer",
  "matched by chamber of commerce number": "gevonden op KvK-/ondernemingsnummer",
  "matched by name": "gevonden op naam",
};

const VAT_REASON: Record<string, string> = {
  "its check digit is wrong": "het controlecijfer klopt niet",
  "a Dutch VAT number is NL, 9 digits, B and 2 digits": "een Nederlands btw-nummer is NL, 9 cijfers, B en 2 cijfers",
  "a Belgian VAT number is BE and 10 digits": "een Belgisch btw-nummer is BE en 10 cijfers",
  "it does not look like a VAT number (country code and 2 to 13 letters or digits)":
    "het lijkt niet op een btw-nummer (landcode en 2 tot 13 letters of cijfers)",
};

const RULES: Rule[] = [
  [
    /^(Invoice|Credit note) (.+?) booked in Exact as entry (\d+) \((\S+ [-\d.,]+), with PDF\)\.$/,
    (m) => `${doc(m[1]!)} ${m[2]} geboekt in Exact als boeking ${m[3]} (${m[4]}, met pdf).`,
  ],
  [
    /^(Invoice|Credit note) (.+?) was already in Exact as entry (\d+) \(([\s\S]+)\); it was linked, not booked again\.$/,
    (m, tr) =>
      `${doc(m[1]!)} ${m[2]} stond al in Exact als boeking ${m[3]} (${tr(m[4]!)}); gekoppeld, niet opnieuw geboekt.`,
  ],
  [/^an earlier attempt had reached Exact$/, () => "een eerdere poging was aangekomen"],
  [
    /^Exact's answer to the POST was unclear \(([\s\S]+)\)$/,
    (m) => `het antwoord van Exact op het boeken was onduidelijk (${m[1]})`,
  ],
  [
    /^(Invoice|Credit note) (.+?) could not be read: ([\s\S]+?)\.(?: Exact entry (\d+) was left as it is\.)?$/,
    (m) =>
      `${doc(m[1]!)} ${m[2]} kon niet gelezen worden: ${m[3]}.${m[4] ? ` Exact-boeking ${m[4]} is ongemoeid gelaten.` : ""}`,
  ],
  [
    /^(Invoice|Credit note) (.+?): ([\s\S]+) Nothing was found in Exact yet; the next run looks again before writing\.$/,
    (m) =>
      `${doc(m[1]!)} ${m[2]}: ${m[3]} In Exact is nog niets gevonden; de volgende run kijkt opnieuw voordat hij iets schrijft.`,
  ],
  [
    /^Customer "(.+)" was created in Exact without its VAT number (\S+): (.+), and Exact refuses such a number\. Correct it in Teamleader and Exact\.$/,
    (m) =>
      `Klant "${m[1]}" is in Exact aangemaakt zonder btw-nummer ${m[2]}: ${VAT_REASON[m[3]!] ?? m[3]}, en zo'n nummer weigert Exact. Verbeter het in Teamleader en Exact.`,
  ],
  [
    /^Creating customer "(.+)" got no clear answer from Exact \(([\s\S]+)\); the account was found in Exact and used, not created again\.$/,
    (m) =>
      `Het aanmaken van klant "${m[1]}" kreeg geen duidelijk antwoord van Exact (${m[2]}); de relatie is in Exact gevonden en gebruikt, niet nog eens aangemaakt.`,
  ],
  [
    /^(Invoice|Credit note) (.+?) was not booked: ([\s\S]+)$/,
    (m, tr) => `${doc(m[1]!)} ${m[2]} is niet geboekt: ${tr(m[3]!)}`,
  ],
  [
    /^(Invoice|Credit note) (.+?) changed in Teamleader; Exact entry (\d+) was updated to match\.$/,
    (m) => `${doc(m[1]!)} ${m[2]} is gewijzigd in Teamleader; Exact-boeking ${m[3]} is bijgewerkt.`,
  ],
  [
    /^(Invoice|Credit note) (.+?): ((?:Changed|Deleted) in Teamleader[\s\S]+)$/,
    (m, tr) => `${doc(m[1]!)} ${m[2]}: ${tr(m[3]!)}`,
  ],
  [
    /^Changed in Teamleader after booking, but Exact entry (\d+) was not updated: ([\s\S]+)$/,
    (m, tr) => `Gewijzigd in Teamleader na het boeken, maar Exact-boeking ${m[1]} is niet bijgewerkt: ${tr(m[2]!)}`,
  ],
  [
    /^it is already paid in Exact\. Correct the entry in Exact by hand if needed\.$/,
    () => "de boeking is in Exact al betaald. Corrigeer de boeking zo nodig met de hand in Exact.",
  ],
  [/^Exact refused the change \(([\s\S]+)\)\.$/, (m, tr) => `Exact weigerde de wijziging (${tr(m[1]!)}).`],
  [
    /^the lines could only be partly replaced \(([\s\S]+)\); check the entry in Exact\.$/,
    (m, tr) => `de regels konden maar gedeeltelijk vervangen worden (${tr(m[1]!)}); controleer de boeking in Exact.`,
  ],
  [
    /^its new version cannot be mapped \(([\s\S]+)\)$/,
    (m, tr) => `de nieuwe versie kan niet gekoppeld worden (${tr(m[1]!)})`,
  ],
  [
    /^Deleted in Teamleader\. Exact entry (\d+) was left as it is: reverse it in Exact if it should not count\.$/,
    (m) =>
      `Verwijderd in Teamleader. Exact-boeking ${m[1]} is ongemoeid gelaten: boek die in Exact terug als ze niet mag meetellen.`,
  ],
  [
    /^Deleted in Teamleader before it was booked; nothing was written to Exact\.$/,
    () => "Verwijderd in Teamleader voordat het geboekt werd; er is niets in Exact geschreven.",
  ],
  [
    /^Credit notes are not synced for this connection \(see its options\)\.$/,
    () => "Creditnota's worden voor deze koppeling niet geboekt (zie de opties).",
  ],
  [
    /^Customer "(.+)" (created in Exact|matched by VAT number|matched by chamber of commerce number|matched by name)( \(made a customer: status C\))?\.$/,
    (m) => `Klant "${m[1]}" ${HOW[m[2]!]}${m[3] ? " (klantstatus C gezet)" : ""}.`,
  ],
  [
    /^Invoice (.+?) is fully paid in Exact \(entry (\d+)\); (\S+ [\d.,]+) registered as paid in Teamleader on (\d{4}-\d{2}-\d{2})(?: \(Teamleader showed ([\d.]+) due; Exact's receivable was ([\d.]+)\))?\.$/,
    (m) =>
      `Factuur ${m[1]} is volledig betaald in Exact (boeking ${m[2]}); ${m[3]} als betaald geregistreerd in Teamleader op ${m[4]}${m[5] ? ` (Teamleader toonde ${m[5]} openstaand; de vordering in Exact was ${m[6]})` : ""}.`,
  ],
  [
    /^Run paused: ([\s\S]+) It continues automatically\.$/,
    (m, tr) => `Run gepauzeerd: ${tr(m[1]!)} Hij gaat vanzelf verder.`,
  ],
  [/^Run failed: ([\s\S]+)$/, (m, tr) => `Run mislukt: ${tr(m[1]!)}`],
  [
    /^Connection activated: (?:all documents|documents dated (\d{4}-\d{2}-\d{2}) or later) will be booked in Exact division (\d+), journal (\S+)\.$/,
    (m) =>
      `Koppeling geactiveerd: ${m[1] ? `documenten vanaf ${m[1]}` : "alle documenten"} worden geboekt in Exact-administratie ${m[2]}, dagboek ${m[3]}.`,
  ],
  [
    /^Connection disconnected; tokens deleted, history kept\.([\s\S]*)$/,
    (m) => `Koppeling ontkoppeld; tokens verwijderd, geschiedenis bewaard.${m[1]}`,
  ],
  [
    /^(Teamleader|Exact Online) was connected again; syncing resumes\.$/,
    (m) => `${m[1]} is opnieuw gekoppeld; de synchronisatie gaat verder.`,
  ],
  [
    /^(Teamleader|Exact Online) no longer accepts this connection's authorisation \(([\s\S]+)\)\. Reconnect (Teamleader|Exact Online)\.$/,
    (m) => `${m[1]} accepteert de toestemming van deze koppeling niet meer (${m[2]}). Koppel ${m[3]} opnieuw.`,
  ],
  [
    /^Exact Online rate limit reached; calls resume at (\S+)\.$/,
    (m) => `De limiet van Exact Online is bereikt; aanroepen gaan verder om ${m[1]}.`,
  ],
  [
    /^Exact Online answered (\d+) errors on (.+) within the hour; calls to it pause until (\S+) so that Exact does not block the app\.$/,
    (m) =>
      `Exact Online gaf binnen het uur ${m[1]} fouten op ${m[2]}; aanroepen daarvan pauzeren tot ${m[3]}, zodat Exact de app niet blokkeert.`,
  ],
  [
    /^The (\w+) sync of (\S+) failed after all retries; it will be tried again on the next schedule\.$/,
    (m) =>
      `De synchronisatie (${m[1]}) van ${m[2]} is na alle pogingen mislukt; bij de volgende planning wordt het opnieuw geprobeerd.`,
  ],
  [/^Paused by a user\.$/, () => "Gepauzeerd door een gebruiker."],
  [/^Disconnected by a user\.$/, () => "Ontkoppeld door een gebruiker."],
  [
    /^(.+) is not available\. Pick one from the list\.$/,
    (m) => `${m[1]} is niet beschikbaar. Kies er een uit de lijst.`,
  ],
  [
    /^(.+): Exact VAT code (\S+) does not exist in this Exact administration\. Pick one from the list\.$/,
    (m) => `${m[1]}: Exact-btw-code ${m[2]} bestaat niet in deze Exact-administratie. Kies er een uit de lijst.`,
  ],
  [
    /^This form has expired or did not come from this site\. Reload the page and try again\.$/,
    () => "Dit formulier is verlopen of kwam niet van deze site. Laad de pagina opnieuw en probeer het nog eens.",
  ],
  [
    /^There is no such (connection in your Teamleader account|document in this connection)\.$/,
    (m) =>
      m[1]!.startsWith("connection")
        ? "Deze koppeling bestaat niet in uw Teamleader-account."
        : "Dit document bestaat niet in deze koppeling.",
  ],
  [/^(Teamleader|Exact Online): ([\s\S]+)$/, (m, tr) => `${m[1]}: ${tr(m[2]!)}`],
];

/** Sentences that can appear several in one message (the mapping problems of one document). */
const SENTENCES: [RegExp, string][] = [
  [
    /Tax rate "([^"]+)" \(([^)]+)\) has no Exact VAT code\. Choose one on the VAT mapping page\./g,
    'Btw-tarief "$1" ($2) heeft geen Exact-btw-code. Kies er een op de pagina Btw-koppeling.',
  ],
  [
    /Ledger account (\S+) \(product category "([^"]+)"\) has no Exact GL account\. Choose one on the ledger mapping page\./g,
    'Grootboeknummer $1 (productcategorie "$2") heeft geen Exact-grootboekrekening. Kies er een op de pagina Grootboekkoppeling.',
  ],
  [
    /Lines without a product category need a default revenue GL account\. Choose one on the ledger mapping page\./g,
    "Regels zonder productcategorie hebben een standaard omzetrekening nodig. Kies er een op de pagina Grootboekkoppeling.",
  ],
  [
    /Line "([^"]+)" uses a Teamleader tax rate that is not in the department's list \(([^)]+)\)\. Reload the tax rates on the VAT mapping page\./g,
    'Regel "$1" gebruikt een Teamleader-btw-tarief dat niet in de lijst van de afdeling staat ($2). Laad de tarieven opnieuw op de pagina Btw-koppeling.',
  ],
  [
    /Teamleader's total (\S+) does not equal its lines and VAT \((\S+)\); not booked\./g,
    "Het totaal in Teamleader ($1) is niet gelijk aan de regels plus btw ($2); niet geboekt.",
  ],
  [
    /Exact journal (\S+) takes only (\S+), so this (\S+) document cannot be booked in it\. In Exact, allow variable currency on journal \S+ \(its journal settings\), or choose a sales journal that does\./g,
    "Exact-dagboek $1 neemt alleen $2 aan, dus dit document in $3 kan er niet in geboekt worden. Sta in Exact variabele valuta toe op dagboek $1 (instellingen van het dagboek), of kies een verkoopdagboek dat dat doet.",
  ],
  [
    /Teamleader gives no exchange rate for this (\S+) document, so its amount in (\S+) is unknown; not booked\. Check the document's currency settings in Teamleader\./g,
    "Teamleader geeft geen wisselkoers voor dit document in $1, dus het bedrag in $2 is onbekend; niet geboekt. Controleer de valuta-instellingen van het document in Teamleader.",
  ],
  [
    /Teamleader's exchange rate \((\S+) → (\S+), ([^)]+)\) does not convert this (\S+) document into (\S+), the currency of the Exact division; not booked\. Book this department in an Exact division kept in (\S+), or correct the exchange rate in Teamleader\./g,
    "De wisselkoers in Teamleader ($1 → $2, $3) rekent dit document in $4 niet om naar $5, de valuta van de Exact-administratie; niet geboekt. Boek deze afdeling in een Exact-administratie in $6, of corrigeer de wisselkoers in Teamleader.",
  ],
];

function dutch(text: string, depth = 0): string {
  if (depth > 5) return text;
  for (const [pattern, render] of RULES) {
    const match = pattern.exec(text);
    if (match) return render(match, (inner) => dutch(inner, depth + 1));
  }
  return SENTENCES.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** A moment as the engine writes it into a message (`2026-11-30T06:15:00.000Z`): shown in Amsterdam time. */
const ISO_MOMENT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g;

export function messageIn(lang: Lang, text: string | null | undefined): string {
  if (!text) return "";
  const words = lang === "nl" ? dutch(text) : text;
  return words.replace(ISO_MOMENT, (iso) => formatDateTime(lang, new Date(iso)) ?? iso);
}
