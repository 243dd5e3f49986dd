import { useI18n } from '../i18n';
import styles from './Table.module.css';
import type { Column, Sort } from './tableTypes';

type Props<Row> = {
  columns: Column<Row>[];
  sort?: Sort;
  onSort?: (key: string) => void;
};

/** The column widths and header row shared by Table and VirtualTable. */
export function TableHead<Row>({ columns, sort, onSort }: Props<Row>) {
  const { t } = useI18n();
  return (
    <>
      <colgroup>
        {columns.map((c) => (
          <col key={c.id} style={c.width ? { width: c.width } : undefined} />
        ))}
      </colgroup>
      <thead className={styles.head}>
        <tr>
          {columns.map((c) => {
            const active = sort !== undefined && c.sortKey === sort.by;
            const ariaSort = active ? (sort.asc ? 'ascending' : 'descending') : undefined;
            return (
              <th key={c.id} scope="col" aria-sort={ariaSort} data-align={c.align ?? 'start'}>
                {c.sortKey && onSort ? (
                  <button
                    type="button"
                    className={styles.sortButton}
                    onClick={() => onSort(c.sortKey as string)}
                    title={t.common.sortBy(c.header.toLowerCase())}
                    data-testid={`sort-${c.id}`}
                  >
                    {c.header}
                    <span className={styles.sortMark} data-active={active} aria-hidden="true">
                      {active && !sort.asc ? '▼' : '▲'}
                    </span>
                  </button>
                ) : (
                  c.header
                )}
              </th>
            );
          })}
        </tr>
      </thead>
    </>
  );
}
