import { useEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode } from 'react';

import type { Decision } from '../../bindings/Decision';
import type { FindingView } from '../../bindings/FindingView';
import type { ReviewList } from '../../bindings/ReviewList';
import type { Span } from '../../bindings/Span';
import { useReviewChange, useReviewList } from '../../api';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n';
import { redactedSpans, toggleRedaction, wholeFieldRedacted } from '../../lib/redactions';
import { routeHref } from '../../lib/route';
import { ExcludeDialog } from './ExcludeDialog';
import { FindingCard } from './FindingCard';
import { PackagePanel } from './PackagePanel';
import styles from './Review.module.css';
import { displayOrder, groupFindings, reviewRows } from './reviewGroups';
import { VIRTUAL_FROM, VirtualReviewRows, type ReviewRowsHandle } from './ReviewRows';

type Props = { jobId: string };

/** Review a job's findings: include, exclude with a reason, black out a third party's data. */
export function ReviewScreen({ jobId }: Props) {
  const { t } = useI18n();
  const list = useReviewList(jobId);
  const back = (
    <a className={styles.back} href={routeHref({ screen: 'job', jobId })}>
      ← {t.discovery.review.back}
    </a>
  );

  if (list.isPending) {
    return (
      <Page title="" above={back}>
        <LoadingState />
      </Page>
    );
  }
  if (list.isError) {
    return (
      <Page title={t.discovery.review.errorTitle} above={back}>
        <ErrorState
          title={t.discovery.review.errorTitle}
          error={list.error}
          onRetry={list.error.code === 'notFound' ? undefined : () => void list.refetch()}
        />
      </Page>
    );
  }
  return <Review list={list.data} back={back} />;
}

type ReviewProps = { list: ReviewList; back: ReactNode };

/** Who the exclude dialog is for. */
type Excluding = { ids: number[] } | null;

