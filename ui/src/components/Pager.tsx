import { useI18n } from '../i18n';
import { formatCount } from '../lib/format';
import { pageCount } from '../lib/inboxQuery';
import { Button } from './Button';
import styles from './Pager.module.css';

type Props = {
  page: number;
  size: number;
  total: number;
  onPage: (page: number) => void;
};

/** "26–40 sur 40", with the previous and next page buttons. */
export function Pager({ page, size, total, onPage }: Props) {
  const { t, language } = useI18n();
  const pages = pageCount(total, size);
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  const to = Math.min(total, page * size);
  const n = (v: number) => formatCount(v, language);
  return (
    <nav className={styles.pager} aria-label={t.pager.label}>
      <span className={styles.range}>{t.pager.range(n(from), n(to), n(total))}</span>
      <span className={styles.page}>{t.pager.page(page, pages)}</span>
      <Button
        variant="secondary"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
        testId="pager-previous"
      >
        ‹ {t.pager.previous}
      </Button>
      <Button
        variant="secondary"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
        testId="pager-next"
      >
        {t.pager.next} ›
      </Button>
    </nav>
  );
}
