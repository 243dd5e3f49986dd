import { useI18n } from '../i18n';
import { describeDeadline } from '../lib/deadline';
import { formatDate } from '../lib/format';
import styles from './DueDate.module.css';

type Props = {
  dueDate: string | null;
  daysLeft: number | null;
  /** Lay the date and the days left on one line rather than two. */
  inline?: boolean;
};

/** A legal deadline: the date, and how many days are left ("dans 12 j", "en retard de 5 j"). */
export function DueDate({ dueDate, daysLeft, inline = false }: Props) {
  const { t, language } = useI18n();
  const date = formatDate(dueDate, language, { utc: true });
  const { text, tone } = describeDeadline(daysLeft, t.deadline);
  if (!date) return <span className={styles.none}>{t.common.empty}</span>;
  return (
    <span className={styles.due} data-inline={inline}>
      <span className={styles.date}>{date}</span>
      {text && (
        <span
          className={styles.left}
          data-tone={tone}
          data-testid={tone === 'overdue' ? 'dsar-overdue' : 'dsar-days-left'}
        >
          {text}
        </span>
      )}
    </span>
  );
}
