import { useState } from 'react';

import {
  useApplyImport,
  useCancelImport,
  useImport,
  useImportProgress,
  useUndoImport,
} from '../../api';
import type { ImportProgressEvent } from '../../bindings/ImportProgressEvent';
import type { ImportView } from '../../bindings/ImportView';
import type { OutcomeKind } from '../../bindings/OutcomeKind';
import type { RowKind } from '../../bindings/RowKind';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { Page } from '../../components/Page';
import { SearchBox } from '../../components/SearchBox';
import { useI18n } from '../../i18n';
import { ConfirmDialog } from './ConfirmDialog';
import { formatCount } from '../../lib/format';
import { NO_FILTER, progressShare, ROW_KINDS, type RowFilter } from '../../lib/planTable';
import { routeHref } from '../../lib/route';
import { CountsChart } from './CountsChart';
import styles from './Imports.module.css';
import {
  durationText,
  entityName,
  outcomeTone,
  runRefusalText,
  sourceText,
  stateTone,
  written,
  wroteSomething,
} from './labels';
import { PlanTable } from './PlanTable';

type Props = { planId: string };

const OUTCOMES: OutcomeKind[] = [
  'created',
  'updated',
  'tagged',
  'archived',
  'stale',
  'failed',
  'unsupported',
  'undone',
  'skipped',
];

/** One import: its plan as a chart and a table, the choices, then apply, report and undo. */
export function PreviewScreen({ planId }: Props) {
  const { t, language } = useI18n();
  const view = useImport(planId);
  const progress = useImportProgress(planId);
  const [filter, setFilter] = useState<RowFilter>(NO_FILTER);
  const [shown, setShown] = useState<number | null>(null);
  const back = (
    <a className={styles.back} href={routeHref({ screen: 'imports' })}>
      ← {t.imports.preview.back}
    </a>
  );
  if (view.isPending) return <LoadingState />;
  if (view.isError) {
    return (
      <Page title={t.imports.history.title} above={back}>
        <ErrorState title={t.imports.history.planFailed} error={view.error} />
      </Page>
    );
  }
  const v = view.data;
  const editable = v.state === 'planned';
  const reported = v.appliedAt != null;
  const toggleKind = (kind: RowKind) =>
    setFilter((f) => ({
      ...f,
      kinds: f.kinds.includes(kind) ? f.kinds.filter((k) => k !== kind) : [...f.kinds, kind],
    }));
  const pickKind = (kind: RowKind) =>
    setFilter((f) => ({
      ...f,
      kinds: f.kinds.length === 1 && f.kinds[0] === kind ? [] : [kind],
    }));
  const toggleOutcome = (kind: OutcomeKind) =>
    setFilter((f) => ({
      ...f,
      outcomes: f.outcomes.includes(kind)
        ? f.outcomes.filter((k) => k !== kind)
        : [...f.outcomes, kind],
    }));

  return (
    <Page
      title={v.profileName}
      above={back}
      fill
      aside={
        <Badge tone={stateTone(v.state)} testId="import-state">
          {t.imports.state[v.state]}
        </Badge>
      }
    >
      <p className={styles.subtitle} data-testid="preview-subtitle">
        {t.imports.preview.subtitle(sourceText(v, t), entityName(v.entity, t), v.rows)}
      </p>
      {v.warnings.length > 0 && <Warnings view={v} />}
      <div className={styles.top}>
        <section className={styles.panel} style={{ marginBottom: 0 }}>
          <h2 className={styles.panelTitle}>
            {editable ? t.imports.preview.chartTitle : t.imports.preview.chartTitleApplied}
          </h2>
          <CountsChart counts={v.counts} active={filter.kinds} onPick={pickKind} />
        </section>
        <section className={styles.panel} style={{ marginBottom: 0 }} data-testid="apply-panel">
          <ApplyPanel view={v} progress={progress} />
        </section>
      </div>
      <div className={styles.toolbar}>
        <span role="group" aria-label={t.imports.preview.filterLabel} className={styles.toolbar}>
          <button
            type="button"
            className={styles.toggle}
            aria-pressed={filter.kinds.length === 0}
            onClick={() => setFilter((f) => ({ ...f, kinds: [] }))}
            data-testid="filter-all"
          >
            {t.imports.preview.all}
          </button>
          {ROW_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              className={styles.toggle}
              aria-pressed={filter.kinds.includes(kind)}
              onClick={() => toggleKind(kind)}
              data-testid={`filter-${kind}`}
            >
              {t.imports.kindPlural[kind]} · {formatCount(v.counts[kind], language)}
            </button>
          ))}
        </span>
        <SearchBox
          value={filter.q}
          onChange={(q) => setFilter((f) => ({ ...f, q }))}
          label={t.imports.preview.search}
          placeholder={t.imports.preview.searchPlaceholder}
          clearLabel={t.imports.preview.clear}
          testId="plan-search"
        />
        {shown !== null && (
          <span className={styles.shown} data-testid="rows-shown">
            {t.imports.preview.shown(shown, v.rows)}
          </span>
        )}
      </div>
      {reported && (
        <div className={styles.toolbar} data-testid="report-filter">
          <strong>{t.imports.apply.reportTitle}</strong>
          <span className={styles.note}>{t.imports.apply.reportIntro}</span>
          {OUTCOMES.filter((o) => o === 'skipped' || v.outcomes[o] > 0).map((o) => (
            <button
              key={o}
              type="button"
              className={styles.toggle}
              aria-pressed={filter.outcomes.includes(o)}
              onClick={() => toggleOutcome(o)}
              data-testid={`outcome-${o}`}
            >
              {t.imports.outcome[o]}
              {o !== 'skipped' && ` · ${v.outcomes[o]}`}
            </button>
          ))}
        </div>
      )}
      <PlanTable
        planId={planId}
        filter={filter}
        editable={editable}
        keyField={v.keyField}
        showOutcomes={v.state !== 'planned'}
        onTotal={setShown}
      />
    </Page>
  );
}

