// The evidence package, its upload to a request, and the audit log, in the fake backend. A
// package is built from a job's reviews (as `review_list` answers them) with a short French
// report; attaching remembers each request's file names and answers `alreadyAttached` the second
// time, as the Rust side does after a retry; the audit log records what the other fake commands
// did, hash-chained like the real one, and can be made to look tampered with for a test.

import type { AttachmentRow } from '../bindings/AttachmentRow';
import type { AuditEntryView } from '../bindings/AuditEntryView';
import type { Commands } from '../bindings/commands';
import type { DsarDetail } from '../bindings/DsarDetail';
import type { PackageFile } from '../bindings/PackageFile';
import type { PackageView } from '../bindings/PackageView';
import type { ReviewList } from '../bindings/ReviewList';
import { SAMPLE_DONE_JOB, SAMPLE_INTERRUPTED_JOB } from './fakeDiscovery';

export type EvidenceCommand =
  | 'package_build'
  | 'package_attach'
  | 'package_get'
  | 'dsar_workflow'
  | 'audit_list'
  | 'audit_verify'
  | 'audit_export';

export type EvidenceHandlers = {
  [K in EvidenceCommand]: (req: Commands[K]['request']) => Commands[K]['response'];
};

/** What the evidence commands need from the rest of the fake backend. */
export type EvidenceHost = {
  /** A job's review, as `review_list` answers it (throws notFound). */
  review: (jobId: string) => ReviewList;
  /** A request's current state in Dastra, or null when there is no such request. */
  requestState: (id: number) => string | null;
  /** Send a backend event to the window. */
  emit: (event: string, payload: unknown) => Promise<void>;
};

/** The requests' workflow, as the sandbox seeds it. */
export const WORKFLOW_STEPS = [
  { id: 1, label: 'Nouvelle demande', mappedState: 'Open', finalStep: false },
  { id: 2, label: 'Vérification d’identité', mappedState: 'IdentityValidation', finalStep: false },
  { id: 3, label: 'En cours de traitement', mappedState: 'Processing', finalStep: false },
  { id: 4, label: 'Réponse envoyée', mappedState: 'Closed', finalStep: true },
];

export type EvidenceOptions = {
  /** Verification finds the chain broken at this entry. */
  brokenAt?: number;
  /** How many made-up entries the log starts with (the sample jobs' history and more). */
  seedEntries?: number;
};

/** Driving the audit log from a test or from the rest of the fake. */
export type EvidenceControl = {
  /** Add an entry to the log, as the backend does after an action. */
  record(entry: Omit<AuditEntryView, 'seq' | 'hash' | 'time'> & { time?: string }): void;
  /** Make verification find the chain broken at `seq` (undefined: intact again). */
  breakAt(seq: number | undefined): void;
  /** A request as Dastra now holds it: the packages attached and the state chosen. */
  decorate(detail: DsarDetail): DsarDetail;
};

const STATES = ['Open', 'IdentityValidation', 'Processing', 'Active', 'Closed'];
const DEFAULT_LIMIT = 50;
const ACTOR = 'dpo@cabinet-lumen.fr';

