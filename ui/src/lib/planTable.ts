// The plan table's logic, without JSX: which rows a filter keeps, what a choice does to a row,
// how rows count. The fake backend filters with it exactly as `import_rows` does, and the
// screen uses it to word counts and the progress.

import type { ConflictChoice } from '../bindings/ConflictChoice';
import type { ImportRowView } from '../bindings/ImportRowView';
import type { OutcomeKind } from '../bindings/OutcomeKind';
import type { PlanCounts } from '../bindings/PlanCounts';
import type { RowKind } from '../bindings/RowKind';

/** The classes, in the order the chart and the filter show them. */
export const ROW_KINDS: RowKind[] = [
  'create',
  'update',
  'unchanged',
  'conflict',
  'invalid',
  'missing',
];

export type RowFilter = { kinds: RowKind[]; outcomes: OutcomeKind[]; q: string };

export const NO_FILTER: RowFilter = { kinds: [], outcomes: [], q: '' };

/** Lowercased text without accents, so `Elodie` finds `Élodie`. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The text a search box looks into: key, label, source row, changed fields and values. */
export function rowText(row: ImportRowView): string {
  const parts = [row.key ?? '', row.label ?? '', String(row.sourceRow ?? '')];
  for (const c of row.changes) parts.push(c.field, c.before, c.after);
  return fold(parts.join('\u001f'));
}

/**
 * The rows `filter` keeps, in plan order; a conflict the DPO resolved stays among the
 * conflicts, so that its choice can be seen and changed. `texts` are the rows' `rowText`, computed once per
 * plan (a 10,000-row plan is then filtered by a scan of strings).
 */
export function filterRows(
  rows: readonly ImportRowView[],
  filter: RowFilter,
  texts: readonly string[] = rows.map(rowText),
): ImportRowView[] {
  const q = fold(filter.q.trim());
  const kinds = new Set(filter.kinds);
  const outcomes = new Set(filter.outcomes);
  const out: ImportRowView[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as ImportRowView;
    const conflict = kinds.has('conflict') && row.planned === 'conflict';
    if (kinds.size > 0 && !kinds.has(row.kind) && !conflict) continue;
    if (outcomes.size > 0 && !(row.outcome && outcomes.has(row.outcome.kind))) continue;
    if (q !== '' && !(texts[i] as string).includes(q)) continue;
    out.push(row);
  }
  return out;
}

/** Rows per class. */
export function countKinds(rows: readonly ImportRowView[]): PlanCounts {
  const counts: PlanCounts = {
    create: 0,
    update: 0,
    unchanged: 0,
    conflict: 0,
    invalid: 0,
    missing: 0,
  };
  for (const row of rows) counts[row.kind] += 1;
  return counts;
}

/** Rows applying will write. */
export function countToWrite(rows: readonly ImportRowView[]): number {
  return rows.filter((r) => r.selected).length;
}

/** A row selected or deselected; a row that writes nothing stays as it is. */
export function withSelected(row: ImportRowView, selected: boolean): ImportRowView {
  return row.selectable ? { ...row, selected } : row;
}

/**
 * A conflict row after the DPO's choice. Taking the source turns it into `resolved` (the
 * create or update the backend found against Dastra), selected; keeping Dastra's record or
 * skipping leaves a conflict that writes nothing. Not a conflict: refused.
 */
export function withChoice(
  row: ImportRowView,
  choice: ConflictChoice,
  resolved: RowKind = 'update',
): ImportRowView {
  if (row.planned !== 'conflict') throw new Error(`row ${row.index} is not a conflict`);
  if (choice === 'takeSource') {
    if (row.conflict?.cause === 'severalInDastra') {
      throw new Error('several Dastra records have this key');
    }
    return { ...row, choice, kind: resolved, selected: true, selectable: true };
  }
  return { ...row, choice, kind: 'conflict', selected: false, selectable: false, changes: [] };
}

/** Whether a choice is open to the row: taking the source only for a duplicate in the source. */
export function choiceAllowed(row: ImportRowView, choice: ConflictChoice): boolean {
  if (row.planned !== 'conflict') return false;
  return choice !== 'takeSource' || row.conflict?.cause === 'duplicateInSource';
}

/** The chart's bars: each class with its share of the largest, for widths. */
export function chartBars(counts: PlanCounts): { kind: RowKind; count: number; share: number }[] {
  const max = Math.max(1, ...ROW_KINDS.map((k) => counts[k]));
  return ROW_KINDS.map((kind) => ({ kind, count: counts[kind], share: counts[kind] / max }));
}

/** The progress as a fraction from 0 to 1 (1 when there is nothing to write). */
export function progressShare(done: number, total: number): number {
  return total === 0 ? 1 : Math.min(1, done / total);
}
