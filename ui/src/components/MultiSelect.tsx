import { useEffect, useId, useRef, useState } from 'react';

import styles from './MultiSelect.module.css';

type Option = { value: string; label: string };

type Props = {
  label: string;
  options: Option[];
  selected: string[];
  onChange: (selected: string[]) => void;
  /** Text of the link that unticks everything. */
  clearLabel: string;
  /** On the button; each option's checkbox gets `<testId>-<value>`. */
  testId?: string;
};

/** A filter button opening a list of checkboxes; the button shows how many are ticked. */
export function MultiSelect({ label, options, selected, onChange, clearLabel, testId }: Props) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  function toggle(value: string) {
    // Keep the options' order, whatever the order of the clicks.
    const next = selected.includes(value)
      ? selected.filter((v) => v !== value)
      : options.map((o) => o.value).filter((v) => v === value || selected.includes(v));
    onChange(next);
  }

  const count = selected.length;
  return (
    <div className={styles.root} ref={root}>
      <button
        type="button"
        className={styles.trigger}
        aria-expanded={open}
        aria-controls={panelId}
        data-active={count > 0}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
      >
        <span>{label}</span>
        {count > 0 && <span className={styles.count}>{count}</span>}
        <svg className={styles.caret} viewBox="0 0 10 6" aria-hidden="true">
          <path d="M1 1l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </button>
      {open && (
        <div className={styles.panel} id={panelId} role="group" aria-label={label}>
          {options.map((o) => (
            <label key={o.value} className={styles.option}>
              <input
                type="checkbox"
                checked={selected.includes(o.value)}
                onChange={() => toggle(o.value)}
                data-testid={testId ? `${testId}-${o.value}` : undefined}
              />
              <span>{o.label}</span>
            </label>
          ))}
          {count > 0 && (
            <button type="button" className={styles.clear} onClick={() => onChange([])}>
              {clearLabel}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
