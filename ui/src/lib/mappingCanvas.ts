// The mapping studio's canvas as data: which source column feeds which Dastra field, each
// connection's transform chain, the match key, the missing-from-source policy, and the
// suggestions waiting for the DPO's yes or no. Pure functions over an immutable state, so the
// screen only draws it; `toProfile` gives the document the backend previews, saves and plans.

import type { Entity } from '../bindings/Entity';
import type { FieldMapping } from '../bindings/FieldMapping';
import type { MappingSuggestions } from '../bindings/MappingSuggestions';
import type { MissingPolicy } from '../bindings/MissingPolicy';
import type { Profile } from '../bindings/Profile';
import type { SourceSpec } from '../bindings/SourceSpec';
import type { Transform } from '../bindings/Transform';

/** One suggestion as the canvas shows it: a dashed connection, accepted or rejected. */
export type PendingSuggestion = {
  field: string;
  column: string;
  score: number;
  reason: string;
  /** Source value → allowed value, for an enum field. */
  values: Record<string, string>;
  /** Source values nothing close was found for. */
  unmatched: string[];
};

export type CanvasState = {
  id: string;
  name: string;
  source: SourceSpec;
  target: Entity;
  /** The match key: the source column and its steps, the Dastra field it is compared with. */
  key: { column: string | null; transforms: Transform[]; target: string };
  /** The connections, in the order they were drawn. */
  fields: FieldMapping[];
  missing: MissingPolicy;
  suggestions: PendingSuggestion[];
};

/** An empty canvas for `target`, keyed on `keyField`. */
export function emptyCanvas(source: SourceSpec, target: Entity, keyField: string): CanvasState {
  return {
    id: '',
    name: '',
    source,
    target,
    key: { column: null, transforms: [], target: keyField },
    fields: [],
    missing: { action: 'ignore' },
    suggestions: [],
  };
}

/** The canvas of a saved profile. */
export function fromProfile(profile: Profile): CanvasState {
  return {
    id: profile.id,
    name: profile.name,
    source: profile.source,
    target: profile.target,
    key: { ...profile.key, transforms: profile.key.transforms ?? [] },
    fields: profile.fields.map((f) => ({ ...f, transforms: [...(f.transforms ?? [])] })),
    missing: profile.missing,
    suggestions: [],
  };
}

/**
 * Connect `column` to `field`. A field has one source: connecting it again replaces the
 * column and keeps its chain. Connecting the key's field sets the key's column. A suggestion
 * for that field is settled by the DPO's own choice.
 */
export function connect(state: CanvasState, column: string, field: string): CanvasState {
  const suggestions = state.suggestions.filter((s) => s.field !== field);
  if (field === state.key.target) {
    return { ...state, key: { ...state.key, column }, suggestions };
  }
  const existing = state.fields.find((f) => f.target === field);
  const fields = existing
    ? state.fields.map((f) => (f.target === field ? { ...f, column } : f))
    : [...state.fields, { target: field, column, transforms: [] }];
  return { ...state, fields, suggestions };
}

/** Remove the connection into `field` (the key's column is cleared, its field stays the key). */
export function disconnect(state: CanvasState, field: string): CanvasState {
  if (field === state.key.target) return { ...state, key: { ...state.key, column: null } };
  return { ...state, fields: state.fields.filter((f) => f.target !== field) };
}

/** The chain into `field` (the key's, when it is the key's field). */
export function chainOf(state: CanvasState, field: string): Transform[] {
  if (field === state.key.target) return state.key.transforms;
  return state.fields.find((f) => f.target === field)?.transforms ?? [];
}

/** The column feeding `field`, if one does. */
export function columnOf(state: CanvasState, field: string): string | null {
  if (field === state.key.target) return state.key.column;
  return state.fields.find((f) => f.target === field)?.column ?? null;
}

/**
 * Replace the chain into `field`. A field fed by nothing gets a mapping without a column (a
 * constant, a concatenation); one whose last step goes and that has no column is removed.
 */
export function setChain(state: CanvasState, field: string, chain: Transform[]): CanvasState {
  if (field === state.key.target) return { ...state, key: { ...state.key, transforms: chain } };
  const existing = state.fields.find((f) => f.target === field);
  if (!existing) {
    if (chain.length === 0) return state;
    return { ...state, fields: [...state.fields, { target: field, transforms: chain }] };
  }
  if (!existing.column && chain.length === 0) {
    return { ...state, fields: state.fields.filter((f) => f.target !== field) };
  }
  return {
    ...state,
    fields: state.fields.map((f) => (f.target === field ? { ...f, transforms: chain } : f)),
  };
}

