// A source as typed in a form (the studio's and the new import's): its kind, the file or the
// connection and query, and the options of its kind. Converted to and from the profile's
// `SourceSpec` and the `SourceSpecDto` the backend reads.

import type { SourceSpec } from '../bindings/SourceSpec';
import type { SourceSpecDto } from '../bindings/SourceSpecDto';

/** The source as typed in the form. */
export type SourceDraft = {
  kind: 'json' | 'csv' | 'xlsx' | 'sql' | 'rest';
  path: string;
  records: string;
  sheet: string;
  name: string;
  /** The saved connection of an SQL or REST source. */
  connection?: string;
  /** The query of an SQL source, the recipe file of a REST source. */
  query?: string;
  /** A CSV's delimiter and encoding, kept from a profile (detected when absent). */
  delimiter?: string | null;
  encoding?: string | null;
};

export const SOURCE_KINDS = ['json', 'csv', 'xlsx', 'sql', 'rest'] as const;

/** An empty draft of `kind`. */
export function emptyDraft(kind: SourceDraft['kind'] = 'json'): SourceDraft {
  return { kind, path: '', records: '', sheet: '', name: '' };
}

/** Whether the draft reads a file (and needs its path). */
export const readsFile = (draft: SourceDraft) => draft.kind !== 'sql' && draft.kind !== 'rest';

/** The profile's source description for a draft. */
export function specOf(draft: SourceDraft): SourceSpec {
  const name = draft.name.trim() || 'source';
  switch (draft.kind) {
    case 'json':
      return { name, kind: 'json', records: draft.records.trim() || null };
    case 'csv':
      return {
        name,
        kind: 'csv',
        delimiter: draft.delimiter ?? null,
        encoding: draft.encoding ?? null,
      };
    case 'xlsx':
      return { name, kind: 'xlsx', sheet: draft.sheet.trim() || null };
    case 'sql':
      return { name, kind: 'sql', connection: draft.connection ?? '', query: draft.query ?? '' };
    case 'rest':
      return { name, kind: 'rest', connection: draft.connection ?? '', recipe: draft.query ?? '' };
  }
}

/** The draft of a profile's source, with the file `path` for a file source. */
export function draftOf(spec: SourceSpec, path = ''): SourceDraft {
  const draft = { ...emptyDraft(spec.kind), name: spec.name, path };
  switch (spec.kind) {
    case 'json':
      return { ...draft, records: spec.records ?? '' };
    case 'csv':
      return { ...draft, delimiter: spec.delimiter ?? null, encoding: spec.encoding ?? null };
    case 'xlsx':
      return { ...draft, sheet: spec.sheet ?? '' };
    case 'sql':
      return { ...draft, connection: spec.connection, query: spec.query };
    case 'rest':
      return { ...draft, connection: spec.connection, query: spec.recipe };
  }
}

/** What the backend reads: the spec, and the file for a file source. */
export function dtoOf(draft: SourceDraft): SourceSpecDto {
  return readsFile(draft)
    ? { path: draft.path.trim(), spec: specOf(draft) }
    : { spec: specOf(draft) };
}

/** Whether the draft says enough to be read: a file, or a connection and a query or recipe. */
export function draftReady(draft: SourceDraft): boolean {
  if (readsFile(draft)) return draft.path.trim() !== '';
  return (draft.connection ?? '').trim() !== '' && (draft.query ?? '').trim() !== '';
}

/** The source of a profile document (JSON text), when it has a readable one. */
export function profileSource(text: string): SourceSpec | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const source = (parsed as { source?: unknown } | null)?.source as Partial<SourceSpec> | undefined;
  if (!source || typeof source !== 'object' || typeof source.name !== 'string') return null;
  return (SOURCE_KINDS as readonly string[]).includes(source.kind ?? '')
    ? (source as SourceSpec)
    : null;
}
