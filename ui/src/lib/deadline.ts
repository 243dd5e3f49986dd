// How a request's legal deadline reads: "dans 12 j", "en retard de 5 j". The backend counts the
// days (DsarRow.daysLeft, negative once past); this only words them and picks a tone.

/** The deadline wording of one language (see i18n). */
export type DeadlineWords = {
  dueIn: (days: number) => string;
  dueToday: string;
  overdueBy: (days: number) => string;
};

/** `overdue` is past the deadline; `soon` is within a week; `ok` leaves time; `none` has no count. */
export type DeadlineTone = 'overdue' | 'soon' | 'ok' | 'none';

/** Within this many days, a deadline is shown as near. */
export const SOON_DAYS = 7;

/** The words and tone for a request `daysLeft` days from its deadline (null when closed). */
export function describeDeadline(
  daysLeft: number | null,
  words: DeadlineWords,
): { text: string | null; tone: DeadlineTone } {
  if (daysLeft === null) return { text: null, tone: 'none' };
  if (daysLeft < 0) return { text: words.overdueBy(-daysLeft), tone: 'overdue' };
  if (daysLeft === 0) return { text: words.dueToday, tone: 'soon' };
  return { text: words.dueIn(daysLeft), tone: daysLeft <= SOON_DAYS ? 'soon' : 'ok' };
}
