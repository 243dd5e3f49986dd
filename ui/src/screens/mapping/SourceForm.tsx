import { useId, type ReactNode } from 'react';

import { useConnections } from '../../api';
import { Button } from '../../components/Button';
import { useI18n } from '../../i18n';
import { readsFile, SOURCE_KINDS, type SourceDraft } from '../../lib/sourceDraft';
import styles from './Mapping.module.css';

type Props = {
  /** After the open button (the suggest action). */
  extra?: ReactNode;
  draft: SourceDraft;
  onChange: (draft: SourceDraft) => void;
  onOpen: () => void;
  opening: boolean;
};

/** Which file to read, and how, with the button that opens it. */
export function SourceForm({ draft, onChange, onOpen, opening, extra }: Props) {
  const words = useI18n().t.mapping.source;
  return (
    <form
      className={styles.toolbar}
      onSubmit={(e) => {
        e.preventDefault();
        onOpen();
      }}
    >
      <SourceFields draft={draft} onChange={onChange} />
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

type FieldsProps = {
  draft: SourceDraft;
  onChange: (draft: SourceDraft) => void;
};

/**
 * The source's inputs without a form: its kind, then the file (with its records path or sheet)
 * or the saved connection and its query or recipe, then the source system's name. The studio
 * and the new import's form both use them; the parent lays them out in a row.
 */
export function SourceFields({ draft, onChange }: FieldsProps) {
  const { t } = useI18n();
  const words = t.mapping.source;
  const id = useId();
  const connections = useConnections();
  const set = (change: Partial<SourceDraft>) => onChange({ ...draft, ...change });
  const usable = (connections.data?.items ?? []).filter((c) =>
    draft.kind === 'sql' ? ['postgres', 'mysql', 'sqlite'].includes(c.kind) : c.kind === 'restApi',
  );
  // A profile may name its connection by name, or one this app does not have: keep it shown.
  const named = usable.find((c) => c.id === draft.connection || c.name === draft.connection);
  const connection = named?.id ?? draft.connection ?? '';
  return (
    <>
      <label className={styles.inline}>
        <select
          aria-label={words.kind}
          title={words.kind}
          value={draft.kind}
          onChange={(e) => set({ kind: e.target.value as SourceDraft['kind'] })}
          data-testid="source-kind"
        >
          {SOURCE_KINDS.map((k) => (
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
          spellCheck={false}
          data-testid="source-path"
        />
      ) : (
        <>
          <select
            aria-label={words.connection}
            value={connection}
            onChange={(e) => set({ connection: e.target.value })}
            data-testid="source-connection"
          >
            <option value="">{words.connection}</option>
            {usable.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            {connection !== '' && !named && <option value={connection}>{connection}</option>}
          </select>
          <input
            className={styles.pathInput}
            aria-label={draft.kind === 'sql' ? words.query : words.recipe}
            placeholder={draft.kind === 'sql' ? words.queryHint : words.recipeHint}
            value={draft.query ?? ''}
            onChange={(e) => set({ query: e.target.value })}
            spellCheck={false}
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
    </>
  );
}
