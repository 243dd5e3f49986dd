// Discovery jobs and their review. A job runs in the backend; its progress comes as
// `job_progress` events, which patch the job's cached view, and `job_finished`, which reloads
// everything that depends on the job (see `useBackendEvents`). Review decisions are shown at
// once and rolled back if the backend refuses them.

import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import type { Decision } from '../bindings/Decision';
import type { DiscoveryStartRequest } from '../bindings/DiscoveryStartRequest';
import type { JobProgressEvent } from '../bindings/JobProgressEvent';
import type { JobView } from '../bindings/JobView';
import type { Redaction } from '../bindings/Redaction';
import type { Review } from '../bindings/Review';
import type { ReviewList } from '../bindings/ReviewList';
import type { ReviewUpdate } from '../bindings/ReviewUpdate';
import type { RunState } from '../bindings/RunState';
import { call, listen } from './ipc';
import { queryKeys } from './queryKeys';

/** What a discovery of a request starts from: identifiers, sources, earlier jobs. */
export function useDiscoveryPlan(requestId: number) {
  return useQuery({
    queryKey: queryKeys.discoveryPlan(requestId),
    queryFn: () => call('discovery_prepare', { requestId }),
    staleTime: 0,
  });
}

/** Start a job; the caller goes to its screen with the answer. */
export function useStartDiscovery() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (req: DiscoveryStartRequest) => call('discovery_start', req),
    onSuccess: (job) => {
      client.setQueryData(queryKeys.job(job.id), job);
      void client.invalidateQueries({ queryKey: queryKeys.recentJobs() });
      void client.invalidateQueries({ queryKey: queryKeys.discoveryPlan(job.requestId) });
    },
  });
}

/** The latest jobs of every request, newest first. */
export function useRecentJobs() {
  return useQuery({
    queryKey: queryKeys.recentJobs(),
    queryFn: () => call('discovery_recent', {}),
    staleTime: 0,
  });
}

/** One job as stored; kept current by `useJobProgress`. */
export function useJob(jobId: string) {
  return useQuery({
    queryKey: queryKeys.job(jobId),
    queryFn: () => call('discovery_job', { jobId }),
    staleTime: 0,
  });
}

/** Seconds left per source, from the latest `job_progress` of each. */
export type Etas = Record<string, number | undefined>;

/** What the job's events told: time left per source, and why the job stopped if it broke. */
export type JobProgress = { etas: Etas; stopError: string | null };

/**
 * Follow a job: each `job_progress` updates its cached view (a source's state, counts and
 * failure) and the time left; a `job_finished` with an error keeps it to be shown (the job is
 * reloaded by `useBackendEvents`). Mount on the job's screen.
 */
export function useJobProgress(jobId: string): JobProgress {
  const client = useQueryClient();
  const [etas, setEtas] = useState<Etas>({});
  const [stopError, setStopError] = useState<string | null>(null);
  useEffect(() => {
    const stops: (() => void)[] = [];
    let cancelled = false;
    const keep = (unlisten: () => void) => {
      if (cancelled) unlisten();
      else stops.push(unlisten);
    };
    // Outside Tauri there are no events: the screen shows the job as last read.
    const ignore = () => undefined;
    listen('job_progress', (event) => {
      if (event.jobId !== jobId) return;
      client.setQueryData(queryKeys.job(jobId), (job?: JobView) => applyProgress(job, event));
      setEtas((old) => ({ ...old, [event.sourceId]: event.etaSeconds }));
      if (event.state === 'running') setStopError(null);
    })
      .then(keep)
      .catch(ignore);
    listen('job_finished', (event) => {
      if (event.jobId === jobId) setStopError(event.error ?? null);
    })
      .then(keep)
      .catch(ignore);
    return () => {
      cancelled = true;
      stops.forEach((stop) => stop());
    };
  }, [client, jobId]);
  return { etas, stopError };
}

/** A job's view after one source's progress. */
export function applyProgress(job: JobView | undefined, event: JobProgressEvent) {
  if (!job) return job;
  const sources = job.sources.map((s) => {
    if (s.id !== event.sourceId) return s;
    const next = { ...s, state: event.state, progress: event.progress };
    if (event.failure) next.failure = event.failure;
    else delete next.failure;
    return next;
  });
  const running: RunState[] = ['pending', 'running'];
  const state = running.includes(event.state) ? 'running' : job.state;
  return { ...job, sources, state, updatedAt: new Date().toISOString() };
}

/** What depends on a job, reloaded when it stops. */
export function invalidateJob(client: QueryClient, jobId: string): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.job(jobId) }),
    client.invalidateQueries({ queryKey: queryKeys.review(jobId) }),
    client.invalidateQueries({ queryKey: queryKeys.recentJobs() }),
    client.invalidateQueries({ queryKey: ['discovery_prepare'] }),
  ]);
}

