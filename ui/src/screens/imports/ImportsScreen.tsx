import { useEffect, useRef, useState, type FormEvent } from 'react';

import { useImportHistory, usePlanImport, useUndoImport } from '../../api';
import type { ImportView } from '../../bindings/ImportView';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { Page } from '../../components/Page';
import { Table } from '../../components/Table';
import type { Column } from '../../components/tableTypes';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { peekImportHandoff, takeImportHandoff } from '../../lib/importHandoff';
import { sourceRefusalText } from '../../lib/refusalText';
import { routeHref } from '../../lib/route';
import {
  draftOf,
  draftReady,
  dtoOf,
  emptyDraft,
  profileSource,
  type SourceDraft,
} from '../../lib/sourceDraft';
import { SourceFields } from '../mapping/SourceForm';
import { ConfirmDialog } from './ConfirmDialog';
import styles from './Imports.module.css';
import { entityName, runRefusalText, sourceText, stateTone, wroteSomething } from './labels';

type Props = { onOpen: (planId: string) => void };

/**
 * Imports: plan a new one from a profile and its source (a file, an SQL query or a REST recipe
 * on a saved connection), and every past import with its result.
 */
export function ImportsScreen({ onOpen }: Props) {
  const { t } = useI18n();
  const h = t.imports.history;
  return (
    <Page title={h.title}>
      <p className={styles.intro}>{h.intro}</p>
      <NewImport onPlanned={onOpen} />
      <h2 className={styles.panelTitle}>{h.pastTitle}</h2>
      <History />
    </Page>
  );
}

function NewImport({ onPlanned }: { onPlanned: (planId: string) => void }) {
  const { t, language } = useI18n();
  const h = t.imports.history;
  const plan = usePlanImport();
  // "Plan this import" in the studio leaves its profile and source: the form starts from them.
  const [handoff] = useState(peekImportHandoff);
  useEffect(() => void takeImportHandoff(), []);
  const [profile, setProfile] = useState(() =>
    handoff ? JSON.stringify(handoff.profile, null, 2) : '',
  );
  const [draft, setDraft] = useState<SourceDraft>(() =>
    handoff ? draftOf(handoff.source.spec, handoff.source.path ?? '') : emptyDraft(),
  );
  // The source fields follow the profile's own source as it is pasted or edited (the file's
  // path, typed apart, is kept); the DPO may then change them.
  const adopted = useRef(handoff ? JSON.stringify(handoff.source.spec) : '');
  const changeProfile = (text: string) => {
    setProfile(text);
    const source = profileSource(text);
    const seen = source ? JSON.stringify(source) : '';
    if (source && seen !== adopted.current) {
      adopted.current = seen;
      setDraft((d) => draftOf(source, d.path));
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    plan.mutate({ profile, source: dtoOf(draft) }, { onSuccess: (view) => onPlanned(view.planId) });
  };
  return (
    <section className={styles.panel}>
      <h2 className={styles.panelTitle}>{h.newTitle}</h2>
      {handoff && (
        <p className={styles.note} data-testid="import-from-studio">
          {h.fromStudio}
        </p>
      )}
      <form className={styles.form} onSubmit={submit}>
        <label className={styles.field}>
          {h.profileLabel}
          <span className={styles.hint}>{h.profileHint}</span>
          <textarea
            value={profile}
            onChange={(e) => changeProfile(e.target.value)}
            spellCheck={false}
            data-testid="import-profile"
          />
        </label>
        <fieldset className={styles.field}>
          <legend>{h.sourceLabel}</legend>
          <span className={styles.hint}>{h.sourceHint}</span>
          <div className={styles.sourceFields} data-testid="import-source-fields">
            <SourceFields draft={draft} onChange={setDraft} />
          </div>
        </fieldset>
        {plan.isError && (
          <p className={styles.error} role="alert" data-testid="plan-error">
            <strong>{h.planFailed}.</strong>{' '}
            {sourceRefusalText(plan.error, draft.path, t, language)}
          </p>
        )}
        <div className={styles.formActions}>
          <Button
            type="submit"
            variant="primary"
            disabled={plan.isPending || profile.trim() === '' || !draftReady(draft)}
            testId="plan-import"
          >
            {h.plan}
          </Button>
          {plan.isPending && <span className={styles.note}>{h.planning}</span>}
        </div>
      </form>
    </section>
  );
}

function History() {
  const { t, language } = useI18n();
  const h = t.imports.history;
  const history = useImportHistory();
  const undo = useUndoImport();
  const [confirm, setConfirm] = useState<string | null>(null);
  if (history.isPending) return <LoadingState />;
  if (history.isError) return <ErrorState title={h.pastTitle} error={history.error} />;
  if (history.data.imports.length === 0) {
    return <EmptyState title={h.emptyTitle} body={h.emptyBody} testId="imports-empty" />;
  }
  const columns: Column<ImportView>[] = [
    {
      id: 'date',
      header: h.columns.date,
      width: '120px',
      render: (v) => formatDateTime(v.createdAt, language),
    },
    {
      id: 'profile',
      header: h.columns.profile,
      render: (v) => (
        <span className={styles.detail}>
          <a href={routeHref({ screen: 'import', planId: v.planId })}>{v.profileName}</a>
          <span className={styles.muted}>
            {sourceText(v, t)} → {entityName(v.entity, t)}
          </span>
        </span>
      ),
    },
    {
      id: 'state',
      header: h.columns.state,
      width: '170px',
      render: (v) => (
        <Badge tone={stateTone(v.state)} testId="history-state">
          {t.imports.state[v.state]}
        </Badge>
      ),
    },
    {
      id: 'result',
      header: h.columns.result,
      width: '170px',
      render: (v) =>
        v.appliedAt
          ? h.result(v.outcomes.created, v.outcomes.updated, v.outcomes.undone)
          : h.notApplied,
    },
    {
      id: 'actions',
      header: h.columns.actions,
      width: '250px',
      render: (v) => (
        <span style={{ display: 'flex', gap: 8 }}>
          <Button
            variant="ghost"
            onClick={() =>
              (window.location.hash = routeHref({ screen: 'import', planId: v.planId }))
            }
            testId="history-open"
          >
            {h.open}
          </Button>
          {wroteSomething(v) && v.state !== 'undone' && v.state !== 'undoing' && (
            <Button
              variant="danger"
              disabled={undo.isPending}
              onClick={() => setConfirm(v.planId)}
              testId="history-undo"
            >
              {h.undo}
            </Button>
          )}
        </span>
      ),
    },
  ];
  const a = t.imports.apply;
  return (
    <>
      {undo.isError && (
        <p className={styles.error} data-testid="undo-refused">
          {runRefusalText(undo.error, 'undo', t)}
        </p>
      )}
      <Table
        label={h.pastTitle}
        columns={columns}
        rows={history.data.imports}
        rowKey={(v) => v.planId}
        rowMeta={(v) => ({ testId: 'history-row', id: v.planId })}
      />
      {confirm !== null && (
        <ConfirmDialog
          title={a.undoTitle}
          body={a.undoBody}
          confirm={a.undoConfirm}
          variant="danger"
          testId="undo-dialog"
          confirmTestId="undo-confirm"
          onConfirm={() => undo.mutate(confirm)}
          onClose={() => setConfirm(null)}
        />
      )}
    </>
  );
}
