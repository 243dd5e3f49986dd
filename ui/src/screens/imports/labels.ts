// Words for an import's parts: the register it fills, its state's tone.

import type { IpcError } from '../../api';
import type { ImportState } from '../../bindings/ImportState';
import type { ImportView } from '../../bindings/ImportView';
import type { OutcomeKind } from '../../bindings/OutcomeKind';
import type { RowKind } from '../../bindings/RowKind';
import type { Messages } from '../../i18n';

type Tone = 'neutral' | 'accent' | 'danger' | 'warning' | 'success';

/** The register an entity name (`asset`) stands for. */
export function entityName(entity: string, t: Messages): string {
  const names = t.imports.entity;
  return entity === 'asset' || entity === 'contract' || entity === 'actor'
    ? names[entity]
    : names.other;
}

/** Where an import's records came from: a file's name, or a query or recipe on a connection
 * worded in the window's language (the backend's English words for an older import). */
export function sourceText(view: ImportView, t: Messages): string {
  const words = t.imports.source;
  switch (view.source?.kind) {
    case 'file':
      return view.source.name;
    case 'query':
      return words.query(view.source.connection);
    case 'recipe':
      return words.recipe(view.source.recipe, view.source.connection);
    default:
      return view.sourceName;
  }
}

export function stateTone(state: ImportState): Tone {
  switch (state) {
    case 'applied':
      return 'success';
    case 'applying':
    case 'undoing':
      return 'accent';
    case 'failed':
      return 'danger';
    case 'cancelled':
      return 'warning';
    default:
      return 'neutral';
  }
}

export function kindTone(kind: RowKind): Tone {
  switch (kind) {
    case 'create':
      return 'success';
    case 'update':
      return 'accent';
    case 'conflict':
      return 'warning';
    case 'invalid':
      return 'danger';
    default:
      return 'neutral';
  }
}

export function outcomeTone(kind: OutcomeKind): Tone {
  switch (kind) {
    case 'created':
    case 'updated':
    case 'tagged':
    case 'archived':
      return 'success';
    case 'undone':
      return 'accent';
    case 'stale':
    case 'unsupported':
      return 'warning';
    case 'failed':
      return 'danger';
    default:
      return 'neutral';
  }
}

/** Seconds as the DPO reads them: `45 s`, `3 min`, `1 h 05`. */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return `${h} h ${String(m).padStart(2, '0')}`;
}

/** The rows an import wrote to Dastra: records created, updated, tagged or archived. */
export function written(view: ImportView): number {
  const o = view.outcomes;
  return o.created + o.updated + o.tagged + o.archived;
}

/** Whether an import wrote something to Dastra that an undo could take back. */
export function wroteSomething(view: ImportView): boolean {
  return view.appliedAt != null && written(view) > 0;
}

/**
 * Why an apply or an undo could not start, in the window's language: the import is in no
 * state for it, or gone; else the backend's own sentence (a folder that cannot be written).
 */
export function runRefusalText(error: IpcError, operation: 'apply' | 'undo', t: Messages): string {
  const a = t.imports.apply;
  if (error.code === 'invalid') return operation === 'apply' ? a.applyRefused : a.undoRefused;
  if (error.code === 'notFound') return a.importGone;
  return error.message;
}
