import type { LanguagePreference } from '../bindings/LanguagePreference';
import { useUpdateSettings } from '../api';
import { useI18n } from '../i18n';
import styles from './Header.module.css';

type Props = { preference: LanguagePreference };

// Each language named in itself, as language menus do.
const LANGUAGE_NAMES = { fr: 'Français', en: 'English' } as const;

/** The language menu: French, English, or the system's; saved by the backend. */
export function LanguageSwitch({ preference }: Props) {
  const { t, language } = useI18n();
  const update = useUpdateSettings();
  return (
    <label className={styles.language}>
      <span className="visually-hidden">{t.header.language}</span>
      <svg className={styles.globe} viewBox="0 0 16 16" aria-hidden="true">
        <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.3" />
        <path
          d="M1.75 8h12.5M8 1.75c-3 3.4-3 9.1 0 12.5M8 1.75c3 3.4 3 9.1 0 12.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.3"
        />
      </svg>
      <select
        className={styles.select}
        value={preference}
        disabled={update.isPending}
        data-testid="language-switch"
        title={t.header.language}
        onChange={(e) => update.mutate({ language: e.target.value as LanguagePreference })}
      >
        <option value="fr">{LANGUAGE_NAMES.fr}</option>
        <option value="en">{LANGUAGE_NAMES.en}</option>
        <option value="system">{t.header.languageSystem(LANGUAGE_NAMES[language])}</option>
      </select>
    </label>
  );
}