function Review({ list, back }: ReviewProps) {
  const { t } = useI18n();
  const words = t.discovery.review;
  const jobId = list.job.id;
  const change = useReviewChange(jobId);
  const groups = useMemo(() => groupFindings(list.findings, list.job, t), [list, t]);
  const ordered = useMemo(() => displayOrder(groups), [groups]);
  const [focusedId, setFocusedId] = useState<number | null>(ordered[0]?.id ?? null);
  const [selected, setSelected] = useState<number[]>([]);
  const [anchor, setAnchor] = useState<number | null>(null);
  const [excluding, setExcluding] = useState<Excluding>(null);
  const cards = useRef(new Map<number, HTMLElement>());
  const virtual = ordered.length >= VIRTUAL_FROM;
  const rows = useMemo(() => (virtual ? reviewRows(groups) : []), [groups, virtual]);
  const rowsHandle = useRef<ReviewRowsHandle>(null);

  const focused = ordered.find((f) => f.id === focusedId) ?? ordered[0] ?? null;
  const certain = ordered.filter((f) => f.finding.confidence === 'certain' && !f.review.decision);

  const decide = (ids: number[], decision: Decision | null) => {
    if (ids.length > 0) change.mutate({ kind: 'decide', findingIds: ids, decision });
  };
  const redact = (view: FindingView, field: string, span: Span | null) =>
    change.mutate({
      kind: 'redact',
      findingId: view.id,
      redactions: toggleRedaction(view.review.redactions ?? [], field, span),
    });

  const moveTo = (view: FindingView | undefined) => {
    if (!view) return;
    setFocusedId(view.id);
    const card = cards.current.get(view.id);
    if (card) {
      card.scrollIntoView?.({ block: 'nearest' });
      card.focus({ preventScroll: true });
      return;
    }
    // In a long review the card is drawn once scrolled to.
    rowsHandle.current?.reveal(view.id);
    requestAnimationFrame(() => cards.current.get(view.id)?.focus({ preventScroll: true }));
  };

  const toggleSelect = (id: number, event?: MouseEvent<HTMLInputElement>) => {
    const on = !selected.includes(id);
    let ids = [id];
    if (event?.shiftKey && anchor !== null) {
      const a = ordered.findIndex((f) => f.id === anchor);
      const b = ordered.findIndex((f) => f.id === id);
      if (a >= 0 && b >= 0) {
        ids = ordered.slice(Math.min(a, b), Math.max(a, b) + 1).map((f) => f.id);
      }
    }
    setAnchor(id);
    setSelected((old) =>
      on ? [...old, ...ids.filter((x) => !old.includes(x))] : old.filter((x) => !ids.includes(x)),
    );
  };

  // The keyboard shortcuts, shown in the help line; none while a dialog or a field has focus.
  const keys = useRef<(e: KeyboardEvent) => void>(() => undefined);
  keys.current = (e: KeyboardEvent) => {
    if (excluding || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement | null;
    if (target?.closest('input:not([type=checkbox]), textarea, select, [role=dialog]')) return;
    const index = focused ? ordered.indexOf(focused) : -1;
    switch (e.key) {
      case 'j':
      case 'ArrowDown':
        moveTo(ordered[Math.min(index + 1, ordered.length - 1)]);
        break;
      case 'k':
      case 'ArrowUp':
        moveTo(ordered[Math.max(index - 1, 0)]);
        break;
      case 'i':
        if (focused) decide([focused.id], { decision: 'include' });
        break;
      case 'e':
        if (focused) setExcluding({ ids: [focused.id] });
        break;
      case 'x':
        if (focused) toggleSelect(focused.id);
        break;
      case 'r':
        if (focused) redactFocusedPii(focused, target);
        break;
      default:
        return;
    }
    e.preventDefault();
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => keys.current(e);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // `r`: the personal data button that has focus, else the first one not blacked out yet.
  const redactFocusedPii = (view: FindingView, target: HTMLElement | null) => {
    const button = target?.closest<HTMLElement>('[data-testid="pii-span"]');
    if (button && cards.current.get(view.id)?.contains(button)) {
      const span = { start: Number(button.dataset.start), end: Number(button.dataset.end) };
      redact(view, button.dataset.field ?? '', span);
      return;
    }
    const redactions = view.review.redactions ?? [];
    for (const field of view.finding.fields) {
      if (wholeFieldRedacted(redactions, field.name)) continue;
      const done = redactedSpans(redactions, field.name);
      const next = field.pii.find(
        (p) =>
          !field.matched.some((m) => m.start <= p.span.start && p.span.end <= m.end) &&
          !done.some((d) => d.start === p.span.start && d.end === p.span.end),
      );
      if (next) {
        redact(view, field.name, next.span);
        return;
      }
    }
  };

  const shown = useMemo(() => new Set(ordered.map((f) => f.id)), [ordered]);
  const selectedIds = selected.filter((id) => shown.has(id));
  const chosen = new Set(selectedIds);
  const running = list.job.live;

  const card = (view: FindingView) => (
    <FindingCard
      key={view.id}
      ref={(el) => {
        if (el) cards.current.set(view.id, el);
        else cards.current.delete(view.id);
      }}
      view={view}
      focused={focused?.id === view.id}
      selected={chosen.has(view.id)}
      onFocus={() => setFocusedId(view.id)}
      onSelect={(e) => toggleSelect(view.id, e)}
      onInclude={() => decide([view.id], { decision: 'include' })}
      onExclude={() => setExcluding({ ids: [view.id] })}
      onUndo={() => decide([view.id], null)}
      onRedact={(field, span) => redact(view, field, span)}
    />
  );

  return (
    <Page
      title={words.title(list.job.requestId)}
      above={back}
      aside={<span className={styles.muted}>{words.total(list.findings.length)}</span>}
    >
      <div className={styles.toolbar}>
        <strong
          className={styles.remaining}
          data-testid="review-remaining"
          data-count={list.remaining}
        >
          {words.remaining(list.remaining)}
        </strong>
        <Button
          testId="include-certain"
          disabled={certain.length === 0}
          onClick={() =>
            decide(
              certain.map((f) => f.id),
              { decision: 'include' },
            )
          }
        >
          {words.includeCertain(certain.length)}
        </Button>
        <span className={styles.spacer} />
        {selectedIds.length > 0 && (
          <span className={styles.muted} data-testid="review-selected">
            {words.selected(selectedIds.length)}
          </span>
        )}
        <Button
          testId="bulk-include"
          disabled={selectedIds.length === 0}
          onClick={() => {
            decide(selectedIds, { decision: 'include' });
            setSelected([]);
          }}
        >
          {words.bulkInclude}
        </Button>
        <Button
          testId="bulk-exclude"
          disabled={selectedIds.length === 0}
          onClick={() => setExcluding({ ids: selectedIds })}
        >
          {words.bulkExclude}
        </Button>
        <p className={styles.keys}>{words.keys}</p>
      </div>

      {change.isError && (
        <div className={styles.saveError} role="alert" data-testid="review-error">
          <span>
            <strong>{words.saveFailed}</strong> — {change.error.message}
          </span>
          <Button variant="ghost" onClick={() => change.reset()}>
            {words.dismiss}
          </Button>
        </div>
      )}
      {running && <p className={styles.notice}>{words.stillRunning}</p>}

      {ordered.length === 0 ? (
        <EmptyState title={words.emptyTitle} body={words.emptyBody} />
      ) : virtual ? (
        <VirtualReviewRows rows={rows} renderFinding={card} handle={rowsHandle} />
      ) : (
        groups.map((source) => (
          <section key={source.sourceId} className={styles.source} aria-label={source.name}>
            <h2 className={styles.sourceTitle}>{source.name}</h2>
            {source.units.map((unit) => (
              <div key={unit.key} className={styles.unit}>
                <h3 className={styles.unitTitle}>{unit.label}</h3>
                {unit.findings.map(card)}
              </div>
            ))}
          </section>
        ))
      )}

      {list.issues.length > 0 && (
        <details className={styles.issues} data-testid="review-issues">
          <summary>{words.issuesTitle(list.issues.length)}</summary>
          <p className={styles.muted}>{words.issuesIntro}</p>
          <ul className={styles.issueList}>
            {list.issues.map((issue) => (
              <li key={`${issue.sourceId}-${issue.unit}`} data-testid="review-issue">
                <strong>{issue.unit}</strong>{' '}
                <span className={styles.muted}>
                  · {list.job.sources.find((s) => s.id === issue.sourceId)?.name ?? issue.sourceId}
                </span>
                <br />
                {issue.message}
              </li>
            ))}
          </ul>
        </details>
      )}

      {ordered.length > 0 && <PackagePanel list={list} />}

      {excluding && (
        <ExcludeDialog
          count={excluding.ids.length}
          onCancel={() => setExcluding(null)}
          onConfirm={(decision) => {
            decide(excluding.ids, decision);
            if (excluding.ids.length > 1) setSelected([]);
            setExcluding(null);
          }}
        />
      )}
    </Page>
  );
}
