// The discovery and review commands of the fake backend: a small in-memory world where a job
// "runs" by ticks of a clock (a timer in the mock window, `tick()` in tests, so tests stay
// deterministic), emitting `job_progress` per source and `job_finished` at the end, as the
// Rust job runner does. Findings come from discoveryFixtures.ts and appear as their source's
// units are done; reviews are kept in memory with the backend's rules (`other` needs a note).

import type { Commands } from '../bindings/commands';
import type { ConnectionView } from '../bindings/ConnectionView';
import type { DsarDetail } from '../bindings/DsarDetail';
import type { FailureView } from '../bindings/FailureView';
import type { FindingView } from '../bindings/FindingView';
import type { Identifier } from '../bindings/Identifier';
import type { IdentifierKind } from '../bindings/IdentifierKind';
import type { JobSourceView } from '../bindings/JobSourceView';
import type { JobView } from '../bindings/JobView';
import type { Review } from '../bindings/Review';
import type { RunState } from '../bindings/RunState';
import type { Settings } from '../bindings/Settings';
import {
  findingsFor,
  ISSUES,
  SOURCE_PLANS,
  type FakeSourcePlan,
  type Subject,
} from './discoveryFixtures';
import { BOUTIQUE_ID, CLIENTS_ID, DSARS, RH_ID } from './fixtures';

export type DiscoveryCommand =
  | 'discovery_prepare'
  | 'discovery_start'
  | 'discovery_recent'
  | 'discovery_job'
  | 'discovery_cancel'
  | 'discovery_resume'
  | 'review_list'
  | 'review_decide'
  | 'review_redact';

export type DiscoveryHandlers = {
  [K in DiscoveryCommand]: (req: Commands[K]['request']) => Commands[K]['response'];
};

/** What the discovery commands need from the rest of the fake backend. */
export type DiscoveryHost = {
  /** A request of the current workspace, or null. */
  request: (id: number) => DsarDetail | null;
  /** The saved connections, as `connections_list` answers. */
  connections: () => ConnectionView[];
  emit: (event: string, payload: unknown) => Promise<void>;
};

export type DiscoveryOptions = {
  /** Milliseconds between ticks of running jobs; 0 (tests) waits for `tick()`. */
  tickMs?: number;
  /** A source that fails at its second unit, once per job (a resume then finishes it). */
  failingSource?: string;
  /** Start without the sample jobs (an interrupted one, a finished one). */
  noJobs?: boolean;
  /** Add a finished job of request 1001 with this many findings ({@link SAMPLE_BIG_JOB}). */
  bigJob?: number;
};

/** Driving the fake jobs from a test. */
export type DiscoveryControl = {
  /** Advance every live job by one unit per source; resolves once its events are sent. */
  tick(): Promise<void>;
  /** Tick until no job runs. */
  runAll(): Promise<void>;
};

type FakeJob = {
  id: string;
  requestId: number;
  createdAt: string;
  updatedAt: string;
  state: RunState;
  live: boolean;
  sources: JobSourceView[];
  findings: (FindingView & { unit: number })[];
  issues: typeof ISSUES;
};

const FALLBACK_PLAN: Omit<FakeSourcePlan, 'id'> = {
  units: 2,
  bytesTotal: null,
  itemsPerUnit: 300,
  skipped: 0,
};
const SECONDS_PER_UNIT = 45;
/** The sample jobs: a finished one of the first request, an interrupted one of the second. */
export const SAMPLE_DONE_JOB = 'job-20261201-1001';
export const SAMPLE_INTERRUPTED_JOB = 'job-20261202-1002';
/** The job of `bigJob` findings, ids from 10 000 on, one file each. */
export const SAMPLE_BIG_JOB = 'job-20261203-1001-big';

const planOf = (id: string): FakeSourcePlan =>
  SOURCE_PLANS.find((p) => p.id === id) ?? { id, ...FALLBACK_PLAN };

function scopeOf(settings: Settings): string {
  switch (settings.kind) {
    case 'postgres': {
      const s = settings.settings;
      const schemas = s.schemas?.length ? s.schemas.join(', ') : 'every schema';
      return `${s.database} on ${s.host}:${s.port}, ${schemas}`;
    }
    case 'mysql':
      return `${settings.settings.database} on ${settings.settings.host}:${settings.settings.port}, every table`;
    case 'sqlite':
      return `${settings.settings.path}, every table`;
    case 'folder': {
      const s = settings.settings;
      let scope = s.path;
      if (s.include?.length) scope += ` (${s.include.join(', ')})`;
      if (s.exclude?.length) scope += `, without ${s.exclude.join(', ')}`;
      return scope;
    }
    case 'restApi':
    case 'dastraWorkspace':
      return settings.settings.baseUrl;
  }
}

