import { useQueries } from '@tanstack/react-query';
import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';

import { call, queryKeys, useChooseRows } from '../../api';
import type { ConflictChoice } from '../../bindings/ConflictChoice';
import type { ImportRowView } from '../../bindings/ImportRowView';
import type { ImportRowsRequest } from '../../bindings/ImportRowsRequest';
import { Badge } from '../../components/Badge';
import type { Column } from '../../components/tableTypes';
import { VirtualTable } from '../../components/VirtualTable';
import { useI18n } from '../../i18n';
import type { RowFilter } from '../../lib/planTable';
import { choiceAllowed } from '../../lib/planTable';
import { problemLines, problemText } from '../../lib/problemText';
import styles from './Imports.module.css';
import { kindTone, outcomeTone } from './labels';
import { outcomeReason } from './writeFailure';

/** Rows asked of the backend at a time. */
export const PAGE_ROWS = 100;

type Props = {
  planId: string;
  filter: RowFilter;
  /** Whether choices can still be made (the plan is not applied). */
  editable: boolean;
  /** The Dastra field rows are matched on (`ref`), named in a conflict's explanation. */
  keyField: string;
  /** Whether the import has run: the outcome column is drawn only then. */
  showOutcomes: boolean;
  /** How many rows match the filter, once known. */
  onTotal?: (total: number) => void;
};

type Slot = { index: number; row: ImportRowView | null };

const CHOICES: ConflictChoice[] = ['keepDastra', 'takeSource', 'skip'];

/**
 * The plan's rows, filtered by the backend and fetched a page at a time as they scroll into
 * view: a 10,000-row plan never crosses the bridge at once, and only the rows in view are drawn.
 */
export function PlanTable({ planId, filter, editable, keyField, showOutcomes, onTotal }: Props) {
  const { t } = useI18n();
  const p = t.imports.preview;
  const choose = useChooseRows();
  const filterKey = JSON.stringify(filter);
  const [pages, setPages] = useState<{ key: string; set: number[] }>({ key: filterKey, set: [0] });
  const wanted = pages.key === filterKey ? pages.set : [0];

  const request = useCallback(
    (page: number): ImportRowsRequest => ({
      planId,
      offset: page * PAGE_ROWS,
      limit: PAGE_ROWS,
      kinds: filter.kinds,
      outcomes: filter.outcomes,
      q: filter.q,
    }),
    [planId, filter],
  );
  const results = useQueries({
    queries: wanted.map((page) => ({
      queryKey: queryKeys.importRows(request(page)),
      queryFn: () => call('import_rows', request(page)),
      staleTime: 0,
    })),
  });
  const total = results[0]?.data?.total ?? 0;
  const loaded = new Map<number, ImportRowView>();
  for (const r of results) {
    if (!r.data) continue;
    r.data.rows.forEach((row, i) => loaded.set((r.data?.offset ?? 0) + i, row));
  }
  const known = results[0]?.data !== undefined;
  useEffect(() => {
    if (known) onTotal?.(total);
  }, [known, total, onTotal]);
  const slots: Slot[] = useMemo(
    () => Array.from({ length: total }, (_, i) => ({ index: i, row: null })),
    [total],
  );
  const rows = slots.map((s) => ({ index: s.index, row: loaded.get(s.index) ?? null }));

  const onRange = useCallback(
    (first: number, last: number) => {
      const need: number[] = [];
      for (let p = Math.floor(first / PAGE_ROWS); p <= Math.floor(last / PAGE_ROWS); p++) {
        need.push(p);
      }
      setPages((cur) => {
        const base = cur.key === filterKey ? cur.set : [0];
        const merged = [...new Set([0, ...base.slice(-6), ...need])];
        return merged.length === base.length && merged.every((x, i) => x === base[i])
          ? cur
          : { key: filterKey, set: merged };
      });
    },
    [filterKey],
  );

  const columns: Column<Slot>[] = [
    {
      id: 'select',
      header: p.columns.select,
      width: '72px',
      render: ({ row }) =>
        row && (
          <input
            type="checkbox"
            checked={row.selected}
            disabled={!editable || !row.selectable || choose.isPending}
            aria-label={p.selectRow(row.key ?? String(row.index))}
            data-testid="row-select"
            onChange={(e) =>
              choose.mutate({ planId, indexes: [row.index], selected: e.target.checked })
            }
          />
        ),
    },
    {
      id: 'row',
      header: p.columns.row,
      width: '60px',
      align: 'end',
      render: ({ row }) => row?.sourceRow ?? '—',
    },
    {
      id: 'record',
      header: p.columns.label,
      width: '22%',
      render: ({ row }) =>
        row ? (
          <span className={styles.detail} title={`${row.label ?? ''}\n${row.key ?? ''}`}>
            <span className={styles.change}>{row.label ?? row.key ?? ''}</span>
            <span className={`${styles.change} ${styles.muted}`}>{row.key ?? ''}</span>
          </span>
        ) : (
          <span className={styles.muted}>{p.loadingRow}</span>
        ),
    },
    {
      id: 'kind',
      header: p.columns.kind,
      width: '170px',
      render: ({ row }) =>
        row && (
          <Badge tone={kindTone(row.kind)} testId="row-kind">
            {t.imports.kind[row.kind]}
          </Badge>
        ),
    },
    {
      id: 'detail',
      header: p.columns.detail,
      render: ({ row }) =>
        row && <Detail row={row} editable={editable} planId={planId} keyField={keyField} />,
    },
  ];
  if (showOutcomes) {
    columns.push({
      id: 'outcome',
      header: p.columns.outcome,
      width: '230px',
      render: ({ row }) => {
        if (!row?.outcome) return null;
        const why = outcomeReason(row.outcome, t);
        return (
          <span className={styles.outcome} title={why ?? undefined}>
            <Badge tone={outcomeTone(row.outcome.kind)} testId="row-outcome">
              {t.imports.outcome[row.outcome.kind]}
            </Badge>
            {why && (
              <span className={styles.outcomeWhy} data-testid="row-outcome-why">
                {why}
              </span>
            )}
          </span>
        );
      },
    });
  }

  if (!known) return <div className={styles.tableBox} />;
  return (
    <div className={styles.tableBox}>
      <VirtualTable
        key={filterKey}
        label={p.tableLabel}
        columns={columns}
        rows={rows}
        rowKey={(s) => s.index}
        rowHeight={54}
        resetKey={filterKey}
        onRange={onRange}
        stale={choose.isPending}
        rowMeta={(s) => ({
          testId: 'plan-row',
          id: s.row?.key ?? undefined,
          tone: s.row?.kind === 'invalid' ? 'danger' : undefined,
        })}
      />
    </div>
  );
}

