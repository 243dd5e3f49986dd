import { useState } from 'react';

import { IpcError, pickPath, type FileFilter, type PickKind } from '../api';
import { useI18n } from '../i18n';
import { Button } from './Button';
import styles from './PathField.module.css';

type Props = {
  /** The path in the field. */
  value: string;
  onChange: (path: string) => void;
  /** An existing file, a new file, or a folder. */
  kind: PickKind;
  /** The chooser's title, which says what the path is for. */
  title: string;
  filters?: FileFilter[];
  /** The input's id, for a label outside. */
  id?: string;
  /** The input's `data-testid`; the button's is the same with `-browse`. */
  testId?: string;
  placeholder?: string;
  /** The input's accessible name, when no label points at it. */
  ariaLabel?: string;
  className?: string;
  'aria-describedby'?: string;
};

/**
 * A path the DPO can type or paste, or pick with the desktop's file chooser ("Parcourir…").
 * The chooser opens on the path already typed; closing it without a choice keeps the field.
 */
export function PathField({ value, onChange, kind, title, filters, id, testId, ...rest }: Props) {
  const { t } = useI18n();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function browse() {
    setFailure(null);
    setBusy(true);
    try {
      // The kinds offered first, then every file: an export named oddly stays reachable.
      const offered = filters && [...filters, { name: t.common.allFiles, extensions: ['*'] }];
      const chosen = await pickPath({ kind, title, filters: offered, defaultPath: value });
      if (chosen !== null) onChange(chosen);
    } catch (e) {
      setFailure(t.common.browseFailed(IpcError.from(e).message));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className={rest.className ? `${styles.field} ${rest.className}` : styles.field}>
      <span className={styles.row}>
        <input
          id={id}
          className={styles.input}
          value={value}
          placeholder={rest.placeholder}
          spellCheck={false}
          aria-label={rest.ariaLabel}
          aria-describedby={rest['aria-describedby']}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
        <Button
          onClick={() => void browse()}
          disabled={busy}
          aria-label={`${t.common.browse} — ${title}`}
          testId={testId ? `${testId}-browse` : undefined}
        >
          {t.common.browse}
        </Button>
      </span>
      {failure && (
        <span className={styles.error} role="alert">
          {failure}
        </span>
      )}
    </span>
  );
}