/** The identifiers the backend reads from a request, as `IdentitySet::from_request` does. */
function identifiersOf(detail: DsarDetail): Identifier[] {
  const id = detail.identity;
  const fields: [IdentifierKind, string | null, string][] = [
    ['email', id.email, 'email'],
    ['phone', id.phoneNumber, 'phoneNumber'],
    ['givenName', id.givenName, 'givenName'],
    ['familyName', id.familyName, 'familyName'],
    ['address', id.address, 'address'],
    ['postalCode', id.zipCode, 'zipCode'],
    ['city', id.city, 'city'],
    ['refId', id.refId, 'refId'],
    ['userId', id.userId, 'userId'],
  ];
  const out: Identifier[] = fields
    .filter(([, value]) => value !== null && value.trim() !== '')
    .map(([kind, value, field]) => ({
      kind,
      value: (value as string).trim(),
      label: null,
      provenance: { source: 'request', field },
    }));
  if (id.givenName && id.familyName) {
    out.push({
      kind: 'fullName',
      value: `${id.givenName} ${id.familyName}`,
      label: null,
      provenance: { source: 'request', field: 'givenName familyName' },
    });
  }
  return out;
}

function subjectOf(detail: DsarDetail | null, requestId: number): Subject {
  const row = DSARS.find((r) => r.id === requestId);
  const [given = 'Élodie', ...rest] = (row?.requester ?? 'Élodie Dupont-Moreau').split(' ');
  return {
    given: detail?.identity.givenName ?? given,
    family: detail?.identity.familyName ?? (rest.join(' ') || 'Dupont-Moreau'),
    email: detail?.identity.email ?? row?.email ?? 'elodie.dupont-moreau@exemple.fr',
    phone: detail?.identity.phoneNumber ?? null,
  };
}

const invalid = (message: string) => ({ code: 'invalid', message });
const notFound = (message: string) => ({ code: 'notFound', message });

