import { Button } from '../../components/Button';
import { useI18n } from '../../i18n';
import type { PendingSuggestion } from '../../lib/mappingCanvas';
import styles from './Mapping.module.css';

type Props = {
  suggestions: PendingSuggestion[];
  onAccept: (field: string) => void;
  onReject: (field: string) => void;
  onAcceptAll: () => void;
};

/** The suggestions waiting for a decision, each with its reason, accepted or rejected. */
export function SuggestionsBar({ suggestions, onAccept, onReject, onAcceptAll }: Props) {
  const { t } = useI18n();
  const words = t.mapping.suggest;
  return (
    <section className={styles.suggestions} data-testid="suggestions">
      <div className={styles.suggestionsHead}>
        <strong>{words.heading(suggestions.length)}</strong>
        <Button variant="primary" onClick={onAcceptAll} testId="suggest-accept-all">
          {words.acceptAll}
        </Button>
      </div>
      <ul className={styles.suggestionList}>
        {suggestions.map((s) => {
          const paired = Object.keys(s.values).length;
          return (
            <li key={s.field} data-testid={`suggestion-${s.field}`} title={s.reason}>
              <span className={styles.suggestionPair}>
                {s.column} → <strong>{s.field}</strong>
              </span>
              <span className={styles.faint}>{words.score(s.score)}</span>
              {paired > 0 && <span className={styles.faint}>{words.values(paired)}</span>}
              {s.unmatched.length > 0 && (
                <span className={styles.warn}>{words.unmatched(s.unmatched.join(', '))}</span>
              )}
              <button
                type="button"
                onClick={() => onAccept(s.field)}
                data-testid={`accept-${s.field}`}
              >
                {words.accept}
              </button>
              <button
                type="button"
                onClick={() => onReject(s.field)}
                data-testid={`reject-${s.field}`}
              >
                {words.reject}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
