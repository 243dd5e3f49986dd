import { useEffect, useMemo, useState } from 'react';

import {
  IpcError,
  useMappingPreview,
  useMappingTargets,
  useOpenSource,
  useSaveProfile,
  useSuggest,
} from '../../api';
import type { Entity } from '../../bindings/Entity';
import type { MappingPreviewRequest } from '../../bindings/MappingPreviewRequest';
import type { ReadAs } from '../../bindings/ReadAs';
import type { SourceSpecDto } from '../../bindings/SourceSpecDto';
import type { SourceView } from '../../bindings/SourceView';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { Page } from '../../components/Page';
import { useI18n, type Messages } from '../../i18n';
import { setImportHandoff } from '../../lib/importHandoff';
import * as canvas from '../../lib/mappingCanvas';
import { problemText } from '../../lib/problemText';
import { sourceRefusalText } from '../../lib/refusalText';
import { readsFile, specOf, type SourceDraft } from '../../lib/sourceDraft';
import { chainReady } from '../../lib/transformSteps';
import { Canvas } from './Canvas';
import styles from './Mapping.module.css';
import { PreviewTable } from './PreviewTable';
import { ProfilesDialog } from './ProfilesDialog';
import { SourceForm } from './SourceForm';
import { SuggestionsBar } from './SuggestionsBar';
import { TransformEditor } from './TransformEditor';

type Props = { onPlan: () => void };

type Words = Messages['mapping'];
/** A message, worded in the current language. */
export type Notice = (words: Words) => string;

const PREVIEW_ROWS = 20;

