// How the discovery screens word a finding: where it is ("crm/clients.csv — ligne 2", "table
// clients — id = 1"), the group it belongs to (a file, a table, an API endpoint), why it matched
// in the current language, and why it was excluded.

import type { Decision } from '../../bindings/Decision';
import type { Finding } from '../../bindings/Finding';
import type { FindingLocation } from '../../bindings/FindingLocation';
import type { Language } from '../../bindings/Language';
import type { Messages } from '../../i18n';

/** A finding's place in words, precise enough to go and look. */
export function locationText(location: FindingLocation, t: Messages): string {
  const words = t.discovery.review.location;
  switch (location.type) {
    case 'file': {
      const parts = [
        location.sheet ? words.sheet(location.sheet) : null,
        location.row != null ? words.row(location.row) : null,
        location.page != null ? words.page(location.page) : null,
        // A CSV record's line is its row, unless a quoted value spans lines.
        location.line != null && location.line !== location.row ? words.line(location.line) : null,
      ].filter((p): p is string => p !== null);
      return parts.length > 0 ? `${location.path} — ${parts.join(', ')}` : location.path;
    }
    case 'row': {
      const key = location.key.map(([column, value]) => `${column} = ${value}`).join(', ');
      return key ? `${words.table(location.table)} — ${key}` : words.table(location.table);
    }
    case 'api': {
      const what = location.id ? words.record(location.id) : location.endpoint;
      return `${words.api(location.recipe)} — ${what}`;
    }
  }
}

/** The file, table or endpoint a finding is grouped under within its source. */
export function groupOf(location: FindingLocation, t: Messages): { key: string; label: string } {
  switch (location.type) {
    case 'file':
      return { key: `file:${location.path}`, label: location.path };
    case 'row':
      return { key: `row:${location.table}`, label: t.discovery.review.groupTable(location.table) };
    case 'api':
      return {
        key: `api:${location.recipe}:${location.endpoint}`,
        label: `${t.discovery.review.location.api(location.recipe)} — ${location.endpoint}`,
      };
  }
}

/** Why it matched, in the UI's language. */
export function reasonText(finding: Finding, language: Language): string {
  return language === 'fr' ? finding.reasonFr : finding.reasonEn;
}

/** "Exclu : Doublon", "Exclu : Autre motif (archive de 2019)", "Inclus dans la réponse". */
export function decisionText(decision: Decision, t: Messages): string {
  if (decision.decision === 'include') return t.discovery.review.included;
  const reason = t.discovery.exclude.reasons[decision.reason];
  const note = decision.note?.trim();
  return t.discovery.review.excluded(note ? `${reason} (${note})` : reason);
}

/** Where a request's identifier came from, in words: `email` → "adresse e-mail". */
export function requestFieldText(field: string, t: Messages): string {
  const words = t.discovery.launch;
  const known = words.requestFields[field];
  if (known) return known;
  if (field.startsWith('additionalDatas.')) {
    return words.extraField(field.slice('additionalDatas.'.length));
  }
  return field;
}

/**
 * Why a search could not start, in the DPO's language when the backend names the field at
 * fault (`identifiers`, `sourceIds`), else its own sentence.
 */
export function startRefusalText(
  error: { message: string; fields?: { field: string }[] },
  t: Messages,
): string {
  const refusals = t.discovery.launch.refusals;
  const field = error.fields?.find((f) => refusals[f.field] !== undefined)?.field;
  return field ? (refusals[field] as string) : error.message;
}
