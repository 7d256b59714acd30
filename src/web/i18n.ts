import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";

export type Lang = "nl" | "en";

const TEXT = {
  appName: { en: "Teamleader → Exact Online", nl: "Teamleader → Exact Online" },
  signOut: { en: "Sign out", nl: "Afmelden" },
  accessDenied: { en: "You did not allow access, so nothing was connected. You can start again whenever you like.", nl: "U heeft geen toegang gegeven, dus er is niets gekoppeld. U kunt op elk moment opnieuw beginnen." },
  stateMismatch: { en: "This sign-in was not started here or has expired (after 10 minutes). Please start again.", nl: "Deze aanmelding is niet hier gestart of is verlopen (na 10 minuten). Begin opnieuw." },
  startAgain: { en: "Start again", nl: "Opnieuw beginnen" },
  chooseDepartment: { en: "Which Teamleader department should be booked?", nl: "Welke Teamleader-afdeling moet geboekt worden?" },
  departmentHelp: { en: "One connection per department. Each department can go to the same or another Exact administration.", nl: "Eén koppeling per afdeling. Elke afdeling kan naar dezelfde of een andere Exact-administratie." },
  alreadyConnected: { en: "This department already has a connection; it is shown here instead.", nl: "Deze afdeling heeft al een koppeling; die ziet u hier." },
  continue: { en: "Continue", nl: "Verder" },
  connectExact: { en: "Connect Exact Online", nl: "Exact Online koppelen" },
  chooseRegion: { en: "Where is your Exact Online account?", nl: "Waar staat uw Exact Online-account?" },
  chooseDivision: { en: "Which Exact administration (division)?", nl: "Welke Exact-administratie?" },
  chooseJournal: { en: "Which sales journal should the entries go to?", nl: "In welk verkoopdagboek moeten de boekingen komen?" },
  journalHelp: { en: "Only sales journals (type 20) are listed.", nl: "Alleen verkoopdagboeken (type 20) worden getoond." },
  noJournals: { en: "This administration has no sales journal. Create one in Exact Online, then reload this page.", nl: "Deze administratie heeft geen verkoopdagboek. Maak er een aan in Exact Online en laad deze pagina opnieuw." },
  connection: { en: "Connection", nl: "Koppeling" },
  department: { en: "Department", nl: "Afdeling" },
  division: { en: "Exact administration", nl: "Exact-administratie" },
  journal: { en: "Sales journal", nl: "Verkoopdagboek" },
  status: { en: "Status", nl: "Status" },
  notChosen: { en: "not chosen yet", nl: "nog niet gekozen" },
  nextStep: { en: "Next step", nl: "Volgende stap" },
  invalidChoice: { en: "That choice is not available. Pick one from the list.", nl: "Die keuze is niet beschikbaar. Kies er een uit de lijst." },
} satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof TEXT;

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
