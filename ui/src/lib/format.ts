// Formatting of dates, sizes and counts in the current language, with Intl.
//
// Dastra writes timestamps in ISO 8601, sometimes without an offset; those are read as UTC, as
// the backend does (src-tauri/crates/dastra/src/models/timestamp.rs), so the UI and the backend
// agree on which day a deadline falls.

import type { Language } from '../bindings/Language';

/** The BCP 47 locale used to format for a UI language. */
export function localeOf(language: Language): string {
  return language === 'fr' ? 'fr-FR' : 'en-GB';
}

const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A Dastra timestamp as a Date, or null when it is absent or unreadable. */
export function parseDastraTime(text: string | null | undefined): Date | null {
  if (!text) return null;
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, day, hm = '00:00', sec = ':00', fraction = '', offset = 'Z'] = m;
  // Engines disagree on more than three fractional digits (Dastra writes seven): cut to three.
  const ms = fraction ? `.${fraction.slice(0, 3).padEnd(3, '0')}` : '';
  const date = new Date(`${day}T${hm}${sec}${ms}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A calendar date ("3 déc. 2026", "3 Dec 2026"). Deadlines are days, not instants: `utc` shows
 * the day the backend counted from, whatever the machine's time zone.
 */
export function formatDate(
  text: string | null | undefined,
  language: Language,
  options: { utc?: boolean } = {},
): string | null {
  const date = parseDastraTime(text);
  if (!date) return null;
  return new Intl.DateTimeFormat(localeOf(language), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(options.utc ? { timeZone: 'UTC' } : {}),
  }).format(date);
}

/** A date and time in the machine's time zone ("3 déc. 2026, 14:05"). */
export function formatDateTime(text: string | null | undefined, language: Language): string | null {
  const date = parseDastraTime(text);
  if (!date) return null;
  return new Intl.DateTimeFormat(localeOf(language), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** A time of day in the machine's time zone ("14:05"), for what happened during this session. */
export function formatTime(text: string | null | undefined, language: Language): string | null {
  const date = parseDastraTime(text);
  if (!date) return null;
  return new Intl.DateTimeFormat(localeOf(language), { hour: '2-digit', minute: '2-digit' }).format(
    date,
  );
}

/** A duration in seconds with one decimal ("0,4" in French, "0.4" in English). */
export function formatSeconds(ms: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(Math.max(0, ms) / 1000);
}

/** A whole number with the language's grouping ("1 234" in French, "1,234" in English). */
export function formatCount(n: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 0 }).format(n);
}

const UNITS = {
  fr: ['o', 'Ko', 'Mo', 'Go'],
  en: ['B', 'KB', 'MB', 'GB'],
} as const;

/** A file size in the units people read in each language ("12,3 Ko", "12.3 KB"). */
export function formatBytes(bytes: number, language: Language): string {
  const units = UNITS[language];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(localeOf(language), {
    maximumFractionDigits: digits,
  }).format(value);
  return `${number}\u00a0${units[unit]}`;
}

/** A country's name from its ISO code ("France"), or the code when the engine has no name. */
export function countryName(code: string | null | undefined, language: Language): string | null {
  if (!code) return null;
  try {
    const name = new Intl.DisplayNames([localeOf(language)], { type: 'region' }).of(
      code.toUpperCase(),
    );
    return name && name !== code.toUpperCase() ? name : code;
  } catch {
    return code;
  }
}

/** A language's name from its code ("fr" → "français"), or the code when unknown. */
export function languageName(code: string | null | undefined, language: Language): string | null {
  if (!code) return null;
  try {
    return new Intl.DisplayNames([localeOf(language)], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A compact numeric date for dense tables ("14/03/2025"). */
export function formatShortDate(
  text: string | null | undefined,
  language: Language,
): string | null {
  const date = parseDastraTime(text);
  if (!date) return null;
  return new Intl.DateTimeFormat(localeOf(language), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(date);
}
