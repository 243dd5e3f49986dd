// How the Connections screen words a profile: its name (the built-in sandbox in the person's
// language), its secret's status and its last test.

import type { ConnectionView } from '../../bindings/ConnectionView';
import type { Language } from '../../bindings/Language';
import type { Messages } from '../../i18n';
import { secretNeed } from '../../lib/connectionSecret';
import { formatDate, formatTime, parseDastraTime } from '../../lib/format';

/** The name to show: the built-in sandbox is named in the UI's language. */
export function connectionName(c: Pick<ConnectionView, 'builtin' | 'name'>, t: Messages): string {
  return c.builtin ? t.connections.sandboxName : c.name;
}

export type Tone = 'success' | 'danger' | 'neutral';

/** "Mot de passe enregistré dans le trousseau", "Secret manquant : …", with its tone. */
export function secretStatusText(c: ConnectionView, t: Messages): { text: string; tone: Tone } {
  const words = t.connections.secret;
  const need = secretNeed(c.settings);
  switch (c.secretStatus) {
    case 'stored':
      return { text: words.stored[need?.kind ?? 'password'], tone: 'success' };
    case 'missing':
      return { text: words.missing[need?.kind ?? 'password'], tone: 'danger' };
    case 'notSet':
      return { text: words.notSet, tone: 'neutral' };
    case 'notNeeded':
      return { text: words.notNeeded, tone: 'neutral' };
  }
}

/**
 * "Test réussi à 14:05", "Échec du test le 2 déc. 2026 à 16:40" or "Pas encore testée". Last
 * tests are kept from one session to the next, so a test of another day gives its date.
 */
export function lastTestText(
  c: ConnectionView,
  t: Messages,
  language: Language,
  now: Date = new Date(),
): { text: string; tone: Tone } {
  const words = t.connections.lastTest;
  if (!c.lastTest) return { text: words.never, tone: 'neutral' };
  const at = parseDastraTime(c.lastTest.at);
  const time = formatTime(c.lastTest.at, language) ?? '';
  const when =
    at && at.toDateString() === now.toDateString()
      ? words.today(time)
      : words.onDay(formatDate(c.lastTest.at, language) ?? '', time);
  return c.lastTest.ok
    ? { text: words.ok(when), tone: 'success' }
    : { text: words.failed(when), tone: 'danger' };
}
