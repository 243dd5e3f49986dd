import { describe, expect, it } from 'vitest';

import type { JobSourceView } from '../bindings/JobSourceView';
import type { JobView } from '../bindings/JobView';
import { canCancel, canResume, jobFindings, jobStatus, sourceFraction } from './jobStatus';

const source = (over: Partial<JobSourceView> = {}): JobSourceView => ({
  id: 's',
  name: 'Clients',
  state: 'running',
  progress: {
    unitsDone: 1,
    unitsTotal: 4,
    items: 10,
    bytes: 0,
    bytesTotal: null,
    findings: 2,
    issues: 0,
    skipped: 0,
  },
  ...over,
});

const job = (over: Partial<JobView> = {}): JobView => ({
  id: 'j',
  requestId: 1,
  state: 'running',
  live: true,
  createdAt: '2026-12-01T09:00:00Z',
  updatedAt: '2026-12-01T09:00:00Z',
  sources: [source()],
  ...over,
});

describe('jobStatus', () => {
  it('tells a running job from one that was interrupted', () => {
    expect(jobStatus(job())).toBe('running');
    expect(jobStatus(job({ live: false }))).toBe('interrupted');
  });

  it('tells a finished job with a failed source from a clean one', () => {
    const done = source({ state: 'done' });
    expect(jobStatus(job({ state: 'done', live: false, sources: [done] }))).toBe('done');
    const failed = source({ state: 'failed' });
    expect(jobStatus(job({ state: 'done', live: false, sources: [done, failed] }))).toBe('partial');
  });
});

describe('what a job offers', () => {
  it('stops a live job only', () => {
    expect(canCancel(job())).toBe(true);
    expect(canCancel(job({ state: 'cancelled', live: false }))).toBe(false);
  });

  it('resumes a cancelled, interrupted or partly failed job, not a clean one', () => {
    expect(canResume(job({ state: 'cancelled', live: false }))).toBe(true);
    expect(canResume(job({ live: false }))).toBe(true);
    expect(canResume(job())).toBe(false);
    const done = source({ state: 'done' });
    expect(canResume(job({ state: 'done', live: false, sources: [done] }))).toBe(false);
    const sources = [done, source({ state: 'failed' })];
    expect(canResume(job({ state: 'done', live: false, sources }))).toBe(true);
  });
});

describe('sourceFraction', () => {
  it('prefers bytes, then units, and is unknown without totals', () => {
    const p = source().progress;
    expect(sourceFraction(source({ progress: { ...p, bytes: 50, bytesTotal: 200 } }))).toBe(0.25);
    expect(sourceFraction(source())).toBe(0.25);
    expect(sourceFraction(source({ progress: { ...p, unitsTotal: null } }))).toBeNull();
    expect(sourceFraction(source({ state: 'done', progress: { ...p, unitsTotal: null } }))).toBe(1);
  });

  it('adds up the findings of every source', () => {
    expect(jobFindings(job({ sources: [source(), source()] }))).toBe(4);
  });
});
