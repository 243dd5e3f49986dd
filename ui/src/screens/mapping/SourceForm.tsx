import { useId, type ReactNode } from 'react';

import { useConnections, type FileFilter } from '../../api';
import { Button } from '../../components/Button';
import { PathField } from '../../components/PathField';
import { useI18n } from '../../i18n';
import { readsFile, SOURCE_KINDS, type SourceDraft } from '../../lib/sourceDraft';
import styles from './Mapping.module.css';

/** What the file chooser offers first, for each kind of file source. */
const FILES_OF: Partial<Record<SourceDraft['kind'], FileFilter[]>> = {
  csv: [{ name: 'CSV', extensions: ['csv', 'txt', 'tsv'] }],
  xlsx: [{ name: 'Excel, ODS', extensions: ['xlsx', 'xlsm', 'ods'] }],
  json: [{ name: 'JSON', extensions: ['json', 'ndjson', 'jsonl'] }],
};

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
        <PathField
          id={`${id}-path`}
          kind="open"
          title={words.path}
          filters={FILES_OF[draft.kind]}
          ariaLabel={words.path}
          placeholder={words.pathHint}
          value={draft.path}
          onChange={(path) => set({ path })}
          testId="source-path"
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
          {draft.kind === 'sql' ? (
            <input
              className={styles.pathInput}
              aria-label={words.query}
              placeholder={words.queryHint}
              value={draft.query ?? ''}
              onChange={(e) => set({ query: e.target.value })}
              spellCheck={false}
              data-testid="source-query"
            />
          ) : (
            <PathField
              kind="open"
              title={words.recipe}
              filters={[{ name: 'JSON', extensions: ['json'] }]}
              ariaLabel={words.recipe}
              placeholder={words.recipeHint}
              value={draft.query ?? ''}
              onChange={(query) => set({ query })}
              testId="source-query"
            />
          )}
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
