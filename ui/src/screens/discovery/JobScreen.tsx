import type { ReactNode } from 'react';

import type { JobSourceView } from '../../bindings/JobSourceView';
import type { JobView } from '../../bindings/JobView';
import { useCancelJob, useJob, useJobProgress, useResumeJob, type JobProgress } from '../../api';
import { Button } from '../../components/Button';
import { Badge } from '../../components/Badge';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n';
import { formatBytes, formatCount, formatDateTime } from '../../lib/format';
import { DEFAULT_INBOX } from '../../lib/inboxQuery';
import { canCancel, canResume, jobFindings, jobStatus, sourceFraction } from '../../lib/jobStatus';
import { routeHref } from '../../lib/route';
import styles from './Discovery.module.css';
import { JobStateBadge } from './JobStateBadge';

type Props = { jobId: string; onReview: () => void };

/** One job: each source's progress as it comes, stop and resume, then on to the review. */
export function JobScreen({ jobId, onReview }: Props) {
  const { t } = useI18n();
  const job = useJob(jobId);
  const progress = useJobProgress(jobId);
  const back = (
    <a className={styles.back} href={routeHref({ screen: 'discovery' })}>
      ← {t.discovery.job.back}
    </a>
  );

  if (job.isPending) {
    return (
      <Page title="" above={back}>
        <LoadingState />
      </Page>
    );
  }
  if (job.isError) {
    return (
      <Page title={t.discovery.job.errorTitle} above={back}>
        <ErrorState
          title={t.discovery.job.errorTitle}
          error={job.error}
          onRetry={job.error.code === 'notFound' ? undefined : () => void job.refetch()}
        />
      </Page>
    );
  }
  return <Job job={job.data} progress={progress} back={back} onReview={onReview} />;
}

type JobProps = { job: JobView; progress: JobProgress; back: ReactNode; onReview: () => void };

function Job({ job, progress, back, onReview }: JobProps) {
  const { t, language } = useI18n();
  const words = t.discovery.job;
  const cancel = useCancelJob();
  const resume = useResumeJob();
  const status = jobStatus(job);
  const failure = cancel.error ?? resume.error;

  const notice = (() => {
    if (progress.stopError && !job.live) {
      return { tone: 'danger', text: words.finishError(progress.stopError) };
    }
    switch (status) {
      case 'interrupted':
        return { tone: 'warning', text: words.interrupted };
      case 'cancelled':
        return { tone: 'warning', text: words.cancelled };
      case 'partial':
      case 'failed':
        return { tone: 'danger', text: words.someFailed };
      case 'done':
        return { tone: 'success', text: words.finished(jobFindings(job)) };
      default:
        return null;
    }
  })();

  return (
    <Page
      title={words.title(job.requestId)}
      above={back}
      aside={<JobStateBadge job={job} testId="job-state" />}
    >
      <p className={styles.muted}>
        {words.started(formatDateTime(job.createdAt, language) ?? '')} ·{' '}
        <a href={routeHref({ screen: 'dsar', id: job.requestId, inbox: DEFAULT_INBOX })}>
          {words.toRequest}
        </a>
      </p>
      {notice && (
        <p className={styles.notice} data-tone={notice.tone} data-testid="job-notice">
          {notice.text}
        </p>
      )}

      <section className={styles.card}>
        {job.sources.map((s) => (
          <SourceRow key={s.id} source={s} live={job.live} eta={progress.etas[s.id]} />
        ))}
      </section>

      <div className={styles.actions}>
        {canCancel(job) && (
          <Button
            testId="job-cancel"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate(job.id)}
          >
            {words.cancel}
          </Button>
        )}
        {canResume(job) && (
          <Button
            variant={status === 'done' ? 'secondary' : 'primary'}
            testId="job-resume"
            disabled={resume.isPending}
            onClick={() => resume.mutate(job.id)}
          >
            {words.resume}
          </Button>
        )}
        {!job.live && (
          <Button
            variant={status === 'done' || status === 'partial' ? 'primary' : 'secondary'}
            testId="open-review"
            onClick={onReview}
          >
            {words.openReview}
          </Button>
        )}
        {failure && (
          <span className={styles.error} role="alert" data-testid="job-error">
            {failure.message}
          </span>
        )}
      </div>
    </Page>
  );
}

type RowProps = { source: JobSourceView; live: boolean; eta: number | undefined };

const SOURCE_TONES = {
  pending: 'neutral',
  running: 'accent',
  cancelled: 'warning',
  done: 'success',
  failed: 'danger',
  interrupted: 'warning',
} as const;

function SourceRow({ source, live, eta }: RowProps) {
  const { t, language } = useI18n();
  const words = t.discovery.job;
  const p = source.progress;
  const fraction = sourceFraction(source);
  // A source left running by an app that closed is not running any more.
  const stopped = !live && (source.state === 'running' || source.state === 'pending');
  const shown = stopped ? 'interrupted' : source.state;
  const n = (x: number) => formatCount(x, language);

  return (
    <div
      className={styles.source}
      data-testid="job-source"
      data-id={source.id}
      data-state={source.state}
      data-units-done={p.unitsDone}
      data-units-total={p.unitsTotal ?? ''}
    >
      <span className={styles.sourceName}>{source.name}</span>
      <Badge tone={SOURCE_TONES[shown]}>{t.discovery.sourceState[shown]}</Badge>
      <div
        className={styles.bar}
        role="progressbar"
        aria-label={source.name}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        {fraction === null ? (
          source.state === 'running' && <div className={styles.barIndeterminate} />
        ) : (
          <div className={styles.barFill} style={{ width: `${Math.round(fraction * 100)}%` }} />
        )}
      </div>
      <div className={styles.counts}>
        <span>
          {words.counts.units(n(p.unitsDone), p.unitsTotal === null ? null : n(p.unitsTotal))}
        </span>
        {p.bytesTotal !== null && (
          <span>
            {words.counts.bytes(
              formatBytes(p.bytes, language),
              formatBytes(p.bytesTotal, language),
            )}
          </span>
        )}
        <span>{words.counts.items(p.items, n(p.items))}</span>
        <span>{words.counts.findings(p.findings)}</span>
        {p.issues > 0 && <span>{words.counts.issues(p.issues)}</span>}
        {p.skipped > 0 && <span title={words.skippedTitle}>{words.counts.skipped(p.skipped)}</span>}
        {source.state === 'running' && eta !== undefined && (
          <span data-testid="job-eta">{words.etaLabel(words.eta(eta))}</span>
        )}
      </div>
      {source.failure && (
        <p className={styles.failure} data-testid="job-failure">
          {source.failure.message}
        </p>
      )}
    </div>
  );
}