/** Make `field` the match key's field. Its connection, if any, becomes the key's. */
export function setKeyField(state: CanvasState, field: string): CanvasState {
  if (field === state.key.target) return state;
  const old = state.key;
  const into = state.fields.find((f) => f.target === field);
  const fields = state.fields.filter((f) => f.target !== field);
  if (old.column !== null) {
    fields.push({ target: old.target, column: old.column, transforms: old.transforms });
  }
  const key = {
    column: into?.column ?? null,
    transforms: into?.transforms ?? [],
    target: field,
  };
  return { ...state, key, fields };
}

export function setMissing(state: CanvasState, missing: MissingPolicy): CanvasState {
  return { ...state, missing };
}

/**
 * Put the backend's suggestions on the canvas, waiting for a decision; fields already
 * connected by the DPO are left alone.
 */
export function withSuggestions(state: CanvasState, found: MappingSuggestions): CanvasState {
  const taken = new Set(state.fields.map((f) => f.target));
  if (state.key.column !== null) taken.add(state.key.target);
  const suggestions = found.fields
    .filter((s) => !taken.has(s.targetField))
    .map((s) => {
      const map = found.enumMaps.find(
        (m) => m.targetField === s.targetField && m.sourceColumn === s.sourceColumn,
      );
      const values: Record<string, string> = {};
      for (const pair of map?.values ?? []) values[pair.from] = pair.to;
      return {
        field: s.targetField,
        column: s.sourceColumn,
        score: s.score,
        reason: s.reason,
        values,
        unmatched: map?.unmatched ?? [],
      };
    });
  return { ...state, suggestions };
}

/** Accept the suggestion for `field`: a connection, with its value map when it has one. */
export function acceptSuggestion(state: CanvasState, field: string): CanvasState {
  const s = state.suggestions.find((x) => x.field === field);
  if (!s) return state;
  const connected = connect(state, s.column, field);
  if (Object.keys(s.values).length === 0 && s.unmatched.length === 0) return connected;
  return setChain(connected, field, [{ op: 'valueMap', values: { ...s.values } }]);
}

/** Reject the suggestion for `field`: it leaves the canvas. */
export function rejectSuggestion(state: CanvasState, field: string): CanvasState {
  return { ...state, suggestions: state.suggestions.filter((s) => s.field !== field) };
}

export function acceptAll(state: CanvasState): CanvasState {
  return state.suggestions.reduce((s, x) => acceptSuggestion(s, x.field), state);
}

/**
 * Set one entry of the value map into `field`: `to` null removes it. The chain gets a value
 * map step at its end when it has none.
 */
export function setValue(
  state: CanvasState,
  field: string,
  from: string,
  to: string | null,
): CanvasState {
  const chain = chainOf(state, field);
  const at = chain.findIndex((t) => t.op === 'valueMap');
  const current = at >= 0 ? (chain[at] as Extract<Transform, { op: 'valueMap' }>).values : {};
  const values = { ...current };
  if (to === null) delete values[from];
  else values[from] = to;
  const step: Transform = { op: 'valueMap', values };
  const next = at >= 0 ? chain.map((t, i) => (i === at ? step : t)) : [...chain, step];
  return setChain(state, field, next);
}

/** The value map into `field`, empty when its chain has none. */
export function valueMapOf(state: CanvasState, field: string): Record<string, string> {
  const step = chainOf(state, field).find((t) => t.op === 'valueMap');
  return step && step.op === 'valueMap' ? step.values : {};
}

/** Why the canvas is not a profile yet, or null when it is one. */
export type NotReady = 'noKey' | null;

export function notReady(state: CanvasState): NotReady {
  return state.key.column === null ? 'noKey' : null;
}

/** The profile document the canvas draws; null while the match key has no column. */
export function toProfile(state: CanvasState): Profile | null {
  if (state.key.column === null) return null;
  return {
    version: 1,
    id: state.id || 'draft',
    name: state.name || state.id || 'draft',
    source: state.source,
    target: state.target,
    key: { column: state.key.column, transforms: state.key.transforms, target: state.key.target },
    fields: state.fields,
    missing: state.missing,
  };
}
