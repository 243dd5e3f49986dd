import { useId, type ReactNode } from 'react';

import type { SourceSpec } from '../../bindings/SourceSpec';
import { useConnections } from '../../api';
import { Button } from '../../components/Button';
import { useI18n } from '../../i18n';
import styles from './Mapping.module.css';

/** The source as typed in the form. */
export type SourceDraft = {
  kind: 'json' | 'csv' | 'xlsx' | 'sql' | 'rest';
  path: string;
  records: string;
  sheet: string;
  name: string;
  /** The saved connection of an SQL or REST source. */
  connection?: string;
  /** The query of an SQL source, the recipe file of a REST source. */
  query?: string;
};

const KINDS = ['json', 'csv', 'xlsx', 'sql', 'rest'] as const;

/** Whether the draft reads a file (and needs its path). */
export const readsFile = (draft: SourceDraft) => draft.kind !== 'sql' && draft.kind !== 'rest';

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
    case 'sql':
      return { name, kind: 'sql', connection: draft.connection ?? '', query: draft.query ?? '' };
    case 'rest':
      return { name, kind: 'rest', connection: draft.connection ?? '', recipe: draft.query ?? '' };
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
  const connections = useConnections();
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
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {words.kinds[k]}
            </option>
          ))}
        </select>
      </label>
      {readsFile(draft) ? (
        <input
          id={`${id}-path`}
          className={styles.pathInput}
          aria-label={words.path}
          placeholder={words.pathHint}
          value={draft.path}
          onChange={(e) => set({ path: e.target.value })}
          data-testid="source-path"
        />
      ) : (
        <>
          <select
            aria-label={words.connection}
            value={draft.connection ?? ''}
            onChange={(e) => set({ connection: e.target.value })}
            data-testid="source-connection"
          >
            <option value="">{words.connection}</option>
            {(connections.data?.items ?? [])
              .filter((c) =>
                draft.kind === 'sql'
                  ? ['postgres', 'mysql', 'sqlite'].includes(c.kind)
                  : c.kind === 'restApi',
              )
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>
          <input
            className={styles.pathInput}
            aria-label={draft.kind === 'sql' ? words.query : words.recipe}
            placeholder={draft.kind === 'sql' ? words.queryHint : words.recipeHint}
            value={draft.query ?? ''}
            onChange={(e) => set({ query: e.target.value })}
            data-testid="source-query"
          />
        </>
      )}
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
        disabled={opening || (readsFile(draft) ? draft.path : (draft.query ?? '')).trim() === ''}
        testId="source-open"
      >
        {opening ? words.opening : words.open}
      </Button>
      {extra}
    </form>
  );
}
