import { useId, type ReactNode } from 'react';

import type { SourceSpec } from '../../bindings/SourceSpec';
import { Button } from '../../components/Button';
import { useI18n } from '../../i18n';
import styles from './Mapping.module.css';

/** The source as typed in the form. */
export type SourceDraft = {
  kind: 'json' | 'csv' | 'xlsx';
  path: string;
  records: string;
  sheet: string;
  name: string;
};

/** The profile's source description for a draft. */
export function specOf(draft: SourceDraft): SourceSpec {
  const name = draft.name.trim() || 'source';
  switch (draft.kind) {
    case 'json':
      return { name, kind: 'json', records: draft.records.trim() || null };
    case 'csv':
      return { name, kind: 'csv', delimiter: null, encoding: null };
    case 'xlsx':
      return { name, kind: 'xlsx', sheet: draft.sheet.trim() || null };
  }
}

type Props = {
  /** After the open button (the suggest action). */
  extra?: ReactNode;
  draft: SourceDraft;
  onChange: (draft: SourceDraft) => void;
  onOpen: () => void;
  opening: boolean;
};

/** Which file to read, and how. */
export function SourceForm({ draft, onChange, onOpen, opening, extra }: Props) {
  const { t } = useI18n();
  const words = t.mapping.source;
  const id = useId();
  const set = (change: Partial<SourceDraft>) => onChange({ ...draft, ...change });
  return (
    <form
      className={styles.toolbar}
      onSubmit={(e) => {
        e.preventDefault();
        onOpen();
      }}
    >
      <label className={styles.inline}>
        <select
          aria-label={words.kind}
          title={words.kind}
          value={draft.kind}
          onChange={(e) => set({ kind: e.target.value as SourceDraft['kind'] })}
          data-testid="source-kind"
        >
          {(['json', 'csv', 'xlsx'] as const).map((k) => (
            <option key={k} value={k}>
              {words.kinds[k]}
            </option>
          ))}
        </select>
      </label>
      <input
        id={`${id}-path`}
        className={styles.pathInput}
        aria-label={words.path}
        placeholder={words.pathHint}
        value={draft.path}
        onChange={(e) => set({ path: e.target.value })}
        data-testid="source-path"
      />
      {draft.kind === 'json' && (
        <input
          className={styles.smallInput}
          aria-label={words.records}
          title={words.recordsHint}
          placeholder={words.records}
          value={draft.records}
          onChange={(e) => set({ records: e.target.value })}
          data-testid="source-records"
        />
      )}
      {draft.kind === 'xlsx' && (
        <input
          className={styles.smallInput}
          aria-label={words.sheet}
          title={words.sheetHint}
          placeholder={words.sheet}
          value={draft.sheet}
          onChange={(e) => set({ sheet: e.target.value })}
          data-testid="source-sheet"
        />
      )}
      <input
        className={styles.smallInput}
        aria-label={words.name}
        title={words.name}
        placeholder={words.name}
        value={draft.name}
        onChange={(e) => set({ name: e.target.value })}
        data-testid="source-system"
      />
      <Button
        type="submit"
        variant="primary"
        disabled={opening || draft.path.trim() === ''}
        testId="source-open"
      >
        {opening ? words.opening : words.open}
      </Button>
      {extra}
    </form>
  );
}
