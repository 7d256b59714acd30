import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";

export type Lang = "nl" | "en";

const TEXT = {
  appName: { en: "Teamleader → Exact Online", nl: "Teamleader → Exact Online" },
  signOut: { en: "Sign out", nl: "Afmelden" },
  signedInAs: { en: "Signed in as {name}", nl: "Aangemeld als {name}" },
  stepOf: { en: "Step {n} of {total}", nl: "Stap {n} van {total}" },
  back: { en: "Back", nl: "Terug" },
  accessDenied: {
    en: "You did not allow access, so nothing was connected. You can start again whenever you like.",
    nl: "U heeft geen toegang gegeven, dus er is niets gekoppeld. U kunt op elk moment opnieuw beginnen.",
  },
  stateMismatch: {
    en: "This sign-in was not started here or has expired (after 10 minutes). Please start again.",
    nl: "Deze aanmelding is niet hier gestart of is verlopen (na 10 minuten). Begin opnieuw.",
  },
  goneWhileAway: {
    en: "This connection was disconnected while you were signing in, so nothing was stored. Install again to book this department.",
    nl: "Deze koppeling is verbroken terwijl u zich aanmeldde, dus er is niets opgeslagen. Installeer opnieuw om deze afdeling te boeken.",
  },
  startAgain: { en: "Start again", nl: "Opnieuw beginnen" },
  chooseDepartment: {
    en: "Which Teamleader department should be booked?",
    nl: "Welke Teamleader-afdeling moet geboekt worden?",
  },
  departmentHelp: {
    en: "One connection per department. Each department can go to the same or another Exact administration.",
    nl: "Eén koppeling per afdeling. Elke afdeling kan naar dezelfde of een andere Exact-administratie.",
  },
  alreadyConnected: {
    en: "This department already has a connection; it is shown here instead.",
    nl: "Deze afdeling heeft al een koppeling; die ziet u hier.",
  },
  continue: { en: "Continue", nl: "Verder" },
  chooseRegion: { en: "Where is your Exact Online account?", nl: "Waar staat uw Exact Online-account?" },
  chooseDivision: { en: "Which Exact administration (division)?", nl: "Welke Exact-administratie?" },
  chooseJournal: {
    en: "Which sales journal should the entries go to?",
    nl: "In welk verkoopdagboek moeten de boekingen komen?",
  },
  journalHelp: {
    en: "Only sales journals (type 20) are listed. A journal that takes one currency only cannot hold invoices in other currencies.",
    nl: "Alleen verkoopdagboeken (type 20) worden getoond. Een dagboek dat maar één valuta toestaat, kan geen facturen in andere valuta bevatten.",
  },
  onlyCurrency: { en: "only", nl: "alleen" },
  salesJournal: { en: "Sales journal", nl: "Verkoopdagboek" },
  noJournals: {
    en: "This administration has no sales journal. Create one in Exact Online, then reload this page.",
    nl: "Deze administratie heeft geen verkoopdagboek. Maak er een aan in Exact Online en laad deze pagina opnieuw.",
  },
  connection: { en: "Connection", nl: "Koppeling" },
  department: { en: "Department", nl: "Afdeling" },
  division: { en: "Exact administration", nl: "Exact-administratie" },
  journal: { en: "Sales journal", nl: "Verkoopdagboek" },
  status: { en: "Status", nl: "Status" },
  notChosen: { en: "not chosen yet", nl: "nog niet gekozen" },
  nextStep: { en: "Next step", nl: "Volgende stap" },
  invalidChoice: {
    en: "That choice is not available. Pick one from the list.",
    nl: "Die keuze is niet beschikbaar. Kies er een uit de lijst.",
  },
  vatMapping: { en: "VAT mapping", nl: "Btw-koppeling" },
  vatHelp: {
    en: "Every Teamleader tax rate of this department needs an Exact VAT code. Suggestions are marked; check them before you save.",
    nl: "Elk Teamleader-btw-tarief van deze afdeling heeft een Exact-btw-code nodig. Voorstellen zijn gemarkeerd; controleer ze voor u opslaat.",
  },
  taxRate: { en: "Teamleader tax rate", nl: "Teamleader-btw-tarief" },
  vatCode: { en: "Exact VAT code", nl: "Exact-btw-code" },
  suggestion: { en: "suggestion", nl: "voorstel" },
  chooseOne: { en: "— choose —", nl: "— kies —" },
  save: { en: "Save", nl: "Opslaan" },
  ledgerMapping: { en: "Ledger mapping", nl: "Grootboekkoppeling" },
  ledgerHelp: {
    en: "Each ledger account number used by the department's product categories gets an Exact GL account; lines without a category go to the default revenue account.",
    nl: "Elk grootboeknummer van de productcategorieën van deze afdeling krijgt een Exact-grootboekrekening; regels zonder categorie gaan naar de standaard omzetrekening.",
  },
  ledger: { en: "Ledger number (categories)", nl: "Grootboeknummer (categorieën)" },
  glAccount: { en: "Exact GL account", nl: "Exact-grootboekrekening" },
  defaultRevenue: {
    en: "Default revenue account (lines without a category)",
    nl: "Standaard omzetrekening (regels zonder categorie)",
  },
  options: { en: "Options", nl: "Opties" },
  syncCreditNotes: { en: "Also book credit notes", nl: "Ook creditnota's boeken" },
  descriptionTemplate: {
    en: "Description of the entry ({number}, {customer}, {date}, {po})",
    nl: "Omschrijving van de boeking ({number}, {customer}, {date}, {po})",
  },
  historicalExport: {
    en: "Which existing documents should be booked?",
    nl: "Welke bestaande documenten moeten geboekt worden?",
  },
  hNone: {
    en: "None: only what is booked from activation on (advised until you have checked the mapping)",
    nl: "Geen: alleen wat vanaf de activering geboekt wordt (aangeraden tot u de koppeling heeft gecontroleerd)",
  },
  hFiscalYear: { en: "From the start of this fiscal year", nl: "Vanaf het begin van dit boekjaar" },
  hQuarter: { en: "From the start of a quarter:", nl: "Vanaf het begin van een kwartaal:" },
  hMonth: { en: "From the start of this month", nl: "Vanaf het begin van deze maand" },
  hEverything: { en: "Everything", nl: "Alles" },
  preview: { en: "Preview", nl: "Voorbeeld" },
  previewHelp: {
    en: "The sales entries the connector would post, built by the same code that will post them. Nothing has been written to Exact.",
    nl: "De verkoopboekingen die de koppeling zou maken, opgebouwd door dezelfde code die ze straks boekt. Er is nog niets in Exact geschreven.",
  },
  previewHelpLive: {
    en: "The sales entries the connector would post now, with the current settings. This preview writes nothing; entries already booked stay as they are in Exact.",
    nl: "De verkoopboekingen die de koppeling nu zou maken, met de huidige instellingen. Dit voorbeeld schrijft niets; boekingen die al in Exact staan, blijven zoals ze zijn.",
  },
  previewExamples: {
    en: "No documents are dated from your start date yet; these recent invoices show what entries will look like (they will not be booked).",
    nl: "Er zijn nog geen documenten vanaf uw startdatum; deze recente facturen laten zien hoe boekingen eruitzien (ze worden niet geboekt).",
  },
  blocking: { en: "Not bookable yet", nl: "Nog niet boekbaar" },
  exchangeRate: { en: "Teamleader's exchange rate", nl: "Wisselkoers in Teamleader" },
  exactRate: { en: "rate in Exact", nl: "koers in Exact" },
  totalsDivision: { en: "total in the administration's currency", nl: "totaal in de valuta van de administratie" },
  exclVat: { en: "excl. VAT", nl: "excl. btw" },
  vat: { en: "VAT", nl: "btw" },
  vatSummary: { en: "VAT code", nl: "Btw-code" },
  vatBase: { en: "Base", nl: "Grondslag" },
  totalsTeamleader: { en: "Teamleader total", nl: "Totaal Teamleader" },
  totalsExact: { en: "Exact entry total", nl: "Totaal Exact-boeking" },
  activate: { en: "Activate", nl: "Activeren" },
  activated: {
    en: "The connection is active: documents are booked every 15 minutes and within seconds of a Teamleader change.",
    nl: "De koppeling is actief: documenten worden elke 15 minuten geboekt, en binnen enkele seconden na een wijziging in Teamleader.",
  },
  saved: { en: "Saved.", nl: "Opgeslagen." },
  savedSyncing: {
    en: "Saved. A sync with the new settings has started; it appears under the runs below (refresh in a moment).",
    nl: "Opgeslagen. Er is een synchronisatie met de nieuwe instellingen gestart; die verschijnt hieronder bij de synchronisaties (ververs zo de pagina).",
  },
  connections: { en: "Your connections", nl: "Uw koppelingen" },
  addConnection: { en: "Connect another department", nl: "Nog een afdeling koppelen" },
  documents: { en: "Documents", nl: "Documenten" },
  lastSync: { en: "Last sync", nl: "Laatste synchronisatie" },
  never: { en: "never", nl: "nooit" },
  syncNow: { en: "Sync now", nl: "Nu synchroniseren" },
  retryFailed: { en: "Retry failed documents", nl: "Mislukte documenten opnieuw" },
  pause: { en: "Pause", nl: "Pauzeren" },
  resume: { en: "Resume", nl: "Hervatten" },
  disconnect: { en: "Disconnect…", nl: "Ontkoppelen…" },
  search: { en: "Search number or customer", nl: "Zoek op nummer of klant" },
  all: { en: "all", nl: "alle" },
  number: { en: "Number", nl: "Nummer" },
  customer: { en: "Customer", nl: "Klant" },
  date: { en: "Date", nl: "Datum" },
  total: { en: "Total", nl: "Totaal" },
  entry: { en: "Exact entry", nl: "Exact-boeking" },
  explanation: { en: "What happened", nl: "Wat er gebeurde" },
  history: { en: "History", nl: "Geschiedenis" },
  disconnectedReadOnly: {
    en: "This connection has been disconnected and is read-only: nothing on it can change. Install the department again to book it.",
    nl: "Deze koppeling is ontkoppeld en alleen nog in te zien: er kan niets meer aan veranderen. Installeer de afdeling opnieuw om weer te boeken.",
  },
  disconnectTitle: { en: "Disconnect this connection?", nl: "Deze koppeling ontkoppelen?" },
  disconnectKeepsEntries: {
    en: "Sales entries already booked in Exact stay there, unchanged. Nothing is deleted in Exact or in Teamleader.",
    nl: "Verkoopboekingen die al in Exact staan, blijven daar ongewijzigd staan. Er wordt niets verwijderd in Exact of in Teamleader.",
  },
  disconnectStopsBooking: {
    en: "From now on, new or changed Teamleader documents are not booked, and payments in Exact are no longer reported back to Teamleader.",
    nl: "Vanaf nu worden nieuwe of gewijzigde Teamleader-documenten niet meer geboekt, en betalingen in Exact niet meer aan Teamleader teruggemeld.",
  },
  disconnectForgetsAccess: {
    en: "The connector deletes its access to Teamleader and Exact Online and stops listening to Teamleader.",
    nl: "De koppeling verwijdert haar toegang tot Teamleader en Exact Online en luistert niet meer naar Teamleader.",
  },
  disconnectKeepsHistory: {
    en: "This connection stays in Your connections, read-only, with its documents and history. You can install the department again at any time.",
    nl: "Deze koppeling blijft zichtbaar bij Uw koppelingen, alleen-lezen, met haar documenten en geschiedenis. U kunt de afdeling op elk moment opnieuw installeren.",
  },
  disconnectUnconfirmed: {
    en: "Disconnecting needs the confirmation on the disconnect page; nothing was changed.",
    nl: "Ontkoppelen vraagt om de bevestiging op de ontkoppelpagina; er is niets veranderd.",
  },
  disconnectConfirm: { en: "Yes, disconnect", nl: "Ja, ontkoppelen" },
  disconnectCancel: { en: "No, go back", nl: "Nee, terug" },
  disconnectedNotice: {
    en: "Disconnected. Entries already in Exact stay there; this page keeps the documents and history, read-only.",
    nl: "Ontkoppeld. Boekingen die al in Exact staan, blijven staan; deze pagina bewaart de documenten en geschiedenis, alleen-lezen.",
  },
  installAgain: { en: "Install this department again", nl: "Deze afdeling opnieuw installeren" },
  disconnectedConnections: { en: "Disconnected (read-only)", nl: "Ontkoppeld (alleen-lezen)" },
  runs: { en: "Synchronisations", nl: "Synchronisaties" },
  noRunsYet: { en: "No synchronisation has run yet.", nl: "Er is nog geen synchronisatie geweest." },
  runStarted: { en: "Started", nl: "Gestart" },
  runTrigger: { en: "Started by", nl: "Aanleiding" },
  runOutcome: { en: "Result", nl: "Resultaat" },
  runDid: { en: "What it did", nl: "Verwerkt" },
  runNote: { en: "Note", nl: "Toelichting" },
  runDidNothing: { en: "nothing new", nl: "niets nieuws" },
  runRunning: { en: "running", nl: "bezig" },
  runWaiting: {
    en: "waiting (rate limit or service unreachable); continues by itself",
    nl: "wacht (limiet of dienst onbereikbaar); gaat vanzelf verder",
  },
  runSucceeded: { en: "succeeded", nl: "gelukt" },
  runPartial: { en: "partly failed", nl: "deels mislukt" },
  runFailed: { en: "failed", nl: "mislukt" },
  runningSince: { en: "running now (started {time})", nl: "nu bezig (gestart {time})" },
  exportCsv: { en: "Export the event log (CSV)", nl: "Gebeurtenissenlog exporteren (CSV)" },
  queued: {
    en: "A sync has been started; refresh in a moment.",
    nl: "Er is een synchronisatie gestart; ververs zo de pagina.",
  },
  settings: { en: "Settings", nl: "Instellingen" },
  reviewed: {
    en: "Mappings saved. Resume the connection to book again.",
    nl: "Koppelingen opgeslagen. Hervat de koppeling om weer te boeken.",
  },
  reconnected: { en: "Connected again; syncing resumes.", nl: "Weer gekoppeld; de synchronisatie gaat verder." },
  reconnectTeamleader: { en: "Reconnect Teamleader", nl: "Teamleader opnieuw koppelen" },
  reconnectExact: { en: "Reconnect Exact Online", nl: "Exact Online opnieuw koppelen" },
  historicalProgress: { en: "Historical export", nl: "Historische export" },
  aboutTimeLeft: {
    en: "about {n} {unit} left at Exact's limits (the export uses 4,500 of the 5,000 calls a day)",
    nl: "nog ongeveer {n} {unit} binnen de limieten van Exact (de export gebruikt 4.500 van de 5.000 aanroepen per dag)",
  },
  countOf: { en: "{n} of {total}", nl: "{n} van {total}" },
  invoice: { en: "Invoice", nl: "Factuur" },
  creditNote: { en: "Credit note", nl: "Creditnota" },
  unit_min: { en: "min", nl: "min" },
  unit_h: { en: "hours", nl: "uur" },
  unit_d: { en: "days", nl: "dagen" },
  paid: { en: "paid", nl: "betaald" },
  builtEntry: {
    en: "The sales entry, as built from Teamleader's current data",
    nl: "De verkoopboeking, opgebouwd uit de huidige gegevens in Teamleader",
  },
  notAvailable: {
    en: "Not available (the document is gone from Teamleader, or a service could not be reached).",
    nl: "Niet beschikbaar (het document bestaat niet meer in Teamleader, of een dienst was niet bereikbaar).",
  },
  nextSync: { en: "Next sync", nl: "Volgende synchronisatie" },
  exactBudget: {
    en: "Exact calls left today (this administration)",
    nl: "Exact-aanroepen over vandaag (deze administratie)",
  },
} satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof TEXT;

