import type { ReactNode } from 'react';

import type { DastraFound } from '../../bindings/DastraFound';
import type { Failure } from '../../bindings/Failure';
import type { FolderFound } from '../../bindings/FolderFound';
import type { RestFound } from '../../bindings/RestFound';
import type { Rows } from '../../bindings/Rows';
import type { SqlFound } from '../../bindings/SqlFound';
import type { TestReport } from '../../bindings/TestReport';
import { useI18n, type Messages } from '../../i18n';
import { formatBytes, formatCount, formatSeconds } from '../../lib/format';
import styles from './TestReport.module.css';

type Props = { report: TestReport };

/**
 * What a connection test found, in plain words (who Dastra says you are, the database's tables,
 * the folder's files, the API's answer), or why it failed and what to fix.
 */
export function TestReportView({ report }: Props) {
  const { t, language } = useI18n();
  const words = t.connections.report;
  const { outcome } = report;
  return (
    <section className={styles.report} data-testid="test-report" data-status={outcome.status}>
      {outcome.status === 'passed' ? (
        <>
          <p className={styles.verdict} data-tone="success" data-testid="test-ok">
            <Mark ok />
            {words.ok}
          </p>
          <Found found={outcome.found} />
        </>
      ) : (
        <FailureView failure={outcome.failure} />
      )}
      <p className={styles.duration}>
        {words.duration(formatSeconds(report.durationMs, language))}
      </p>
    </section>
  );
}

function Mark({ ok }: { ok: boolean }) {
  return (
    <svg className={styles.mark} viewBox="0 0 16 16" aria-hidden="true">
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path
        d={ok ? 'M4.8 8.2 7 10.4l4.2-4.6' : 'M5.5 5.5l5 5M10.5 5.5l-5 5'}
        stroke="#fff"
        strokeWidth="1.6"
        fill="none"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function FailureView({ failure }: { failure: Failure }) {
  const { t } = useI18n();
  const words = t.connections.report;
  return (
    <>
      <p className={styles.verdict} data-tone="danger" data-testid="test-failed">
        <Mark ok={false} />
        {words.failed}
      </p>
      <p className={styles.advice} data-testid="test-failure-code" data-code={failure.code}>
        {t.connections.failure[failure.code] ?? t.connections.failure.other}
      </p>
      <p className={styles.specifics} data-testid="test-failure-message">
        <span className={styles.label}>{words.specifics} </span>
        {failure.message}
      </p>
      {failure.detail && (
        <details className={styles.technical}>
          <summary>{words.technical}</summary>
          <code>{failure.detail}</code>
        </details>
      )}
    </>
  );
}

function Found({
  found,
}: {
  found: Extract<TestReport['outcome'], { status: 'passed' }>['found'];
}) {
  switch (found.type) {
    case 'dastra':
      return <DastraView found={found} />;
    case 'sql':
      return <SqlView found={found} />;
    case 'folder':
      return <FolderView found={found} />;
    case 'rest':
      return <RestView found={found} />;
  }
}

function Facts({ children }: { children: ReactNode }) {
  return <dl className={styles.facts}>{children}</dl>;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={styles.fact}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function DastraView({ found }: { found: DastraFound }) {
  const { t } = useI18n();
  const words = t.connections.report.dastra;
  return (
    <>
      <Facts>
        <Fact label={words.user}>{found.user ?? words.unknownUser}</Fact>
        {found.organisation && <Fact label={words.organisation}>{found.organisation}</Fact>}
        <Fact label={words.workspace}>
          {found.workspaceLabel} <span className={styles.muted}>(#{found.workspaceId})</span>
        </Fact>
        <Fact label={words.address}>{found.baseUrl}</Fact>
      </Facts>
      {found.workspaces.length > 1 && (
        <p className={styles.note}>{words.workspaces(found.workspaces.length)}</p>
      )}
    </>
  );
}

function SqlView({ found }: { found: SqlFound }) {
  const { t, language } = useI18n();
  const words = t.connections.report.sql;
  const listed = found.schemas.reduce((n, s) => n + s.tables.length, 0);
  return (
    <>
      <Facts>
        <Fact label={words.server}>
          {found.engine} {found.serverVersion}
        </Fact>
        <Fact label={words.database}>{found.database}</Fact>
      </Facts>
      <p className={styles.note} data-tone={found.readOnly ? 'success' : 'warning'}>
        {found.readOnly ? words.readOnly : words.notReadOnly}
      </p>
      <p className={styles.note}>
        {words.tables(found.tableCount, found.schemas.length)}
        {found.truncated && ` ${words.truncated(listed)}`}
      </p>
      {listed === 0 ? (
        <p className={styles.muted}>{words.none}</p>
      ) : (
        <div className={styles.tables}>
          {found.schemas.map((schema) => (
            <section key={schema.name}>
              <h3 className={styles.schemaName}>{schema.name}</h3>
              <ul className={styles.tableList}>
                {schema.tables.map((table) => (
                  <li
                    key={table.name}
                    className={styles.table}
                    data-testid="found-table"
                    data-schema={schema.name}
                    data-name={table.name}
                  >
                    <span className={styles.tableName}>{table.name}</span>
                    {table.view && <span className={styles.tag}>{words.view}</span>}
                    <span className={styles.rows}>{rowsText(table.rows, t, language)}</span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </>
  );
}

function rowsText(rows: Rows, t: Messages, language: 'fr' | 'en'): string {
  const words = t.connections.report.sql.rows;
  switch (rows.kind) {
    case 'exact':
      return words.exact(formatCount(rows.count, language));
    case 'estimated':
      return words.estimated(formatCount(rows.count, language));
    case 'atLeast':
      return words.atLeast(formatCount(rows.count, language));
    case 'unknown':
      return words.unknown;
  }
}

function FolderView({ found }: { found: FolderFound }) {
  const { t, language } = useI18n();
  const words = t.connections.report.folder;
  const files = formatCount(found.files, language);
  const size = formatBytes(found.bytes, language);
  return (
    <>
      <p className={styles.headline}>
        {found.truncated ? words.atLeast(files, size) : words.files(files, size)}
      </p>
      <Facts>
        <Fact label={words.path}>{found.path}</Fact>
      </Facts>
      {found.unreadable > 0 && (
        <p className={styles.note} data-tone="warning">
          {words.unreadable(found.unreadable)}
        </p>
      )}
    </>
  );
}

function RestView({ found }: { found: RestFound }) {
  const { t, language } = useI18n();
  const words = t.connections.report.rest;
  return (
    <>
      <p className={styles.headline}>
        {words.answer(found.status, formatCount(found.responseMs, language))}
      </p>
      <Facts>
        <Fact label={words.url}>{found.url}</Fact>
        {found.contentType && <Fact label={words.contentType}>{found.contentType}</Fact>}
      </Facts>
    </>
  );
}
