import { Badge } from '../../components/Badge';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n';
import type { PlannedScreen } from '../../lib/route';
import styles from './NotBuiltScreen.module.css';

type Props = { screen: PlannedScreen };

/** A screen the navigation already lists but that is not built: says so, and what it will do. */
export function NotBuiltScreen({ screen }: Props) {
  const { t } = useI18n();
  const words = t.planned[screen];
  return (
    <Page title={words.title} aside={<Badge>{t.planned.badge}</Badge>}>
      <section className={styles.panel} data-testid="not-built">
        <p className={styles.notice}>{t.planned.notice}</p>
        <h2 className={styles.label}>{t.planned.willLabel}</h2>
        <p className={styles.purpose}>{words.purpose}</p>
      </section>
    </Page>
  );
}
