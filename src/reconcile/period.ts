import { AppError } from "../errors";

/** A reporting period: a month (`2026-09`), a quarter (`2026-Q3`) or a year (`2026`); dates are ISO days. */
export interface Period {
  label: string;
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
  /** The day after the last, for exclusive bounds. */
  until: string;
}

const ACCEPTED = "a month (2026-09), a quarter (2026-Q3) or a year (2026)";

const isoDay = (year: number, monthIndex: number, day: number) =>
  new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);

function span(label: string, year: number, firstMonth: number, months: number): Period {
  return {
    label,
    from: isoDay(year, firstMonth, 1),
    to: isoDay(year, firstMonth + months, 0),
    until: isoDay(year, firstMonth + months, 1),
  };
}

export function parsePeriod(raw: string | undefined): Period {
  const text = (raw ?? "").trim();
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (month) return span(text, Number(month[1]), Number(month[2]) - 1, 1);
  const quarter = /^(\d{4})-Q([1-4])$/i.exec(text);
  if (quarter) return span(`${quarter[1]}-Q${quarter[2]}`, Number(quarter[1]), (Number(quarter[2]) - 1) * 3, 3);
  if (/^\d{4}$/.test(text)) return span(text, Number(text), 0, 12);
  throw new AppError("BAD_REQUEST", `period must be ${ACCEPTED}; got "${text}".`);
}

export const inPeriod = (period: Period, day: string | null | undefined) =>
  !!day && day.slice(0, 10) >= period.from && day.slice(0, 10) <= period.to;
