import type { IpcError } from '../api';
import { useI18n } from '../i18n';
import { Button } from './Button';
import styles from './States.module.css';

type Props = { title: string; error: IpcError; onRetry?: () => void };

/** A failure: what could not be done, the backend's message, what to do, and a retry. */
export function ErrorState({ title, error, onRetry }: Props) {
  const { t } = useI18n();
  return (
    <div className={styles.state} data-tone="danger" role="alert" data-testid="error-state">
      <p className={styles.title}>{title}</p>
      <p className={styles.body}>{t.errors.hint[error.code]}</p>
      <p className={styles.detail} data-testid="error-message">
        <span className={styles.detailLabel}>{t.errors.detailsLabel} </span>
        {error.message}
      </p>
      {onRetry && (
        <div className={styles.action}>
          <Button variant="primary" onClick={onRetry} testId="error-retry">
            {t.common.retry}
          </Button>
        </div>
      )}
    </div>
  );
}
