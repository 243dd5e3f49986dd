// Cell renderers shared by the registers: "—" for nothing, chips for tags, dates in the language.

import { Chip, ChipList } from '../../components/Chip';
import type { Messages } from '../../i18n';
import type { Language } from '../../bindings/Language';
import { formatDate, formatShortDate } from '../../lib/format';
import styles from './RegisterScreen.module.css';

export function text(t: Messages, value: string | null | undefined, strong = false) {
  if (value === null || value === undefined || value === '') {
    return <span className={styles.muted}>{t.common.empty}</span>;
  }
  return (
    <span className={strong ? styles.strong : undefined} title={value}>
      {value}
    </span>
  );
}

export function reference(t: Messages, value: string | null | undefined) {
  if (!value) return <span className={styles.muted}>{t.common.empty}</span>;
  return (
    <span className={styles.mono} title={value}>
      {value}
    </span>
  );
}

export function date(t: Messages, language: Language, value: string | null | undefined) {
  const formatted = formatShortDate(value, language);
  return formatted ? (
    <span className={styles.number} title={formatDate(value, language) ?? undefined}>
      {formatted}
    </span>
  ) : (
    <span className={styles.muted}>{t.common.empty}</span>
  );
}

export function tags(t: Messages, values: string[]) {
  if (values.length === 0) return <span className={styles.muted}>{t.common.empty}</span>;
  return (
    <ChipList wrap={false}>
      {values.map((v) => (
        <Chip key={v} title={v}>
          {v}
        </Chip>
      ))}
    </ChipList>
  );
}