/** A made-up 64-digit hex digest of `text` (FNV-1a, run four times): stable, not secure. */
export function fakeSha256(text: string): string {
  let out = '';
  for (let round = 0; round < 4; round += 1) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i += 1) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    const a = h.toString(16).padStart(8, '0');
    const b = Math.imul(h ^ 0x5bd1e995, 0x27d4eb2d) >>> 0;
    out += a + b.toString(16).padStart(8, '0');
  }
  return out;
}

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The report a DPO reads before sending: self-contained HTML, inline CSS, no script. */
function reportHtml(list: ReviewList, counts: Pick<PackageView, 'included' | 'excluded'>): string {
  const included = list.findings.filter((f) => f.review.decision?.decision === 'include');
  const rows = included
    .map((f) => {
      const source = list.job.sources.find((s) => s.id === f.finding.sourceId)?.name ?? '?';
      const loc = f.finding.location;
      const where = loc.type === 'row' ? loc.table : loc.type === 'file' ? loc.path : loc.recipe;
      const cells = [source, where, f.finding.reasonFr].map((c) => `<td>${escape(c)}</td>`);
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return [
    '<!doctype html><html lang="fr"><head><meta charset="utf-8">',
    '<title>Réponse à votre demande d’accès</title>',
    '<style>body{font:14px/1.5 sans-serif;margin:2em;color:#1c2433}',
    'table{border-collapse:collapse;width:100%}td,th{border:1px solid #d5dae3;padding:4px 8px;text-align:left}</style>',
    '</head><body>',
    `<h1>Réponse à la demande n° ${list.job.requestId}</h1>`,
    '<p>Nous avons recherché les données vous concernant dans nos systèmes. ',
    'Voici ce que nous avons trouvé et ce que nous vous communiquons.</p>',
    `<p>${counts.included} éléments communiqués, ${counts.excluded} écartés.</p>`,
    `<table><thead><tr><th>Source</th><th>Emplacement</th><th>Pourquoi</th></tr></thead><tbody>${rows}</tbody></table>`,
    '</body></html>',
  ].join('');
}

export function fakeEvidence(
  host: EvidenceHost,
  options: EvidenceOptions = {},
): { handlers: EvidenceHandlers; control: EvidenceControl } {
  const log: AuditEntryView[] = [];
  let brokenAt = options.brokenAt;
  const built = new Map<string, PackageView>();
  const attached = new Map<number, AttachmentRow[]>();
  const changed = new Map<
    number,
    { state?: string; resolutionMessage?: string; workflowStep?: number }
  >();
  const byJob = new Map<string, PackageView>();
  let exports = 0;

  const record: EvidenceControl['record'] = (entry) => {
    const seq = log.length + 1;
    const time = entry.time ?? new Date().toISOString();
    const previous = log.at(-1)?.hash ?? '';
    const full = { ...entry, seq, time, counts: entry.counts.map(([n, c]) => [n, c]) };
    const hash = fakeSha256(previous + JSON.stringify(full));
    log.push({ ...(full as Omit<AuditEntryView, 'hash'>), hash });
  };

  // The history of the sample jobs, then, for paging, earlier connection tests.
  const seed = options.seedEntries ?? 30;
  const start = Date.parse('2026-11-20T08:00:00Z');
  for (let i = 0; i < Math.max(0, seed - 6); i += 1) {
    record({
      actor: ACTOR,
      action: 'connectionTested',
      counts: [],
      time: new Date(start + i * 3_600_000).toISOString(),
    });
  }
  if (seed >= 6) {
    const at = (t: string) => `2026-12-0${t}Z`;
    const job = SAMPLE_DONE_JOB;
    record({
      actor: ACTOR,
      action: 'discoveryStarted',
      requestId: 1001,
      job,
      counts: [['sources', 3]],
      time: at('1T09:15:00'),
    });
    record({
      actor: ACTOR,
      action: 'findingsViewed',
      requestId: 1001,
      job,
      counts: [['findings', 6]],
      time: at('1T09:21:00'),
    });
    record({
      actor: ACTOR,
      action: 'discoveryStarted',
      requestId: 1002,
      job: SAMPLE_INTERRUPTED_JOB,
      counts: [['sources', 2]],
      time: at('2T16:02:00'),
    });
    record({
      actor: ACTOR,
      action: 'importPlanned',
      counts: [
        ['created', 12],
        ['updated', 3],
      ],
      time: at('2T17:30:00'),
    });
    record({
      actor: ACTOR,
      action: 'importApplied',
      counts: [
        ['created', 12],
        ['updated', 3],
      ],
      time: at('2T17:34:00'),
    });
    record({ actor: ACTOR, action: 'legacyAction', counts: [], time: at('2T18:00:00') });
  }

  const build = (jobId: string): PackageView => {
    const list = host.review(jobId);
    if (list.job.live) {
      throw { code: 'invalid', message: 'the search is still running: wait for it to finish' };
    }
    const decided = (d: string) => list.findings.filter((f) => f.review.decision?.decision === d);
    const counts = {
      included: decided('include').length,
      excluded: decided('exclude').length,
      undecided: list.remaining,
      redactions: list.findings.reduce((n, f) => n + (f.review.redactions?.length ?? 0), 0),
    };
    const html = reportHtml(list, counts);
    const manifest = JSON.stringify({ jobId, requestId: list.job.requestId, ...counts });
    const data = JSON.stringify(decided('include').map((f) => f.finding));
    const file = (name: string, text: string): PackageFile => ({
      name,
      sha256: fakeSha256(text),
      bytes: new TextEncoder().encode(text).length,
    });
    const files = [
      file('manifest.json', manifest),
      file('rapport.html', html),
      file('donnees.json', data),
    ];
    const digest = fakeSha256(manifest + html + data);
    const view: PackageView = {
      jobId,
      requestId: list.job.requestId,
      fileName: `passerelle-dsar-${list.job.requestId}-${digest.slice(0, 8)}.zip`,
      path: `/home/dpo/.local/share/passerelle/packages/${jobId}.zip`,
      bytes: files.reduce((n, f) => n + f.bytes, 0) + 412,
      sha256: digest,
      files,
      ...counts,
      reportName: 'rapport.html',
      reportHtml: html,
    };
    built.set(view.fileName, view);
    byJob.set(jobId, view);
    record({
      actor: ACTOR,
      action: 'packageBuilt',
      requestId: view.requestId,
      job: jobId,
      counts: [
        ['included', counts.included],
        ['excluded', counts.excluded],
        ['redacted', counts.redactions],
      ],
    });
    return view;
  };

  const handlers: EvidenceHandlers = {
    package_build: (req) => build(req.jobId),
    package_get: (req) => {
      const pkg = byJob.get(req.jobId);
      return pkg ? { package: pkg } : {};
    },
    dsar_workflow: (req) => {
      if (host.requestState(req.requestId) === null) {
        throw { code: 'notFound', message: `data subject request ${req.requestId} not found` };
      }
      const current = changed.get(req.requestId)?.workflowStep ?? 1;
      return { steps: WORKFLOW_STEPS, current };
    },
    audit_export: (req) => {
      const format = req.format.toLowerCase();
      if (format !== 'json' && format !== 'csv') {
        throw { code: 'invalid', message: `${req.format} is not an export format` };
      }
      exports += 1;
      const entries = log.length;
      const head = log.at(-1);
      const path =
        req.path ?? `/home/dpo/Téléchargements/passerelle-audit-2026120${exports}-101500.${format}`;
      record({ actor: ACTOR, action: 'auditExported', counts: [['entries', entries]] });
      return { path, entries, ...(head ? { head: `${head.seq}:${head.hash}` } : {}) };
    },
    package_attach: (req) => {
      const current = host.requestState(req.requestId);
      if (current === null) {
        throw { code: 'notFound', message: `data subject request ${req.requestId} not found` };
      }
      const pkg = built.get(req.fileName);
      if (!pkg || pkg.requestId !== req.requestId) {
        throw {
          code: 'notFound',
          message: `no package ${req.fileName} for this request: build it again`,
        };
      }
      if (req.state !== undefined && !STATES.includes(req.state)) {
        throw { code: 'invalid', message: `${req.state} is not a request state` };
      }
      const files = attached.get(req.requestId) ?? [];
      let row = files.find((f) => f.fileName === req.fileName);
      const alreadyAttached = row !== undefined;
      if (!row) {
        row = {
          id: `att-${req.requestId}-${files.length + 1}`,
          fileName: req.fileName,
          size: pkg.bytes,
          created: new Date().toISOString(),
        };
        attached.set(req.requestId, [...files, row]);
        // The upload's progress, as the backend sends it: a half, then every byte.
        const total = pkg.bytes;
        void host.emit('attach_progress', {
          requestId: req.requestId,
          fileName: req.fileName,
          sent: Math.floor(total / 2),
          total,
        });
        void host.emit('attach_progress', {
          requestId: req.requestId,
          fileName: req.fileName,
          sent: total,
          total,
        });
        record({
          actor: ACTOR,
          action: 'attachmentUploaded',
          requestId: req.requestId,
          job: pkg.jobId,
          counts: [['files', 1]],
        });
      }
      const before = changed.get(req.requestId) ?? {};
      const after = { ...before };
      let changes = 0;
      if (req.state !== undefined && req.state !== current) {
        after.state = req.state;
        changes += 1;
      }
      if (
        req.resolutionMessage !== undefined &&
        req.resolutionMessage !== before.resolutionMessage
      ) {
        after.resolutionMessage = req.resolutionMessage;
        changes += 1;
      }
      if (req.workflowStep !== undefined && req.workflowStep !== (before.workflowStep ?? 1)) {
        if (!WORKFLOW_STEPS.some((s) => s.id === req.workflowStep)) {
          throw { code: 'invalid', message: `${req.workflowStep} is not a workflow step` };
        }
        after.workflowStep = req.workflowStep;
        changes += 1;
      }
      changed.set(req.requestId, after);
      if (changes > 0) {
        record({
          actor: ACTOR,
          action: 'requestUpdated',
          requestId: req.requestId,
          counts: [['updated', changes]],
        });
      }
      return { attachmentId: row.id, alreadyAttached, changes, state: after.state ?? current };
    },
    audit_list: (req) => {
      const matching = log
        .filter((e) => req.requestId === undefined || e.requestId === req.requestId)
        .reverse();
      const limit = req.limit ?? DEFAULT_LIMIT;
      return { entries: matching.slice(req.offset, req.offset + limit), total: matching.length };
    },
    audit_verify: () => {
      const head = log.at(-1);
      const headText = head ? `${head.seq}:${head.hash}` : undefined;
      if (brokenAt !== undefined) {
        return {
          entries: log.length,
          ok: false,
          brokenAt,
          reason: `entry ${brokenAt} does not hash to what entry ${brokenAt + 1} says it follows`,
          ...(headText ? { head: headText } : {}),
        };
      }
      return { entries: log.length, ok: true, ...(headText ? { head: headText } : {}) };
    },
  };

  const decorate = (detail: DsarDetail): DsarDetail => {
    const id = detail.summary.id;
    const change = changed.get(id);
    return {
      ...detail,
      summary: change?.state ? { ...detail.summary, state: change.state } : detail.summary,
      resolutionMessage: change?.resolutionMessage ?? detail.resolutionMessage,
      attachments: [...detail.attachments, ...(attached.get(id) ?? [])],
    };
  };

  return { handlers, control: { record, breakAt: (seq) => void (brokenAt = seq), decorate } };
}