export function fakeDiscovery(
  host: DiscoveryHost,
  options: DiscoveryOptions = {},
): { handlers: DiscoveryHandlers; control: DiscoveryControl } {
  const jobs: FakeJob[] = [];
  let minted = 0;
  // The jobs whose failing source already failed once: it works when resumed.
  const failed = new Set<string>();
  let timer: ReturnType<typeof setInterval> | undefined;

  const names = () => new Map(host.connections().map((c) => [c.id, c.name]));

  const newJob = (id: string, requestId: number, sourceIds: string[], at: string): FakeJob => {
    const subject = subjectOf(host.request(requestId), requestId);
    const base = (jobs.length + 1) * 100;
    const known = names();
    return {
      id,
      requestId,
      createdAt: at,
      updatedAt: at,
      state: 'running',
      live: true,
      sources: sourceIds.map((sid) => ({
        id: sid,
        name: known.get(sid) ?? '?',
        state: 'pending',
        progress: {
          unitsDone: 0,
          unitsTotal: planOf(sid).units,
          items: 0,
          bytes: 0,
          bytesTotal: planOf(sid).bytesTotal,
          findings: 0,
          issues: 0,
          skipped: 0,
        },
      })),
      findings: findingsFor(subject)
        .filter((f) => sourceIds.includes(f.finding.sourceId))
        .map((f, i) => ({ id: base + i + 1, unit: f.unit, finding: f.finding, review: {} })),
      issues: ISSUES.filter((i) => sourceIds.includes(i.sourceId)),
    };
  };

  const visible = (job: FakeJob) =>
    job.findings.filter((f) => {
      const source = job.sources.find((s) => s.id === f.finding.sourceId);
      return source !== undefined && source.progress.unitsDone > f.unit;
    });
  const remaining = (job: FakeJob) => visible(job).filter((f) => !f.review.decision).length;

  const view = (job: FakeJob): JobView => ({
    id: job.id,
    requestId: job.requestId,
    state: job.state,
    live: job.live,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    sources: job.sources.map((s) => ({ ...s, progress: { ...s.progress } })),
  });

  const find = (id: string): FakeJob => {
    const job = jobs.find((j) => j.id === id);
    if (!job) throw notFound(`discovery job ${id} not found`);
    return job;
  };

  // One unit of work for a source: counts, findings and issues grow; the last unit ends it.
  const advance = (job: FakeJob, source: JobSourceView): FailureView | undefined => {
    const plan = planOf(source.id);
    const p = source.progress;
    if (source.state !== 'pending' && source.state !== 'running') return undefined;
    if (options.failingSource === source.id && p.unitsDone === 1 && !failed.has(job.id)) {
      failed.add(job.id);
      source.state = 'failed';
      source.failure = {
        code: 'unreachable',
        message: `${source.name} does not answer: check that the server is on and reachable.`,
      };
      return source.failure;
    }
    source.state = 'running';
    p.unitsDone += 1;
    p.items += plan.itemsPerUnit;
    if (plan.bytesTotal !== null) {
      p.bytes = Math.round((plan.bytesTotal * p.unitsDone) / plan.units);
    }
    p.findings = job.findings.filter(
      (f) => f.finding.sourceId === source.id && f.unit < p.unitsDone,
    ).length;
    if (p.unitsDone === plan.units) {
      source.state = 'done';
      p.issues = job.issues.filter((i) => i.sourceId === source.id).length;
      p.skipped = plan.skipped;
    }
    return undefined;
  };

  const tickJob = async (job: FakeJob) => {
    for (const source of job.sources) {
      if (source.state !== 'pending' && source.state !== 'running') continue;
      const failure = advance(job, source);
      const left = (planOf(source.id).units - source.progress.unitsDone) * SECONDS_PER_UNIT;
      await host.emit('job_progress', {
        jobId: job.id,
        sourceId: source.id,
        state: source.state,
        progress: { ...source.progress },
        ...(source.state === 'running' ? { etaSeconds: left } : {}),
        ...(failure ? { failure } : {}),
      });
    }
    job.updatedAt = new Date().toISOString();
    if (job.sources.every((s) => s.state === 'done' || s.state === 'failed')) {
      job.live = false;
      job.state = job.sources.every((s) => s.state === 'failed') ? 'failed' : 'done';
      await host.emit('job_finished', { jobId: job.id, state: job.state });
    }
  };

  const tick = async () => {
    for (const job of jobs.filter((j) => j.live)) await tickJob(job);
    if (timer && !jobs.some((j) => j.live)) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  const startClock = () => {
    if ((options.tickMs ?? 0) > 0 && !timer) {
      timer = setInterval(() => void tick(), options.tickMs);
    }
  };

  // The sample jobs: one finished two days ago, one interrupted when the app was closed.
  if (!options.noJobs) {
    const done = newJob(
      SAMPLE_DONE_JOB,
      1001,
      [RH_ID, CLIENTS_ID, BOUTIQUE_ID],
      '2026-12-01T09:15:00Z',
    );
    while (done.sources.some((s) => s.state === 'pending' || s.state === 'running')) {
      for (const s of done.sources) advance(done, s);
    }
    Object.assign(done, { state: 'done', live: false, updatedAt: '2026-12-01T09:19:40Z' });
    jobs.push(done);

    const stopped = newJob(
      SAMPLE_INTERRUPTED_JOB,
      1002,
      [RH_ID, CLIENTS_ID],
      '2026-12-02T16:02:00Z',
    );
    advance(stopped, stopped.sources[0]!);
    advance(stopped, stopped.sources[1]!);
    Object.assign(stopped, { live: false, updatedAt: '2026-12-02T16:03:10Z' });
    jobs.push(stopped);

    if (options.bigJob) {
      // The finished job's findings, copied over as many files of its first source.
      const source = done.sources[0]!;
      const big: FakeJob = {
        ...done,
        id: SAMPLE_BIG_JOB,
        sources: [
          {
            ...source,
            progress: {
              ...source.progress,
              unitsDone: options.bigJob,
              unitsTotal: options.bigJob,
              findings: options.bigJob,
            },
          },
        ],
        findings: Array.from({ length: options.bigJob }, (_, i) => {
          const model = done.findings[i % done.findings.length]!;
          return {
            id: 10_000 + i,
            unit: i,
            review: {},
            finding: {
              ...model.finding,
              sourceId: source.id,
              location: {
                type: 'file',
                path: `archives/lot-${Math.floor(i / 100)}/note-${i}.txt`,
                line: 3,
              },
            },
          };
        }),
      };
      jobs.push(big);
    }
  }

  const update = (job: FakeJob, ids: number[]) => ({
    reviews: ids.map((id) => ({
      id,
      review: { ...(job.findings.find((f) => f.id === id)?.review ?? {}) },
    })),
    remaining: remaining(job),
  });

  const handlers: DiscoveryHandlers = {
    discovery_prepare: (req) => {
      const detail = host.request(req.requestId);
      if (!detail) throw notFound(`data subject request ${req.requestId} not found`);
      return {
        requestId: req.requestId,
        identifiers: identifiersOf(detail),
        sources: host
          .connections()
          .filter((c) => c.kind !== 'dastraWorkspace')
          .map((c) => ({
            connectionId: c.id,
            name: c.name,
            kind: c.kind,
            scope: scopeOf(c.settings),
            searchable: c.kind !== 'restApi',
          })),
        jobs: jobs
          .filter((j) => j.requestId === req.requestId)
          .map(view)
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      };
    },
    discovery_start: (req) => {
      if (req.identifiers.filter((i) => i.value.trim() !== '').length === 0) {
        throw {
          ...invalid('there is nothing to search for: add at least one identifier of the person'),
          fields: [
            {
              field: 'identifiers',
              problem: 'is empty',
              fix: 'add at least one identifier of the person',
            },
          ],
        };
      }
      if (req.sourceIds.length === 0) {
        throw {
          ...invalid('no source is chosen: tick at least one connection to search'),
          fields: [
            {
              field: 'sourceIds',
              problem: 'is empty',
              fix: 'tick at least one connection to search',
            },
          ],
        };
      }
      const all = host.connections();
      for (const id of req.sourceIds) {
        const c = all.find((x) => x.id === id);
        if (!c) throw notFound(`connection ${id} not found`);
        if (c.kind === 'restApi') {
          throw invalid(
            `${c.name} is an HTTP API, searched from the command line with a recipe: leave it out of the search`,
          );
        }
      }
      minted += 1;
      const job = newJob(`job-${minted}`, req.requestId, req.sourceIds, new Date().toISOString());
      jobs.push(job);
      startClock();
      return view(job);
    },
    discovery_recent: () => ({
      jobs: [...jobs]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, 50)
        .map(view),
    }),
    discovery_job: (req) => view(find(req.jobId)),
    discovery_cancel: (req) => {
      const job = find(req.jobId);
      if (job.live) {
        for (const s of job.sources) {
          if (s.state === 'pending' || s.state === 'running') {
            s.state = 'cancelled';
            void host.emit('job_progress', {
              jobId: job.id,
              sourceId: s.id,
              state: s.state,
              progress: { ...s.progress },
            });
          }
        }
        job.state = 'cancelled';
        job.live = false;
        void host.emit('job_finished', { jobId: job.id, state: 'cancelled' });
      }
      return view(job);
    },
    discovery_resume: (req) => {
      const job = find(req.jobId);
      if (!job.live) {
        for (const s of job.sources) {
          if (s.state !== 'done') {
            s.state = 'pending';
            delete s.failure;
          }
        }
        job.state = 'running';
        job.live = true;
        startClock();
      }
      return view(job);
    },
    review_list: (req) => {
      const job = find(req.jobId);
      const all = visible(job);
      const offset = req.offset ?? 0;
      const end = req.limit === undefined ? all.length : offset + req.limit;
      return {
        job: view(job),
        findings: all.slice(offset, end).map(({ id, finding, review }) => ({
          id,
          finding,
          review: { ...review },
        })),
        offset,
        total: all.length,
        issues: job.issues.filter(
          (i) => job.sources.find((s) => s.id === i.sourceId)?.state === 'done',
        ),
        remaining: remaining(job),
      };
    },
    review_decide: (req) => {
      const job = find(req.jobId);
      const d = req.decision;
      if (d?.decision === 'exclude' && d.reason === 'other' && !d.note?.trim()) {
        throw invalid('excluding for another reason needs a note saying which');
      }
      const targets = req.findingIds.map((id) => {
        const f = job.findings.find((x) => x.id === id);
        if (!f) throw notFound(`finding ${id} not found`);
        return f;
      });
      for (const f of targets) {
        const review: Review = { ...f.review, reviewer: 'dpo' };
        if (d) review.decision = d;
        else delete review.decision;
        f.review = review;
      }
      return update(job, req.findingIds);
    },
    review_redact: (req) => {
      const job = find(req.jobId);
      const f = job.findings.find((x) => x.id === req.findingId);
      if (!f) throw notFound(`finding ${req.findingId} not found`);
      f.review = {
        ...f.review,
        redactions: req.redactions.map((r) => ({ ...r })),
        reviewer: 'dpo',
      };
      return update(job, [req.findingId]);
    },
  };

  return {
    handlers,
    control: {
      tick,
      runAll: async () => {
        for (let i = 0; i < 50 && jobs.some((j) => j.live); i += 1) await tick();
      },
    },
  };
}
