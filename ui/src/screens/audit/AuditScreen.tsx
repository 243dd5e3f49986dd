import { useState } from 'react';

import { IpcError, pickPath, useAuditList, useExportAudit, useVerifyAudit } from '../../api';
import type { AuditEntryView } from '../../bindings/AuditEntryView';
import type { AuditVerifyView } from '../../bindings/AuditVerifyView';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { SearchBox } from '../../components/SearchBox';
import { useI18n } from '../../i18n';
import { formatCount, formatDateTime } from '../../lib/format';
import { DEFAULT_INBOX } from '../../lib/inboxQuery';
import { routeHref, type AuditState } from '../../lib/route';
import styles from './Audit.module.css';
import { actionLabel, countsLabel } from './auditLabels';

/** Entries per page. */
export const AUDIT_PAGE_SIZE = 25;

type Props = { state: AuditState; onChange: (state: AuditState) => void };

/** The audit log: who did what and when, newest first, and a check of its chain. */
export function AuditScreen({ state, onChange }: Props) {
  const { t, language } = useI18n();
  const words = t.evidence.audit;
  const list = useAuditList({
    ...(state.requestId !== null ? { requestId: state.requestId } : {}),
    limit: AUDIT_PAGE_SIZE,
    offset: (state.page - 1) * AUDIT_PAGE_SIZE,
  });
  const total = list.data?.total;

  return (
    <Page
      title={words.title}
      aside={
        total !== undefined && (
          <span className={styles.muted} data-testid="audit-total">
            {words.total(total, formatCount(total, language))}
          </span>
        )
      }
    >
      <p className={styles.intro}>{words.intro}</p>
      <div className={styles.toolbar}>
        <SearchBox
          value={state.requestId === null ? '' : String(state.requestId)}
          onChange={(text) => onChange({ requestId: requestIdOf(text), page: 1 })}
          label={words.request}
          placeholder={words.requestPlaceholder}
          clearLabel={words.clear}
          testId="audit-request"
        />
        <span className={styles.spacer} />
        <Tools />
      </div>

      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState
          title={words.errorTitle}
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      ) : list.data.entries.length === 0 ? (
        <EmptyState title={words.emptyTitle} body={words.emptyBody} />
      ) : (
        <>
          <Entries entries={list.data.entries} stale={list.isPlaceholderData} />
          <Pager
            page={state.page}
            size={AUDIT_PAGE_SIZE}
            total={list.data.total}
            onPage={(page) => onChange({ ...state, page })}
          />
        </>
      )}
    </Page>
  );
}

/** A request number typed in the filter, or null (every request) when it is not one. */
function requestIdOf(text: string): number | null {
  const n = Number(text.trim().replace(/^n°\s*/i, ''));
  return text.trim() !== '' && Number.isInteger(n) && n > 0 ? n : null;
}