const STATUS: Record<string, Record<Lang, string>> = {
  setup: { en: "being set up", nl: "wordt ingericht" },
  active: { en: "active", nl: "actief" },
  paused: { en: "paused", nl: "gepauzeerd" },
  needs_reconsent: { en: "needs to be reconnected", nl: "moet opnieuw gekoppeld worden" },
  error: { en: "error", nl: "fout" },
  disconnected: { en: "disconnected", nl: "ontkoppeld" },
  pending: { en: "pending", nl: "wacht" },
  posting: { en: "being booked", nl: "wordt geboekt" },
  booked: { en: "booked", nl: "geboekt" },
  failed: { en: "failed", nl: "mislukt" },
  skipped: { en: "skipped", nl: "overgeslagen" },
  drifted: { en: "differs from Exact", nl: "wijkt af van Exact" },
  deleted: { en: "deleted in Teamleader", nl: "verwijderd in Teamleader" },
  changed_in_exact: { en: "changed in Exact", nl: "gewijzigd in Exact" },
  deleted_in_exact: { en: "deleted in Exact", nl: "verwijderd in Exact" },
  running: { en: "running", nl: "bezig" },
  succeeded: { en: "succeeded", nl: "gelukt" },
  partial: { en: "partly failed", nl: "deels mislukt" },
};

/** A connection, document or run status in words. */
export const statusLabel = (lang: Lang, status: string) => STATUS[status]?.[lang] ?? status;

export const t = (lang: Lang, key: TextKey) => TEXT[key][lang];

/** `?lang=` (remembered in a cookie), else the cookie, else Dutch for nl/be browsers, else English. */
export function pickLang(c: Context): Lang {
  const asked = c.req.query("lang");
  if (asked === "nl" || asked === "en") {
    setCookie(c, "lang", asked, { path: "/", sameSite: "Lax", maxAge: 365 * 86_400 });
    return asked;
  }
  const saved = getCookie(c, "lang");
  if (saved === "nl" || saved === "en") return saved;
  const accept = (c.req.header("Accept-Language") ?? "").toLowerCase();
  const first = accept.split(",")[0]?.trim() ?? "";
  return first.startsWith("nl") || first.endsWith("-be") ? "nl" : "en";
}
