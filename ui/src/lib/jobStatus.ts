// A discovery job's state in the words the screens use. The stored state alone is not enough:
// a `running` job that no longer runs in this app was interrupted, and a `done` job may have
// sources that failed. Also what the job screen offers (stop, resume) and how far a source is.

import type { JobSourceView } from '../bindings/JobSourceView';
import type { JobView } from '../bindings/JobView';

export type JobStatus =
  'pending' | 'running' | 'interrupted' | 'cancelled' | 'done' | 'partial' | 'failed';

/** Where a job stands, as the DPO needs to know it. */
export function jobStatus(job: JobView): JobStatus {
  const anyFailed = job.sources.some((s) => s.state === 'failed');
  switch (job.state) {
    case 'pending':
    case 'running':
      if (!job.live) return 'interrupted';
      return job.state;
    case 'done':
      return anyFailed ? 'partial' : 'done';
    default:
      return job.state;
  }
}

/** Whether the job can be stopped now. */
export function canCancel(job: JobView): boolean {
  return job.live;
}

/** Whether resuming would run something: a source not finished, in a job that does not run. */
export function canResume(job: JobView): boolean {
  return !job.live && job.sources.some((s) => s.state !== 'done');
}

/** How far a source is, 0 to 1, from its bytes or its units; null while it cannot be told. */
export function sourceFraction(source: JobSourceView): number | null {
  if (source.state === 'done') return 1;
  const p = source.progress;
  if (p.bytesTotal !== null && p.bytesTotal > 0) return Math.min(1, p.bytes / p.bytesTotal);
  if (p.unitsTotal !== null && p.unitsTotal > 0) return Math.min(1, p.unitsDone / p.unitsTotal);
  return null;
}

/** Findings of every source of a job. */
export function jobFindings(job: JobView): number {
  return job.sources.reduce((n, s) => n + s.progress.findings, 0);
}