function Entries({ entries, stale }: { entries: AuditEntryView[]; stale: boolean }) {
  const { t, language } = useI18n();
  const words = t.evidence.audit;
  const cols = words.columns;
  return (
    <div className={styles.frame} data-stale={stale} aria-busy={stale}>
      <table className={styles.table} aria-label={words.title}>
        <thead>
          <tr>
            <th scope="col" className={styles.time}>
              {cols.time}
            </th>
            <th scope="col">{cols.actor}</th>
            <th scope="col">{cols.action}</th>
            <th scope="col" className={styles.request}>
              {cols.request}
            </th>
            <th scope="col">{cols.counts}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq} data-testid="audit-row" data-seq={e.seq} title={`#${e.seq} ${e.hash}`}>
              <td className={styles.number}>{formatDateTime(e.time, language) ?? e.time}</td>
              <td className={styles.actor}>{e.actor}</td>
              <td>{actionLabel(words, e.action)}</td>
              <td>
                {e.requestId !== undefined ? (
                  <a href={routeHref({ screen: 'dsar', id: e.requestId, inbox: DEFAULT_INBOX })}>
                    {words.requestLink(e.requestId)}
                  </a>
                ) : (
                  <span className={styles.muted}>{t.common.empty}</span>
                )}
              </td>
              <td className={styles.muted}>{countsLabel(words, e.counts, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The export of the whole log to a new file and the check of its chain, with what each gave. */
function Tools() {
  const { t, language } = useI18n();
  const words = t.evidence.audit;
  const exporting = useExportAudit();
  const verify = useVerifyAudit();
  const done = exporting.data;
  const [chooserFailed, setChooserFailed] = useState<string | null>(null);

  async function saveAs() {
    setChooserFailed(null);
    try {
      const path = await pickPath({
        kind: 'save',
        title: words.saveAsTitle,
        filters: [
          { name: 'JSON', extensions: ['json'] },
          { name: 'CSV', extensions: ['csv'] },
        ],
        defaultPath: 'passerelle-audit.json',
      });
      if (path === null) return;
      const format = path.toLowerCase().endsWith('.csv') ? 'csv' : 'json';
      exporting.mutate({ format, path });
    } catch (e) {
      setChooserFailed(t.common.browseFailed(IpcError.from(e).message));
    }
  }

  return (
    <div className={styles.verify}>
      <div className={styles.buttons}>
        {(['json', 'csv'] as const).map((format) => (
          <Button
            key={format}
            testId={`audit-export-${format}`}
            disabled={exporting.isPending}
            onClick={() => exporting.mutate({ format })}
          >
            {exporting.isPending &&
            exporting.variables.format === format &&
            !exporting.variables.path
              ? words.exporting
              : format === 'json'
                ? words.exportJson
                : words.exportCsv}
          </Button>
        ))}
        <Button
          testId="audit-export-save-as"
          disabled={exporting.isPending}
          onClick={() => void saveAs()}
        >
          {words.saveAs}
        </Button>
        <Button testId="audit-verify" disabled={verify.isPending} onClick={() => verify.mutate()}>
          {verify.isPending ? words.verifying : words.verify}
        </Button>
      </div>
      {chooserFailed && (
        <p className={styles.broken} role="alert" data-testid="audit-export-error">
          {chooserFailed}
        </p>
      )}
      {exporting.isError && (
        <p className={styles.broken} role="alert" data-testid="audit-export-error">
          {words.exportFailed} — {exporting.error.message}
        </p>
      )}
      {done && (
        <div className={styles.intact} role="status" data-testid="audit-export-result">
          <strong>{words.exported(done.entries, formatCount(done.entries, language))}</strong>
          <p className={styles.head}>
            <code className={styles.mono} data-testid="audit-export-path">
              {done.path}
            </code>
          </p>
          <p className={styles.head}>{words.exportHint}</p>
        </div>
      )}
      {verify.isError && (
        <p className={styles.broken} role="alert" data-testid="audit-verify-result" data-ok="false">
          {words.verifyFailed} — {verify.error.message}
        </p>
      )}
      {verify.data && <VerifyResult view={verify.data} />}
    </div>
  );
}

function VerifyResult({ view }: { view: AuditVerifyView }) {
  const { t, language } = useI18n();
  const words = t.evidence.audit;
  const [seq, hash] = view.head?.split(':', 2) ?? [];
  return (
    <div
      className={view.ok ? styles.intact : styles.broken}
      role="status"
      data-testid="audit-verify-result"
      data-ok={view.ok}
    >
      <strong>
        {view.ok
          ? words.intact(view.entries, formatCount(view.entries, language))
          : words.broken(view.brokenAt ?? 0, view.reason ?? '')}
      </strong>
      {view.head && (
        <p className={styles.head}>
          {words.head}{' '}
          <code className={styles.mono}>
            #{seq} {hash ?? ''}
          </code>
        </p>
      )}
    </div>
  );
}
