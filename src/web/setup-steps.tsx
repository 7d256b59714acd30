import { type Lang, t } from "./i18n";

export const SETUP_STEPS = [
  "department",
  "exact",
  "division",
  "journal",
  "vat",
  "ledger",
  "options",
  "preview",
] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/**
 * Where the user is in the setup ("Stap 3 van 8") and the way back. A live connection's settings page is no
 * wizard step: it leads back to the connection instead.
 */
export function SetupFrame(props: {
  lang: Lang;
  connection: { id: string; status: string; departmentName: string | null };
  step: SetupStep;
}) {
  const { lang, connection, step } = props;
  if (connection.status !== "setup")
    return (
      <p class="steps">
        <a href={`/connections/${connection.id}`}>← {connection.departmentName ?? t(lang, "connection")}</a>
      </p>
    );
  const index = SETUP_STEPS.indexOf(step);
  const previous = SETUP_STEPS[index - 1];
  return (
    <p class="steps">
      <span id="step">
        {t(lang, "stepOf")
          .replace("{n}", String(index + 1))
          .replace("{total}", String(SETUP_STEPS.length))}
      </span>
      {previous ? (
        <>
          {" · "}
          <a href={`/connections/${connection.id}/setup/${previous}`} id="back">
            ← {t(lang, "back")}
          </a>
        </>
      ) : null}
    </p>
  );
}
