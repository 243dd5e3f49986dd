import { useEffect, useMemo } from 'react';

import type { DsarRow } from '../../bindings/DsarRow';
import { useDsarList } from '../../api';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Chip, ChipList } from '../../components/Chip';
import { DueDate } from '../../components/DueDate';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { MultiSelect } from '../../components/MultiSelect';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { SearchBox } from '../../components/SearchBox';
import { Table } from '../../components/Table';
import type { Column } from '../../components/tableTypes';
import { Toggle } from '../../components/Toggle';
import { useI18n, type Messages } from '../../i18n';
import { DSR_PURPOSES, DSR_STATES } from '../../lib/dastraEnums';
import { formatCount } from '../../lib/format';
import {
  clearFilters,
  hasFilters,
  INBOX_PAGE_SIZE,
  pageCount,
  toDsarListRequest,
  toggleSort,
  withFilters,
  type InboxSortKey,
  type InboxState,
} from '../../lib/inboxQuery';
import { purposeLabel, stateLabel, stateTone } from '../dsarLabels';
import styles from './InboxScreen.module.css';

type Props = {
  state: InboxState;
  onChange: (state: InboxState) => void;
  onOpen: (id: number) => void;
};

/**
 * The DSAR inbox: one page of requests as Dastra filters and sorts them, the most urgent first
 * by default. Search, filters, sort and page live in the address (see lib/route), so opening a
 * request and coming back finds the list as it was.
 */
export function InboxScreen({ state, onChange, onOpen }: Props) {
  const { t, language } = useI18n();
  const request = useMemo(() => toDsarListRequest(state), [state]);
  const list = useDsarList(request);
  const columns = useMemo(() => inboxColumns(t), [t]);

  const total = list.data?.total;
  const filtered = hasFilters(state);

  // A page past the end (an old address, a list that shrank): go to the last page there is.
  const pastTheEnd =
    list.data !== undefined &&
    !list.isPlaceholderData &&
    list.data.items.length === 0 &&
    state.page > 1;
  const lastPage = pageCount(list.data?.total ?? 0, INBOX_PAGE_SIZE);
  useEffect(() => {
    if (pastTheEnd) onChange({ ...state, page: lastPage });
  }, [pastTheEnd, lastPage, state, onChange]);

  let body;
  if (list.isPending) {
    body = <LoadingState />;
  } else if (list.isError) {
    body = (
      <ErrorState
        title={t.inbox.errorTitle}
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  } else if (list.data.items.length === 0) {
    body = filtered ? (
      <EmptyState
        title={t.inbox.noMatchTitle}
        body={t.inbox.noMatchBody}
        action={
          <Button onClick={() => onChange(clearFilters(state))}>{t.common.clearFilters}</Button>
        }
      />
    ) : (
      <EmptyState title={t.inbox.emptyTitle} body={t.inbox.emptyBody} />
    );
  } else {
    body = (
      <>
        <Table
          label={t.inbox.tableLabel}
          columns={columns}
          rows={list.data.items}
          rowKey={(r) => r.id}
          rowMeta={(r) => ({
            testId: 'dsar-row',
            id: r.id,
            tone: r.overdue ? 'danger' : undefined,
          })}
          onRowClick={(r) => onOpen(r.id)}
          sort={{ by: state.sortBy, asc: state.asc }}
          onSort={(key) => onChange(toggleSort(state, key as InboxSortKey))}
          stale={list.isPlaceholderData}
        />
        <Pager
          page={state.page}
          size={INBOX_PAGE_SIZE}
          total={list.data.total}
          onPage={(page) => onChange({ ...state, page })}
        />
      </>
    );
  }

  return (
    <Page
      title={t.inbox.title}
      aside={
        total !== undefined && (
          <span data-testid="inbox-total">
            {t.inbox.total(total, formatCount(total, language))}
          </span>
        )
      }
    >
      <div className={styles.toolbar}>
        <SearchBox
          value={state.q}
          onChange={(q) => onChange(withFilters(state, { q }))}
          label={t.inbox.searchLabel}
          placeholder={t.inbox.searchPlaceholder}
          clearLabel={t.common.clearSearch}
          testId="inbox-search"
        />
        <MultiSelect
          label={t.inbox.filterState}
          options={DSR_STATES.map((s) => ({ value: s, label: t.enums.dsrState[s] }))}
          selected={state.states}
          onChange={(states) => onChange(withFilters(state, { states }))}
          clearLabel={t.common.clearFilters}
          testId="filter-state"
        />
        <MultiSelect
          label={t.inbox.filterPurpose}
          options={DSR_PURPOSES.map((p) => ({ value: p, label: t.enums.purpose[p] }))}
          selected={state.purposes}
          onChange={(purposes) => onChange(withFilters(state, { purposes }))}
          clearLabel={t.common.clearFilters}
          testId="filter-purpose"
        />
        <Toggle
          label={t.inbox.overdueOnly}
          checked={state.overdueOnly}
          onChange={(overdueOnly) => onChange(withFilters(state, { overdueOnly }))}
          testId="filter-overdue"
        />
        {filtered && (
          <Button
            variant="ghost"
            onClick={() => onChange(clearFilters(state))}
            testId="filters-clear"
          >
            {t.common.clearFilters}
          </Button>
        )}
      </div>
      {body}
    </Page>
  );
}

function inboxColumns(t: Messages): Column<DsarRow>[] {
  return [
    {
      id: 'requester',
      header: t.inbox.columns.requester,
      width: '19%',
      sortKey: 'familyName',
      render: (r) => (
        <div className={styles.requester}>
          <span className={styles.name}>{r.requester || t.inbox.anonymous}</span>
          {r.email && <span className={styles.email}>{r.email}</span>}
        </div>
      ),
    },
    {
      id: 'title',
      header: t.inbox.columns.title,
      sortKey: 'title',
      render: (r) => <span className={styles.title}>{r.title}</span>,
    },
    {
      id: 'purposes',
      header: t.inbox.columns.purposes,
      width: '16%',
      render: (r) => (
        <ChipList>
          {r.purposes.map((p) => (
            <Chip key={p}>{purposeLabel(t, p)}</Chip>
          ))}
        </ChipList>
      ),
    },
    {
      id: 'state',
      header: t.inbox.columns.state,
      width: '16%',
      sortKey: 'state',
      render: (r) => <Badge tone={stateTone(r.state)}>{stateLabel(t, r.state)}</Badge>,
    },
    {
      id: 'step',
      header: t.inbox.columns.step,
      width: '11%',
      render: (r) => <span className={styles.step}>{r.workflowStep ?? t.common.empty}</span>,
    },
    {
      id: 'due',
      header: t.inbox.columns.due,
      width: '15%',
      sortKey: 'expiryTime',
      render: (r) => <DueDate dueDate={r.dueDate} daysLeft={r.daysLeft} />,
    },
  ];
}
