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
