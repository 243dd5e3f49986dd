import { describe, expect, it } from 'vitest';

import type { ImportRowView } from '../bindings/ImportRowView';
import { fakePlanRows } from '../test/fakeImports';
import {
  chartBars,
  choiceAllowed,
  countKinds,
  countToWrite,
  filterRows,
  progressShare,
  rowText,
  withChoice,
  withSelected,
} from './planTable';

const rows = fakePlanRows(10_000);

describe('the plan table', () => {
  it('filters by class, by text whatever its accents and case, and both', () => {
    const counts = countKinds(rows);
    expect(filterRows(rows, { kinds: ['conflict'], outcomes: [], q: '' })).toHaveLength(
      counts.conflict,
    );
    const both = filterRows(rows, { kinds: ['update', 'create'], outcomes: [], q: '' });
    expect(both).toHaveLength(counts.update + counts.create);
    expect(both.every((r) => r.kind === 'update' || r.kind === 'create')).toBe(true);

    const named = filterRows(rows, { kinds: [], outcomes: [], q: 'ÉCOLE 0042' });
    expect(named.map((r) => r.label)).toContain('Application école 0042');
    const key = filterRows(rows, { kinds: [], outcomes: [], q: 'apm0100042' });
    expect(key).toHaveLength(1);
    expect(filterRows(rows, { kinds: ['invalid'], outcomes: [], q: 'apm0100042' })).toHaveLength(
      key[0]?.kind === 'invalid' ? 1 : 0,
    );
  });

  it('finds an update by a value it replaces', () => {
    const update = rows.find((r) => r.kind === 'update') as ImportRowView;
    const before = update.changes[0]?.before as string;
    const found = filterRows(rows, { kinds: ['update'], outcomes: [], q: before });
    expect(found.map((r) => r.index)).toContain(update.index);
  });

  it('filters 10,000 rows by text in well under a frame', () => {
    const texts = rows.map(rowText);
    filterRows(rows, { kinds: [], outcomes: [], q: 'x' }, texts); // warm up
    const runs = 20;
    const started = performance.now();
    for (let i = 0; i < runs; i++) {
      filterRows(rows, { kinds: ['update', 'conflict'], outcomes: [], q: `0${i}` }, texts);
    }
    const perFilter = (performance.now() - started) / runs;
    console.info(`filtering 10,000 plan rows: ${perFilter.toFixed(2)} ms per filter`);
    expect(perFilter).toBeLessThan(16);
  });

  it('deselects only rows that write, and counts what is left to write', () => {
    const create = rows.find((r) => r.kind === 'create') as ImportRowView;
    const unchanged = rows.find((r) => r.kind === 'unchanged') as ImportRowView;
    expect(withSelected(create, false).selected).toBe(false);
    expect(withSelected(unchanged, true)).toBe(unchanged);
    const before = countToWrite(rows);
    const after = rows.map((r) => (r.index === create.index ? withSelected(r, false) : r));
    expect(countToWrite(after)).toBe(before - 1);
  });

  it('resolves conflicts: take the source writes it, keep Dastra and skip write nothing', () => {
    const duplicate = rows.find(
      (r) => r.kind === 'conflict' && r.conflict?.cause === 'duplicateInSource',
    ) as ImportRowView;
    const several = rows.find(
      (r) => r.kind === 'conflict' && r.conflict?.cause === 'severalInDastra',
    ) as ImportRowView;
    const taken = withChoice(duplicate, 'takeSource', 'create');
    expect([taken.kind, taken.selected, taken.choice]).toEqual(['create', true, 'takeSource']);
    const kept = withChoice(taken, 'keepDastra');
    expect([kept.kind, kept.selected]).toEqual(['conflict', false]);
    expect(withChoice(duplicate, 'skip').selected).toBe(false);
    expect(choiceAllowed(several, 'takeSource')).toBe(false);
    expect(choiceAllowed(several, 'keepDastra')).toBe(true);
    expect(() => withChoice(several, 'takeSource')).toThrow();
    const create = rows.find((r) => r.kind === 'create') as ImportRowView;
    expect(() => withChoice(create, 'skip')).toThrow();
  });

  it('draws bars against the largest class and progress as a share', () => {
    const bars = chartBars({
      create: 5,
      update: 10,
      unchanged: 0,
      conflict: 1,
      invalid: 0,
      missing: 2,
    });
    expect(bars.map((b) => b.share)).toEqual([0.5, 1, 0, 0.1, 0, 0.2]);
    expect(progressShare(3, 4)).toBe(0.75);
    expect(progressShare(0, 0)).toBe(1);
  });
});

describe('a resolved conflict', () => {
  it('stays among the conflicts, with its choice', () => {
    const few = fakePlanRows(40);
    const i = few.findIndex((r) => r.conflict?.cause === 'duplicateInSource');
    few[i] = withChoice(few[i] as ImportRowView, 'takeSource', 'update');
    const shown = filterRows(few, { kinds: ['conflict'], outcomes: [], q: '' });
    expect(shown.map((r) => r.index)).toContain(i);
    expect(countKinds(few).conflict).toBe(shown.length - 1);
  });
});