/** The mapping studio: a source drawn onto a Dastra entity, previewed live, saved as a profile. */
export function MappingScreen({ onPlan }: Props) {
  const { t, language } = useI18n();
  const words = t.mapping;
  const targets = useMappingTargets();
  const open = useOpenSource();
  const suggest = useSuggest();
  const save = useSaveProfile();

  const [draft, setDraft] = useState<SourceDraft>({
    kind: 'json',
    path: '',
    records: 'result',
    sheet: '',
    name: 'servicenow',
  });
  const [opened, setOpened] = useState<{ dto: SourceSpecDto; view: SourceView } | null>(null);
  const [state, setState] = useState<canvas.CanvasState | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [seen, setSeen] = useState<Record<string, string[]>>({});
  // A notice is worded when shown, so it follows a change of language.
  const [notice, setNotice] = useState<Notice | null>(null);
  const [profilesOpen, setProfilesOpen] = useState(false);

  const keyFor = (entity: Entity) =>
    targets.data?.defaultKeys.find((k) => k.entity === entity)?.field ?? 'ref';
  const schema = targets.data?.targets.find((s) => s.entity === (state?.target ?? 'asset'));

  useEffect(() => {
    if (targets.data && state === null) {
      setState(canvas.emptyCanvas(specOf(draft), 'asset', keyFor('asset')));
    }
  }, [targets.data]);

  const previewRequest = useDebounced(
    useMemo((): MappingPreviewRequest | null => {
      if (!opened || !state) return null;
      const profile = canvas.toProfile({ ...state, source: opened.dto.spec });
      if (!profile) return null;
      const chains = [profile.key.transforms, ...profile.fields.map((f) => f.transforms)].map(
        (c) => c ?? [],
      );
      if (!chains.every(chainReady)) return null;
      return { source: opened.dto, profile, limit: PREVIEW_ROWS };
    }, [opened, state]),
    250,
  );
  const preview = useMappingPreview(previewRequest);

  if (targets.isPending || state === null) return <LoadingState />;
  if (targets.isError)
    return <ErrorState title={words.title} error={IpcError.from(targets.error)} />;

  const update = (change: (s: canvas.CanvasState) => canvas.CanvasState) =>
    setState((s) => (s ? change(s) : s));

  const doOpen = () => {
    const dto: SourceSpecDto = readsFile(draft)
      ? { path: draft.path.trim(), spec: specOf(draft) }
      : { spec: specOf(draft) };
    open.mutate(dto, {
      onSuccess: (view) => {
        setOpened({ dto, view });
        setSeen(Object.fromEntries(view.columns.map((c) => [c.name, c.samples])));
        update((s) => ({ ...s, source: dto.spec, suggestions: [] }));
      },
    });
  };

  const doSuggest = () => {
    if (!opened) return;
    suggest.mutate(
      { source: opened.dto, target: state.target },
      {
        onSuccess: (found) => {
          setSeen((old) => {
            const next = { ...old };
            for (const m of found.enumMaps) {
              const values = [...m.values.map((v) => v.from), ...m.unmatched];
              next[m.sourceColumn] = [...new Set([...values, ...(old[m.sourceColumn] ?? [])])];
            }
            return next;
          });
          update((s) => canvas.withSuggestions(s, found));
        },
      },
    );
  };

  const changeTarget = (entity: Entity) => {
    setSelected(null);
    setState({
      ...canvas.emptyCanvas(state.source, entity, keyFor(entity)),
      id: state.id,
      name: state.name,
    });
  };

  const profile = canvas.toProfile({ ...state, source: opened?.dto.spec ?? state.source });
  const doSave = () => {
    if (!profile) return;
    if (state.name.trim() === '') {
      setNotice(() => (w: Words) => w.profiles.needName);
      return;
    }
    const id = state.id || slug(state.name);
    save.mutate(
      { ...profile, id, name: state.name.trim() },
      {
        onSuccess: (summary) => {
          update((s) => ({ ...s, id: summary.id }));
          setNotice(() => (w: Words) => w.profiles.saved(summary.name, summary.revision));
        },
      },
    );
  };

  const doPlan = () => {
    if (!profile || !opened) return;
    // An unnamed profile is still named in the plan and the history, after its source.
    const name = state.name.trim() || words.plan.untitled(opened.dto.spec.name);
    setImportHandoff({
      profile: { ...profile, id: state.id || slug(state.name) || 'draft', name },
      source: opened.dto,
    });
    onPlan();
  };

  const selectedField = schema?.fields.find((f) => f.name === selected) ?? null;
  // The key first, then the required fields, then the rest in contract order.
  const rank = (f: { name: string; required: boolean }) =>
    f.name === state.key.target ? 0 : f.required ? 1 : 2;
  const orderedFields = [...(schema?.fields ?? [])].sort((a, b) => rank(a) - rank(b));
  const columnNames = opened?.view.columns.map((c) => c.name) ?? [];
  const failure = open.error ?? suggest.error ?? save.error;

  return (
    <Page
      title={words.title}
      fill
      aside={
        <span className={styles.titleAside}>
          {opened && (
            <Badge testId="source-summary">
              {words.source.summary(
                opened.view.records,
                opened.view.columns.length,
                readAsText(opened.view.readAs, t),
              )}
            </Badge>
          )}
          <span className={styles.grow} />
          <Button onClick={() => setProfilesOpen(true)} testId="profiles-open">
            {words.profiles.heading}
          </Button>
          <Button
            variant="primary"
            onClick={doPlan}
            disabled={!profile || !opened}
            testId="plan-import"
          >
            {words.plan.action}
          </Button>
        </span>
      }
    >
      <div className={styles.studio}>
        <SourceForm
          draft={draft}
          onChange={setDraft}
          onOpen={doOpen}
          opening={open.isPending}
          extra={
            <Button onClick={doSuggest} disabled={!opened || suggest.isPending} testId="suggest">
              {suggest.isPending ? words.suggest.running : words.suggest.action}
            </Button>
          }
        />
        <div className={styles.toolbar}>
          <label className={styles.inline}>
            <span>{words.target.label}</span>
            <select
              value={state.target}
              onChange={(e) => changeTarget(e.target.value as Entity)}
              data-testid="target-entity"
            >
              {targets.data.targets.map((s) => (
                <option key={s.entity} value={s.entity}>
                  {words.target.entities[s.entity]}
                </option>
              ))}
            </select>
          </label>
          <MissingPolicyPicker
            state={state}
            onChange={(m) => update((s) => canvas.setMissing(s, m))}
          />
          <span className={styles.grow} />
          <input
            className={styles.nameInput}
            aria-label={words.profiles.name}
            placeholder={words.profiles.namePlaceholder}
            value={state.name}
            onChange={(e) => update((s) => ({ ...s, name: e.target.value }))}
            data-testid="profile-name"
          />
          <Button onClick={doSave} disabled={!profile || save.isPending} testId="profile-save">
            {save.isPending ? words.profiles.saving : words.profiles.save}
          </Button>
        </div>
        {notice && (
          <p className={styles.notice} data-testid="mapping-notice" role="status">
            {notice(words)}
          </p>
        )}
        {failure && (
          <p className={styles.error} data-testid="mapping-error" role="alert">
            {sourceRefusalText(IpcError.from(failure), draft.path, t, language)}
          </p>
        )}
        {state.suggestions.length > 0 && schema && (
          <SuggestionsBar
            suggestions={state.suggestions}
            onAccept={(f) => update((s) => canvas.acceptSuggestion(s, f))}
            onReject={(f) => update((s) => canvas.rejectSuggestion(s, f))}
            onAcceptAll={() => update(canvas.acceptAll)}
          />
        )}
        {suggest.isSuccess &&
          state.suggestions.length === 0 &&
          suggest.data.fields.length === 0 && <p className={styles.muted}>{words.suggest.none}</p>}
        <div className={styles.work}>
          {opened && schema ? (
            <Canvas
              state={state}
              columns={opened.view.columns}
              fields={orderedFields}
              selected={selected}
              onConnect={(column, field) => {
                update((s) => canvas.connect(s, column, field));
                setSelected(field);
              }}
              onSelect={setSelected}
              onKey={(field) => update((s) => canvas.setKeyField(s, field))}
            />
          ) : (
            <p className={styles.emptyCanvas}>{words.canvas.empty}</p>
          )}
          {selectedField && opened && (
            <TransformEditor
              field={selectedField}
              column={canvas.columnOf(state, selectedField.name)}
              chain={canvas.chainOf(state, selectedField.name)}
              seen={seen[canvas.columnOf(state, selectedField.name) ?? ''] ?? []}
              columns={columnNames}
              onChange={(chain) => update((s) => canvas.setChain(s, selectedField.name, chain))}
              onDisconnect={() => {
                update((s) => canvas.disconnect(s, selectedField.name));
                setSelected(null);
              }}
              onClose={() => setSelected(null)}
            />
          )}
        </div>
        <section className={styles.previewPanel} data-testid="preview">
          <div className={styles.previewHead}>
            <h2>{words.preview.heading}</h2>
            {preview.data && previewRequest && (
              <>
                <span className={styles.muted}>
                  {words.preview.intro(preview.data.rows.length, preview.data.records)}
                </span>
                <Badge tone="success" testId="preview-valid">
                  {words.preview.valid(preview.data.valid)}
                </Badge>
                {preview.data.invalid > 0 && (
                  <Badge tone="danger" testId="preview-invalid">
                    {words.preview.invalid(preview.data.invalid)}
                  </Badge>
                )}
              </>
            )}
          </div>
          {!opened ? (
            <p className={styles.muted}>{words.preview.needSource}</p>
          ) : state.key.column === null ? (
            <p className={styles.muted} data-testid="preview-need-key">
              {words.preview.needKey}
            </p>
          ) : preview.isError ? (
            <p className={styles.error} data-testid="preview-error">
              {sourceRefusalText(IpcError.from(preview.error), opened.dto.path ?? '', t, language)}
            </p>
          ) : preview.data ? (
            <>
              {preview.data.sourceProblems.map((p, i) => (
                <p key={i} className={styles.error} data-testid="source-problem">
                  {problemText(p, t)}
                </p>
              ))}
              <PreviewTable preview={preview.data} />
            </>
          ) : (
            <p className={styles.muted}>{words.preview.loading}</p>
          )}
        </section>
      </div>
      {profilesOpen && (
        <ProfilesDialog
          current={state}
          onClose={() => setProfilesOpen(false)}
          onOpen={(p) => {
            setState(canvas.fromProfile(p));
            setSelected(null);
            setProfilesOpen(false);
            setNotice(null);
          }}
          onNotice={(n) => setNotice(() => n)}
        />
      )}
    </Page>
  );
}

