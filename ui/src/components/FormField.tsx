import type { ReactNode } from 'react';

import styles from './FormField.module.css';

type Props = {
  /** The input's id, which the label points at. */
  htmlFor: string;
  label: string;
  /** Beside the label, in lighter text ("optional"). */
  note?: string;
  hint?: ReactNode;
  /** What is wrong with the value; each carries the field path the backend used. */
  errors?: { field: string; text: string }[];
  children: ReactNode;
};

/**
 * A labelled form input with its hint and its problems. Each problem is a `field-error` whose
 * `data-field` is the field's path (`settings.host`), for the end-to-end tests.
 */
export function FormField({ htmlFor, label, note, hint, errors = [], children }: Props) {
  return (
    <div className={styles.field} data-invalid={errors.length > 0}>
      <label className={styles.label} htmlFor={htmlFor}>
        {label}
        {note && <span className={styles.note}> ({note})</span>}
      </label>
      {children}
      {hint && (
        <p className={styles.hint} id={`${htmlFor}-hint`}>
          {hint}
        </p>
      )}
      {errors.map((e, i) => (
        <p
          key={`${e.field}-${i}`}
          className={styles.error}
          id={i === 0 ? `${htmlFor}-error` : undefined}
          data-testid="field-error"
          data-field={e.field}
        >
          {e.text}
        </p>
      ))}
    </div>
  );
}

/** The `aria-describedby` of an input shown in a FormField with these parts. */
export function describedBy(id: string, hint: unknown, errors: unknown[] = []): string | undefined {
  const ids = [errors.length > 0 ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
