import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';

import styles from './Table.module.css';
import { TableHead } from './TableHead';
import type { Column, RowMeta } from './tableTypes';

type Props<Row> = {
  label: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  rowMeta?: (row: Row) => RowMeta;
  /** The height every row is drawn at, in pixels. */
  rowHeight?: number;
  stale?: boolean;
  /** Scroll back to the top when this changes (the rows themselves, by default). */
  resetKey?: unknown;
  /** Told which rows are in view (first and last index), to fetch them page by page. */
  onRange?: (first: number, last: number) => void;
};

/**
 * A long read-only table that only puts on the page the rows in view. It fills its parent's
 * height and scrolls inside it, the header kept in view; real table elements keep the columns
 * aligned and the semantics of a table, with spacer rows standing for the rows not drawn.
 */
export function VirtualTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  rowMeta,
  rowHeight = 37,
  stale = false,
  resetKey,
  onRange,
}: Props<Row>) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    getItemKey: (index) => rowKey(rows[index] as Row),
  });

  // A new page starts at its top.
  const reset = resetKey === undefined ? rows : resetKey;
  useEffect(() => {
    scroller.current?.scrollTo?.({ top: 0 });
  }, [reset]);

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    onRange?.(first, last);
  }, [onRange, first, last]);
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <div className={`${styles.frame} ${styles.scroll}`} ref={scroller} data-stale={stale}>
      <table className={styles.table} aria-label={label} aria-rowcount={rows.length + 1}>
        <TableHead columns={columns} />
        <tbody>
          {before > 0 && (
            <tr className={styles.spacer} aria-hidden="true">
              <td colSpan={columns.length} style={{ height: before }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index] as Row;
            const meta = rowMeta?.(row) ?? {};
            return (
              <tr
                key={item.key}
                className={styles.row}
                style={{ height: rowHeight }}
                aria-rowindex={item.index + 2}
                data-testid={meta.testId}
                data-id={meta.id}
                data-tone={meta.tone}
              >
                {columns.map((c) => (
                  <td key={c.id} data-align={c.align ?? 'start'} className={styles.nowrap}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            );
          })}
          {after > 0 && (
            <tr className={styles.spacer} aria-hidden="true">
              <td colSpan={columns.length} style={{ height: after }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
