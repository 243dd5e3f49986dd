import type { UseQueryResult } from '@tanstack/react-query';

import type { IpcError } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { SearchBox } from '../../components/SearchBox';
import type { Column } from '../../components/tableTypes';
import { VirtualTable } from '../../components/VirtualTable';
import { useI18n } from '../../i18n';
import { formatCount } from '../../lib/format';
import { REGISTRY_PAGE_SIZE, type RegistryState } from '../../lib/inboxQuery';
import styles from './RegisterScreen.module.css';

/** The words of one register (see i18n `registry.*`). */
export type RegisterWords = {
  title: string;
  total: (n: number, formatted: string) => string;
  searchPlaceholder: string;
  empty: string;
  errorTitle: string;
};

type Page<Row> = { items: Row[]; total: number };

type Props<Row> = {
  words: RegisterWords;
  query: UseQueryResult<Page<Row>, IpcError>;
  columns: Column<Row>[];
  rowKey: (row: Row) => string | number;
  /** `asset-row`, `actor-row`, `contract-row`. */
  rowTestId: string;
  state: RegistryState;
  onChange: (state: RegistryState) => void;
};

/** A read-only register: search, a long virtualized page of rows, and paging through Dastra. */
export function RegisterScreen<Row>({
  words,
  query,
  columns,
  rowKey,
  rowTestId,
  state,
  onChange,
}: Props<Row>) {
  const { t, language } = useI18n();
  const total = query.data?.total;

  let body;
  if (query.isPending) {
    body = <LoadingState />;
  } else if (query.isError) {
    body = (
      <ErrorState
        title={words.errorTitle}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  } else if (query.data.items.length === 0) {
    body = <EmptyState title={words.empty} />;
  } else {
    body = (
      <>
        <div className={styles.tableArea}>
          <VirtualTable
            label={words.title}
            columns={columns}
            rows={query.data.items}
            rowKey={rowKey}
            rowMeta={(row) => ({ testId: rowTestId, id: rowKey(row) })}
            stale={query.isPlaceholderData}
          />
        </div>
        <Pager
          page={state.page}
          size={REGISTRY_PAGE_SIZE}
          total={query.data.total}
          onPage={(page) => onChange({ ...state, page })}
        />
      </>
    );
  }

  return (
    <Page
      title={words.title}
      fill
      aside={
        total !== undefined && (
          <span data-testid="register-total">
            {words.total(total, formatCount(total, language))}
          </span>
        )
      }
    >
      <div className={styles.toolbar}>
        <SearchBox
          value={state.q}
          onChange={(q) => onChange({ q, page: 1 })}
          label={t.registry.searchLabel}
          placeholder={words.searchPlaceholder}
          clearLabel={t.common.clearSearch}
          testId="register-search"
        />
      </div>
      {body}
    </Page>
  );
}
