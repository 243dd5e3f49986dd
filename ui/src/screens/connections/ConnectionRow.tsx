import { useState } from 'react';

import { useTestConnection } from '../../api';
import type { ConnectionView } from '../../bindings/ConnectionView';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { useI18n } from '../../i18n';
import { summarize } from '../../lib/connectionSummary';
import { KindIcon } from './KindIcon';
import { connectionName, lastTestText, secretStatusText } from './labels';
import { TestReportView } from './TestReportView';
import styles from './Connections.module.css';

type Props = {
  connection: ConnectionView;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onEdit: () => void;
  onDelete: () => void;
  /** Make this Dastra workspace the current one. */
  onUse: () => void;
  /** A switch to this workspace is under way. */
  using: boolean;
};

/**
 * One profile: what it is and points at, where its secret stands, how its last test went, and
 * what can be done with it. Its test result opens beneath it.
 */
export function ConnectionRow({
  connection: c,
  selected,
  onSelect,
  onEdit,
  onDelete,
  onUse,
  using,
}: Props) {
  const { t, language } = useI18n();
  const words = t.connections;
  const test = useTestConnection();
  const [showReport, setShowReport] = useState(false);
  const name = connectionName(c, t);
  const secret = secretStatusText(c, t);
  const last = lastTestText(c, t, language);

  return (
    <li
      className={styles.row}
      data-testid="connection-row"
      data-id={c.id}
      data-kind={c.kind}
      data-current={c.current}
    >
      <div className={styles.rowMain}>
        <span className={styles.check}>
          {!c.builtin && (
            <input
              type="checkbox"
              checked={selected}
              onChange={(e) => onSelect(e.target.checked)}
              aria-label={words.selectRow(name)}
              data-testid="connection-select"
            />
          )}
        </span>
        <KindIcon kind={c.kind} />
        <div className={styles.identity}>
          <div className={styles.nameLine}>
            <span className={styles.name} data-testid="connection-name">
              {name}
            </span>
            {c.current && (
              <Badge tone="accent" title={words.currentTitle} testId="connection-current">
                {words.current}
              </Badge>
            )}
            {c.builtin && (
              <Badge tone="warning" title={words.builtinTitle} testId="connection-builtin">
                {words.builtin}
              </Badge>
            )}
          </div>
          <p className={styles.summary} data-testid="connection-summary">
            <span className={styles.kind}>{words.kinds[c.kind]}</span>
            {' · '}
            {summarize(c, words.summary)}
          </p>
        </div>
        <div
          className={styles.status}
          data-testid="connection-status"
          data-secret={c.secretStatus}
          data-test={c.lastTest ? (c.lastTest.ok ? 'ok' : 'failed') : 'never'}
        >
          <span className={styles.statusLine} data-tone={secret.tone}>
            {secret.text}
          </span>
          <span className={styles.statusLine} data-tone={last.tone} title={c.lastTest?.summary}>
            {last.text}
          </span>
        </div>
        <div className={styles.actions}>
          <Button
            onClick={() => {
              setShowReport(true);
              test.mutate(c.id);
            }}
            disabled={test.isPending}
            testId="connection-test"
          >
            {test.isPending ? words.actions.testing : words.actions.test}
          </Button>
          {c.kind === 'dastraWorkspace' && !c.current && (
            <Button
              onClick={onUse}
              disabled={using}
              title={words.actions.useTitle}
              testId="connection-use"
            >
              {words.actions.use}
            </Button>
          )}
          {!c.builtin && (
            <>
              <Button variant="ghost" onClick={onEdit} testId="connection-edit">
                {words.actions.edit}
              </Button>
              <Button variant="ghost" onClick={onDelete} testId="connection-delete">
                {words.actions.delete}
              </Button>
            </>
          )}
        </div>
      </div>
      {showReport && !test.isIdle && (
        <div className={styles.rowReport}>
          {test.isPending ? (
            <p className={styles.muted} aria-busy="true">
              {t.connections.report.running}
            </p>
          ) : test.isError ? (
            <div role="alert" className={styles.rowError} data-testid="test-error">
              <p className={styles.rowErrorTitle}>{words.actions.testFailed}</p>
              <p>{t.connections.errorHint[test.error.code]}</p>
              <p className={styles.muted}>{test.error.message}</p>
            </div>
          ) : (
            test.data && <TestReportView report={test.data} />
          )}
          <Button
            variant="ghost"
            className={styles.hide}
            onClick={() => setShowReport(false)}
            testId="report-hide"
          >
            {words.actions.hideReport}
          </Button>
        </div>
      )}
    </li>
  );
}