function MissingPolicyPicker({
  state,
  onChange,
}: {
  state: canvas.CanvasState;
  onChange: (m: canvas.CanvasState['missing']) => void;
}) {
  const { t } = useI18n();
  const words = t.mapping.missing;
  const m = state.missing;
  return (
    <>
      <label className={styles.inline}>
        <span>{words.label}</span>
        <select
          value={m.action}
          data-testid="missing-policy"
          onChange={(e) => {
            const action = e.target.value as typeof m.action;
            onChange(action === 'tag' ? { action, label: null } : { action });
          }}
        >
          <option value="ignore">{words.ignore}</option>
          <option value="tag">{words.tag}</option>
          <option value="archive">{words.archive}</option>
        </select>
      </label>
      {m.action === 'tag' && (
        <input
          className={styles.tagInput}
          aria-label={words.tagLabel}
          placeholder={words.tagDefault(state.source.name)}
          value={m.label ?? ''}
          onChange={(e) => onChange({ action: 'tag', label: e.target.value || null })}
          data-testid="missing-tag"
        />
      )}
    </>
  );
}

/** An id from a name, as the backend makes them (lowercase, dashes). */
export function slug(name: string): string {
  const folded = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56);
  return folded || 'profile';
}

/** `value`, once it has stayed the same for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * How the source was read, as the summary says it: `CSV, windows-1252, delimiter “;”`; a
 * query or a recipe in the Imports screen's words.
 */
function readAsText(r: ReadAs, t: Messages): string {
  const words = t.mapping.source.readAs;
  switch (r.kind) {
    case 'file':
      return [
        r.format,
        r.encoding,
        r.delimiter !== undefined ? words.delimiter(r.delimiter) : undefined,
        r.sheet !== undefined ? words.sheet(r.sheet) : undefined,
      ]
        .filter((part) => part !== undefined)
        .join(', ');
    case 'query':
      return t.imports.source.query(r.connection);
    case 'recipe':
      return t.imports.source.recipe(r.recipe, r.connection);
  }
}