/** What the plan will not do although its profile asks for it, worded from each warning's
 * kind and params. */
function Warnings({ view }: { view: ImportView }) {
  const { t } = useI18n();
  const w = t.imports.warning;
  return (
    <section className={styles.warnings} role="alert" data-testid="plan-warnings">
      <strong>{w.title}</strong>
      {view.warnings.map((warning, i) => (
        <p key={i} className={styles.warning} data-testid="plan-warning">
          {warning.kind === 'missingPolicyUnsupported' &&
            w.missingPolicyUnsupported(warning.policy, warning.entity, warning.missing)}
        </p>
      ))}
    </section>
  );
}

type ApplyProps = { view: ImportView; progress: ImportProgressEvent | null };

/** What applying will write, then its progress, then what it did and the way back. */
function ApplyPanel({ view, progress }: ApplyProps) {
  const { t } = useI18n();
  const a = t.imports.apply;
  const apply = useApplyImport();
  const cancel = useCancelImport();
  const undo = useUndoImport();
  const [confirm, setConfirm] = useState<'apply' | 'undo' | null>(null);
  const running = view.state === 'applying' || view.state === 'undoing';
  const live = running && progress !== null ? progress : null;
  const undecided = view.counts.conflict;

  return (
    <div className={styles.actionPanel}>
      {view.state === 'planned' && (
        <>
          <p className={styles.bigNumber} data-testid="to-write">
            {a.toWrite(view.toWrite)}
          </p>
          {undecided > 0 && <p className={styles.note}>{a.conflictsLeft(undecided)}</p>}
          <Button
            variant="primary"
            disabled={view.toWrite === 0 || apply.isPending}
            onClick={() => setConfirm('apply')}
            testId="apply"
          >
            {a.apply}
          </Button>
        </>
      )}
      {running && (
        <div data-testid="progress" className={styles.stack}>
          <p className={styles.note}>{t.imports.state[view.state]}</p>
          <div
            className={styles.progressTrack}
            role="progressbar"
            aria-label={a.progressLabel}
            aria-valuemin={0}
            aria-valuemax={live?.total ?? 0}
            aria-valuenow={live?.done ?? 0}
          >
            <div
              className={styles.progressBar}
              style={{ width: `${progressShare(live?.done ?? 0, live?.total ?? 1) * 100}%` }}
            />
          </div>
          <div className={styles.progressLine}>
            <span data-testid="progress-count">
              {a.progress(live?.done ?? 0, live?.total ?? 0)}
            </span>
            <span data-testid="progress-eta">
              {live?.etaSeconds != null ? a.eta(durationText(live.etaSeconds)) : a.etaUnknown}
            </span>
          </div>
          {live && <Outcomes counts={live.outcomes} />}
          <Button
            variant="danger"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate(view.planId)}
            testId="cancel"
          >
            {cancel.isPending ? a.cancelling : a.cancel}
          </Button>
        </div>
      )}
      {!running && view.state !== 'planned' && (
        <div data-testid="report" className={styles.stack}>
          <Outcomes counts={view.outcomes} />
          {view.stop?.kind === 'rowsFailed' ? (
            <p className={styles.error} data-testid="rows-failed">
              {a.rowsFailed(view.stop.rows)}
            </p>
          ) : view.stop?.kind === 'rowsNotUndone' ? (
            <p className={styles.error} data-testid="rows-not-undone">
              {a.rowsNotUndone(view.stop.rows)}
            </p>
          ) : (
            view.error && <p className={styles.error}>{view.error}</p>
          )}
          {view.state === 'undone' && <p className={styles.note}>{a.undoneNote}</p>}
          {view.state === 'cancelled' && (
            <p className={styles.note} data-testid="interrupted-note">
              {a.interrupted(written(view), view.toWrite)}
            </p>
          )}
          {(view.state === 'cancelled' || view.state === 'failed') && (
            <Button variant="primary" onClick={() => apply.mutate(view.planId)} testId="resume">
              {a.resume}
            </Button>
          )}
          {view.state !== 'undone' && wroteSomething(view) && (
            <Button variant="danger" onClick={() => setConfirm('undo')} testId="undo">
              {a.undo}
            </Button>
          )}
        </div>
      )}
      {apply.isError && (
        <p className={styles.error} data-testid="apply-refused">
          {runRefusalText(apply.error, 'apply', t)}
        </p>
      )}
      {undo.isError && (
        <p className={styles.error} data-testid="undo-refused">
          {runRefusalText(undo.error, 'undo', t)}
        </p>
      )}
      {confirm === 'apply' && (
        <ConfirmDialog
          title={a.confirmTitle}
          body={a.confirmBody(view.toWrite)}
          confirm={a.confirm}
          variant="primary"
          testId="apply-dialog"
          confirmTestId="apply-confirm"
          onConfirm={() => apply.mutate(view.planId)}
          onClose={() => setConfirm(null)}
        />
      )}
      {confirm === 'undo' && (
        <ConfirmDialog
          title={a.undoTitle}
          body={a.undoBody}
          confirm={a.undoConfirm}
          variant="danger"
          testId="undo-dialog"
          confirmTestId="undo-confirm"
          onConfirm={() => undo.mutate(view.planId)}
          onClose={() => setConfirm(null)}
        />
      )}
    </div>
  );
}

function Outcomes({ counts }: { counts: ImportView['outcomes'] }) {
  const { t } = useI18n();
  const shown = OUTCOMES.filter((o) => o !== 'skipped' && counts[o] > 0);
  return (
    <div className={styles.outcomes} data-testid="outcome-counts">
      {shown.length === 0 && <span className={styles.note}>{t.imports.history.notApplied}</span>}
      {shown.map((o) => (
        <Badge key={o} tone={outcomeTone(o)} testId={`outcome-count-${o}`}>
          {t.imports.outcome[o]} · {counts[o]}
        </Badge>
      ))}
    </div>
  );
}
