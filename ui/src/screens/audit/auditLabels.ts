// How the audit log's entries read: an action in words, its counts as short phrases. The
// backend may add actions and counts before the UI knows them: those show their raw names.

import type { Language } from '../../bindings/Language';
import type { Messages } from '../../i18n';
import { formatCount } from '../../lib/format';

type Words = Messages['evidence']['audit'];

/** An action in words ("Recherche lancée"), or its raw name when this version does not know it. */
export function actionLabel(words: Words, action: string): string {
  return Object.hasOwn(words.actions, action)
    ? words.actions[action as keyof Words['actions']]
    : action;
}

/** An entry's counts as one line ("12 résultats, 9 inclus"); unknown names as `name: n`. */
export function countsLabel(words: Words, counts: [string, number][], language: Language): string {
  return counts
    .map(([name, n]) => {
      const shown = formatCount(n, language);
      return Object.hasOwn(words.counts, name)
        ? words.counts[name as keyof Words['counts']](n, shown)
        : `${name}: ${shown}`;
    })
    .join(', ');
}