type DetailProps = { row: ImportRowView; editable: boolean; planId: string; keyField: string };

/** What a row changes: fields before → after, a conflict and its choice, problems. */
function Detail({ row, editable, planId, keyField }: DetailProps) {
  const { t } = useI18n();
  const p = t.imports.preview;
  const choose = useChooseRows();

  if (row.planned === 'conflict' && row.conflict) {
    // The cause in a few words, and its explanation on hover.
    const { cause: kind, rows, ids, problems } = row.conflict;
    const [cause, help] =
      kind === 'duplicateInSource'
        ? [p.duplicateInSource(rows.join(', ')), p.duplicateInSourceHelp(rows.join(', '), keyField)]
        : kind === 'severalInDastra'
          ? [p.severalInDastra(ids.join(', ')), p.severalInDastraHelp(ids.join(', '), keyField)]
          : [p.ambiguousLookup, problemLines(problems, t)];
    const select = (
      <select
        aria-label={p.choose}
        value={row.choice ?? ''}
        disabled={!editable || choose.isPending}
        data-testid="conflict-choice"
        onChange={(e) =>
          choose.mutate({
            planId,
            indexes: [row.index],
            choice: e.target.value as ConflictChoice,
          })
        }
      >
        <option value="" disabled>
          {p.undecided}
        </option>
        {CHOICES.map((c) => (
          <option key={c} value={c} disabled={!choiceAllowed(row, c)}>
            {t.imports.choice[c]}
          </option>
        ))}
      </select>
    );
    // Taking the source's version writes its changes: they get the cell's width below the
    // choice, the cause moving beside the choice.
    if (row.choice === 'takeSource') {
      return (
        <span className={styles.detail}>
          <span className={styles.conflictLine}>
            {select}
            <span className={`${styles.cause} ${styles.change}`} title={help}>
              {cause}
            </span>
          </span>
          <Changes row={row} max={1} />
        </span>
      );
    }
    return (
      <span className={styles.detail}>
        <span className={styles.cause} title={help}>
          {cause}
        </span>
        <span className={styles.conflictLine}>{select}</span>
      </span>
    );
  }
  switch (row.kind) {
    case 'update':
      return <Changes row={row} max={1} />;
    case 'invalid':
      return (
        <span className={styles.detail} title={problemLines(row.problems, t)}>
          {row.problems.slice(0, 2).map((problem, i) => (
            <span key={i} className={styles.change} data-testid="row-problem">
              {problemText(problem, t)}
            </span>
          ))}
        </span>
      );
    case 'missing': {
      const m = row.missing;
      if (m?.action === 'unsupported') {
        return (
          <span className={styles.cause} data-testid="missing-unsupported">
            {p.missingUnsupported(m.policy ?? '')}
          </span>
        );
      }
      const text =
        m?.action === 'tag'
          ? p.missingTag(m.label ?? '')
          : m?.action === 'archive'
            ? p.missingArchive
            : p.missingIgnore;
      return <span className={styles.muted}>{text}</span>;
    }
    case 'unchanged':
      return <span className={styles.muted}>{p.unchanged}</span>;
    default:
      return <span className={styles.muted}>{row.label ?? ''}</span>;
  }
}

function Changes({ row, max }: { row: ImportRowView; max: number }) {
  const { t } = useI18n();
  const p = t.imports.preview;
  const all = row.changes
    .map((c) => `${p.fieldLabel(c.field)}${c.before || p.empty} → ${c.after || p.empty}`)
    .join('\n');
  return (
    <span className={styles.detail} title={all} data-testid="row-changes">
      {row.changes.slice(0, max).map((c) => (
        <Fragment key={c.field}>
          <span className={styles.change}>
            <span className={styles.fieldName}>{p.fieldLabel(c.field)}</span>
            <span className={styles.before}>{c.before || p.empty}</span>
          </span>
          <span className={styles.change}>
            {'→ '}
            <span className={styles.after}>{c.after || p.empty}</span>
          </span>
        </Fragment>
      ))}
      {row.changes.length > max && (
        <span className={styles.muted}>{p.more(row.changes.length - max)}</span>
      )}
    </span>
  );
}
