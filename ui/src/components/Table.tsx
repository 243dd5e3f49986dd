import type { KeyboardEvent } from 'react';

import styles from './Table.module.css';
import { TableHead } from './TableHead';
import type { Column, RowMeta, Sort } from './tableTypes';

type Props<Row> = {
  label: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  rowMeta?: (row: Row) => RowMeta;
  onRowClick?: (row: Row) => void;
  sort?: Sort;
  onSort?: (key: string) => void;
  /** True while a newer page loads: the rows stay, dimmed. */
  stale?: boolean;
};

/** A plain table for one page of rows, with sortable headers and clickable rows. */
export function Table<Row>({
  label,
  columns,
  rows,
  rowKey,
  rowMeta,
  onRowClick,
  sort,
  onSort,
  stale = false,
}: Props<Row>) {
  const onKey = (e: KeyboardEvent, row: Row) => {
    if (onRowClick && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      onRowClick(row);
    }
  };
  return (
    <div className={styles.frame} data-stale={stale} aria-busy={stale}>
      <table className={styles.table} aria-label={label}>
        <TableHead columns={columns} sort={sort} onSort={onSort} />
        <tbody>
          {rows.map((row) => {
            const meta = rowMeta?.(row) ?? {};
            return (
              <tr
                key={rowKey(row)}
                className={styles.row}
                data-testid={meta.testId}
                data-id={meta.id}
                data-tone={meta.tone}
                data-clickable={onRowClick !== undefined}
                tabIndex={onRowClick ? 0 : undefined}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
                onKeyDown={onRowClick ? (e) => onKey(e, row) : undefined}
              >
                {columns.map((c) => (
                  <td key={c.id} data-align={c.align ?? 'start'}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
