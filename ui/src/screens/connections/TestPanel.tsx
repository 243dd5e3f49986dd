import type { IpcError } from '../../api';
import type { TestReport } from '../../bindings/TestReport';
import { Button } from '../../components/Button';
import { useI18n } from '../../i18n';
import { TestReportView } from './TestReportView';
import styles from './ConnectionForm.module.css';

type Props = {
  onRun: () => void;
  running: boolean;
  report: TestReport | undefined;
  /** The form changed since the report was made. */
  stale: boolean;
  /** The test could not even start (not a failed test: that is a report). */
  error: IpcError | null;
};

/** Beside the form: test what it holds, and read what was found. */
export function TestPanel({ onRun, running, report, stale, error }: Props) {
  const { t } = useI18n();
  const words = t.connections.report;
  return (
    <aside className={styles.side} aria-label={words.panelTitle}>
      <div className={styles.card}>
        <div className={styles.sideHead}>
          <h2>{words.panelTitle}</h2>
          <Button onClick={onRun} disabled={running} testId="connection-test">
            {running ? words.running : words.run}
          </Button>
        </div>
        {running ? (
          <p className={styles.running} aria-busy="true" data-testid="test-running">
            <span className={styles.spinner} aria-hidden="true" />
            {words.running}
          </p>
        ) : error ? (
          <div className={styles.problems} role="alert" data-testid="test-error">
            <p className={styles.problemsTitle}>{t.connections.actions.testFailed}</p>
            <p>{t.connections.errorHint[error.code]}</p>
            <p className={styles.specifics}>{error.message}</p>
          </div>
        ) : report ? (
          <>
            {stale && (
              <p className={styles.stale} role="status" data-testid="test-stale">
                {words.stale}
              </p>
            )}
            <TestReportView report={report} />
          </>
        ) : (
          <p className={styles.intro}>{words.panelIntro}</p>
        )}
      </div>
    </aside>
  );
}
