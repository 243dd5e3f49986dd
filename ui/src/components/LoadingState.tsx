import { useI18n } from '../i18n';
import styles from './States.module.css';

type Props = { label?: string };

/** A list or page on its way. */
export function LoadingState({ label }: Props) {
  const { t } = useI18n();
  return (
    <div className={styles.state} aria-busy="true" data-testid="loading-state">
      <span className={styles.spinner} aria-hidden="true" />
      <p className={styles.body}>{label ?? t.common.loading}</p>
    </div>
  );
}
