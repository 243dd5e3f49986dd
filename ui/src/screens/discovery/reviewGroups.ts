// The review's order: findings grouped by source (in the job's order), then by file, table or
// endpoint (in the order first found). Keyboard moves follow this order, not the stored one.

import type { FindingView } from '../../bindings/FindingView';
import type { JobView } from '../../bindings/JobView';
import type { Messages } from '../../i18n';
import { groupOf } from './labels';

export type UnitGroup = { key: string; label: string; findings: FindingView[] };
export type SourceGroup = { sourceId: string; name: string; units: UnitGroup[] };

/** Findings by source, then by unit. */
export function groupFindings(findings: FindingView[], job: JobView, t: Messages): SourceGroup[] {
  const order = job.sources.map((s) => s.id);
  const sources = new Map<string, SourceGroup>();
  for (const view of findings) {
    const id = view.finding.sourceId;
    let source = sources.get(id);
    if (!source) {
      const name = job.sources.find((s) => s.id === id)?.name ?? id;
      source = { sourceId: id, name, units: [] };
      sources.set(id, source);
    }
    const { key, label } = groupOf(view.finding.location, t);
    let unit = source.units.find((u) => u.key === key);
    if (!unit) {
      unit = { key, label, findings: [] };
      source.units.push(unit);
    }
    unit.findings.push(view);
  }
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return [...sources.values()].sort((a, b) => rank(a.sourceId) - rank(b.sourceId));
}

/** The findings in the order the screen shows them. */
export function displayOrder(groups: SourceGroup[]): FindingView[] {
  return groups.flatMap((s) => s.units.flatMap((u) => u.findings));
}

/** One line of the review as drawn: a source's title, a unit's title, or a finding. */
export type ReviewRow =
  | { kind: 'source'; key: string; name: string; count: number }
  | { kind: 'unit'; key: string; label: string }
  | { kind: 'finding'; key: string; view: FindingView };

/** The groups as a flat list of lines, for a list that draws only those in view. */
export function reviewRows(groups: SourceGroup[]): ReviewRow[] {
  const rows: ReviewRow[] = [];
  for (const source of groups) {
    const count = source.units.reduce((n, u) => n + u.findings.length, 0);
    rows.push({ kind: 'source', key: `s:${source.sourceId}`, name: source.name, count });
    for (const unit of source.units) {
      rows.push({ kind: 'unit', key: `u:${source.sourceId}:${unit.key}`, label: unit.label });
      for (const view of unit.findings) rows.push({ kind: 'finding', key: `f:${view.id}`, view });
    }
  }
  return rows;
}

/** Where each finding is among the rows, by id. */
export function rowIndexById(rows: ReviewRow[]): Map<number, number> {
  const at = new Map<number, number>();
  rows.forEach((row, index) => {
    if (row.kind === 'finding') at.set(row.view.id, index);
  });
  return at;
}
