import { useEffect, useRef, useState } from 'react';

import styles from './SearchBox.module.css';

type Props = {
  /** The search in force; the box shows it, and follows it when it changes elsewhere. */
  value: string;
  /** Called with the new search once typing pauses for `delay` ms, at once on Enter or clear. */
  onChange: (value: string) => void;
  label: string;
  placeholder?: string;
  clearLabel: string;
  delay?: number;
  testId?: string;
};

/** A search field that sends its text once the person stops typing. */
export function SearchBox({
  value,
  onChange,
  label,
  placeholder,
  clearLabel,
  delay = 300,
  testId,
}: Props) {
  const [draft, setDraft] = useState(value);
  const committed = useRef(value);
  const latestOnChange = useRef(onChange);
  latestOnChange.current = onChange;

  // Follow a search changed from outside (a back link, "clear filters"); spaces around the text
  // are not a change, so a space typed before a pause is kept.
  useEffect(() => {
    if (value.trim() !== committed.current.trim()) {
      committed.current = value;
      setDraft(value);
    }
  }, [value]);

  useEffect(() => {
    if (draft === committed.current) return;
    const timer = setTimeout(() => {
      if (draft !== committed.current) commit(draft);
    }, delay);
    return () => clearTimeout(timer);
  }, [draft, delay]);

  function commit(text: string) {
    committed.current = text;
    latestOnChange.current(text);
  }

  return (
    <div className={styles.box} role="search">
      <svg className={styles.icon} viewBox="0 0 16 16" aria-hidden="true">
        <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      <input
        className={styles.input}
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={draft}
        data-testid={testId}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(draft);
          if (e.key === 'Escape' && draft !== '') {
            setDraft('');
            commit('');
          }
        }}
        spellCheck={false}
        autoComplete="off"
      />
      {draft !== '' && (
        <button
          type="button"
          className={styles.clear}
          aria-label={clearLabel}
          title={clearLabel}
          onClick={() => {
            setDraft('');
            commit('');
          }}
        >
          ×
        </button>
      )}
    </div>
  );
}