function useJobAction(name: 'discovery_cancel' | 'discovery_resume') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) => call(name, { jobId }),
    onSuccess: (job) => {
      client.setQueryData(queryKeys.job(job.id), job);
      void client.invalidateQueries({ queryKey: queryKeys.recentJobs() });
    },
  });
}

/** Stop a running job at its next piece; `job_finished` follows. */
export function useCancelJob() {
  return useJobAction('discovery_cancel');
}

/** Run again what a job did not finish: cancelled, interrupted or failed sources. */
export function useResumeJob() {
  return useJobAction('discovery_resume');
}

/**
 * Everything to review a job: its findings with their reviews, issues, what is left. While the
 * job runs, read again every few seconds for the findings it adds, but never while a review
 * change is being saved (the answer could predate it).
 */
export function useReviewList(jobId: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: queryKeys.review(jobId),
    queryFn: () => readReviewList(jobId),
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data?.job.live && client.isMutating() === 0 ? LIVE_REVIEW_MS : false,
  });
}

const LIVE_REVIEW_MS = 3_000;

/** Findings asked for at once: a job with thousands of them comes in a few calls. */
export const REVIEW_PAGE = 500;

/**
 * A job's whole review, read page by page and put together: the job, issues and count of what
 * is left come from the last page read (the freshest).
 */
export async function readReviewList(
  jobId: string,
  read: (offset: number) => Promise<ReviewList> = (offset) =>
    call('review_list', { jobId, offset, limit: REVIEW_PAGE }),
): Promise<ReviewList> {
  let page = await read(0);
  const findings = [...page.findings];
  // `total` may grow while a job runs: what was added after the first page waits for the next
  // reading.
  const total = page.total;
  while (findings.length < total && page.findings.length > 0) {
    page = await read(findings.length);
    findings.push(...page.findings);
  }
  return { ...page, findings, offset: 0, total: Math.max(total, findings.length) };
}

/** A review change as the screen asks for it. */
export type ReviewChange =
  | { kind: 'decide'; findingIds: number[]; decision: Decision | null }
  | { kind: 'redact'; findingId: number; redactions: Redaction[] };

/** The review list as it will be once `change` is saved. */
export function applyChange(list: ReviewList, change: ReviewChange): ReviewList {
  const ids = idsOf(change);
  const findings = list.findings.map((f) => {
    if (!ids.includes(f.id)) return f;
    const review: Review = { ...f.review };
    if (change.kind === 'redact') review.redactions = change.redactions;
    else if (change.decision) review.decision = change.decision;
    else delete review.decision;
    return { ...f, review };
  });
  const remaining = findings.filter((f) => !f.review.decision).length;
  return { ...list, findings, remaining };
}

const idsOf = (change: ReviewChange) =>
  change.kind === 'decide' ? change.findingIds : [change.findingId];

/** `list` with the reviews of `ids` as they were in `before`. */
function restore(list: ReviewList, before: ReviewList, ids: number[]): ReviewList {
  const old = new Map(before.findings.map((f) => [f.id, f.review]));
  const findings = list.findings.map((f) =>
    ids.includes(f.id) && old.has(f.id) ? { ...f, review: old.get(f.id)! } : f,
  );
  return { ...list, findings, remaining: findings.filter((f) => !f.review.decision).length };
}

/** The review list with the backend's answer to a change. */
export function applyUpdate(list: ReviewList, update: ReviewUpdate): ReviewList {
  const byId = new Map(update.reviews.map((r) => [r.id, r.review]));
  return {
    ...list,
    findings: list.findings.map((f) => (byId.has(f.id) ? { ...f, review: byId.get(f.id)! } : f)),
    remaining: update.remaining,
  };
}

/**
 * Save a decision or redactions. The screen shows the change at once; if the backend refuses
 * it, the review goes back to what it was and the mutation's error says why.
 */
export function useReviewChange(jobId: string) {
  const client = useQueryClient();
  const key = queryKeys.review(jobId);
  return useMutation({
    mutationFn: (change: ReviewChange) =>
      change.kind === 'decide'
        ? call('review_decide', {
            jobId,
            findingIds: change.findingIds,
            ...(change.decision ? { decision: change.decision } : {}),
          })
        : call('review_redact', {
            jobId,
            findingId: change.findingId,
            redactions: change.redactions,
          }),
    onMutate: async (change) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<ReviewList>(key);
      if (before) client.setQueryData(key, applyChange(before, change));
      return { before };
    },
    onError: (_error, change, context) => {
      // Only the findings of this change go back: another change may be on its way.
      const before = context?.before;
      if (!before) return;
      client.setQueryData(key, (list?: ReviewList) =>
        list ? restore(list, before, idsOf(change)) : list,
      );
    },
    onSuccess: (update) => {
      client.setQueryData(key, (list?: ReviewList) => (list ? applyUpdate(list, update) : list));
    },
  });
}
