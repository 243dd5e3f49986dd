// A fake backend behind `mockIPC`: it answers every command the way the Rust side does (same
// types, 1-based paging, Dastra-side filtering, the vault's rules for connections) over the
// sample data, and records each request and answer so tests can check what the UI asked for
// and what it was told. The connection commands live in fakeConnections.ts.

import { emit as tauriEmit } from '@tauri-apps/api/event';
import { mockIPC } from '@tauri-apps/api/mocks';

import type { Commands } from '../bindings/commands';
import type { ErrorCode } from '../bindings/ErrorCode';
import type { FieldError } from '../bindings/FieldError';
import type { Language } from '../bindings/Language';
import type { LanguagePreference } from '../bindings/LanguagePreference';
import type { SourceRefusal } from '../bindings/SourceRefusal';
import type { WorkspaceInfo } from '../bindings/WorkspaceInfo';
import { fakeConnections, type ConnectionOptions } from './fakeConnections';
import { fakeDiscovery, type DiscoveryControl, type DiscoveryOptions } from './fakeDiscovery';
import { fakeEvidence, type EvidenceControl, type EvidenceOptions } from './fakeEvidence';
import { fakeImports, type ImportsControl, type ImportsOptions } from './fakeImports';
import { fakeMapping, type MappingControl } from './fakeMapping';
import { ACTORS, APP_INFO, ASSETS, CONTRACTS, DSARS, dsarDetail } from './fixtures';

type Name = keyof Commands;
type Handler<K extends Name> = (
  req: Commands[K]['request'],
) => Commands[K]['response'] | Promise<Commands[K]['response']>;

export type FakeBackend = {
  /** Every command received, in order. */
  calls: { cmd: string; req: unknown }[];
  /** Every answer given, in order (failures are not answers). */
  responses: { cmd: string; res: unknown }[];
  /** The requests received for one command. */
  requests<K extends Name>(cmd: K): Commands[K]['request'][];
  /** The last request received for one command. */
  last<K extends Name>(cmd: K): Commands[K]['request'] | undefined;
  /**
   * Make the next calls of `cmd` fail with `{code, message}` (and, for settings refused field
   * by field, `fields`; for a source that cannot be read, its `refusal`) until `recover()`.
   */
  fail(
    cmd: Name,
    code: ErrorCode,
    message: string,
    fields?: FieldError[],
    refusal?: SourceRefusal,
  ): void;
  recover(): void;
  /** Emit a backend event to the UI. */
  emit(event: string, payload: unknown): Promise<void>;
  /** The discovery jobs' clock (see fakeDiscovery.ts). */
  discovery: DiscoveryControl;
  /** The audit log and what was attached (see fakeEvidence.ts). */
  evidence: EvidenceControl;
  /** The import plans (see fakeImports.ts). */
  imports: ImportsControl;
  /** The files the studio can open and the saved profiles (see fakeMapping.ts). */
  mapping: MappingControl;
  /**
   * The desktop's file chooser: the path it answers next (`null`: closed without a choice),
   * and the options of each time it was opened.
   */
  chooser: {
    answer: string | null;
    /** Set: the chooser fails to open with this reason (as when no desktop portal runs). */
    failure?: string;
    opened: { kind: 'open' | 'save'; options: unknown }[];
  };
};

type Options = ConnectionOptions & {
  systemLanguage?: Language;
  preference?: LanguagePreference;
  dsars?: typeof DSARS;
  isSandbox?: boolean;
  /** How long connection tests and workspace listings take (the mock window shows them). */
  latencyMs?: number;
  discovery?: DiscoveryOptions;
  evidence?: EvidenceOptions;
  imports?: ImportsOptions;
};

export function installFakeBackend(options: Options = {}): FakeBackend {
  const system = options.systemLanguage ?? 'fr';
  let preference: LanguagePreference = options.preference ?? 'system';
  const failures = new Map<
    string,
    { code: ErrorCode; message: string; fields?: FieldError[]; refusal?: SourceRefusal }
  >();
  const calls: { cmd: string; req: unknown }[] = [];
  const responses: { cmd: string; res: unknown }[] = [];
  const sandbox: WorkspaceInfo = { ...APP_INFO.workspace, isSandbox: options.isSandbox ?? true };
  let workspace = sandbox;

  // The main workspace holds every sample request; any other one, a quarter of them.
  const dsarsOf = () => {
    const all = options.dsars ?? DSARS;
    return workspace.workspaceId === sandbox.workspaceId ? all : all.filter((r) => r.id % 4 === 1);
  };

  const info = () => ({
    ...APP_INFO,
    workspace,
    language: preference === 'system' ? system : preference,
    languagePreference: preference,
  });

  // Sent through the mocked IPC at once, so an event never outlives the test that caused it.
  const emit = (event: string, payload: unknown) => tauriEmit(event, payload);

  const connections = fakeConnections(
    {
      workspace: () => workspace,
      sandbox,
      switchTo: (next) => {
        workspace = next;
        void emit('workspace_changed', { workspace: next });
      },
      info,
      latencyMs: options.latencyMs ?? 0,
    },
    options,
  );

  const discovery = fakeDiscovery(
    {
      request: (id) => {
        const row = dsarsOf().find((r) => r.id === id);
        return row ? dsarDetail(row) : null;
      },
      connections: () => {
        const list = connections.connections_list({});
        if (list instanceof Promise) throw new Error('BUG: connections_list answers at once');
        return list.items;
      },
      emit,
    },
    options.discovery,
  );

  const evidence = fakeEvidence(
    {
      review: (jobId) => discovery.handlers.review_list({ jobId }),
      requestState: (id) => {
        const row = dsarsOf().find((r) => r.id === id);
        return row ? evidence.control.decorate(dsarDetail(row)).summary.state : null;
      },
      emit,
    },
    options.evidence,
  );

  const imports = fakeImports(emit, options.imports);
  const mapping = fakeMapping();

  const handlers: { [K in Name]: Handler<K> } = {
    ...evidence.handlers,
    ...imports.handlers,
    ...mapping.handlers,
    app_info: () => info(),
    settings_update: (req) => {
      if (req.language) preference = req.language;
      return info();
    },
    dsar_list: (req) => {
      const q = fold(req.q);
      let rows = dsarsOf().filter(
        (r) =>
          (q === '' || fold(`${r.requester} ${r.title} ${r.email ?? ''}`).includes(q)) &&
          (req.states.length === 0 || req.states.includes(r.state)) &&
          (req.purposes.length === 0 || r.purposes.some((p) => req.purposes.includes(p))) &&
          (!req.overdueOnly || r.overdue),
      );
      rows = sortRows(rows, req.sortBy, req.asc);
      return { ...page(rows, req.page, req.size), page: req.page, size: req.size };
    },
    dsar_get: (req) => {
      const row = dsarsOf().find((r) => r.id === req.id);
      if (!row) throw { code: 'notFound', message: `data subject request ${req.id} not found` };
      return evidence.control.decorate(dsarDetail(row));
    },
    asset_list: (req) => ({
      ...page(
        ASSETS.filter((a) => fold(a.label).includes(fold(req.q))),
        req.page,
        req.size,
      ),
      page: req.page,
      size: req.size,
    }),
    actor_list: (req) => ({
      ...page(
        ACTORS.filter((a) => fold(a.name).includes(fold(req.q))),
        req.page,
        req.size,
      ),
      page: req.page,
      size: req.size,
    }),
    contract_list: (req) => ({
      ...page(
        CONTRACTS.filter((c) => fold(c.label).includes(fold(req.q))),
        req.page,
        req.size,
      ),
      page: req.page,
      size: req.size,
    }),
    ...connections,
    ...discovery.handlers,
  };

  // What the backend writes to the audit log after each command (the evidence ones write their own).
  const audit = (cmd: string, req: unknown, res: unknown) => {
    const job = res as { id?: string; requestId?: number; job?: { id: string; requestId: number } };
    const record = (action: string, counts: [string, number][] = []) => {
      const of =
        job.job ?? (job.id && job.requestId ? { id: job.id, requestId: job.requestId } : null);
      evidence.control.record({
        actor: 'dpo@cabinet-lumen.fr',
        action,
        ...(of ? { requestId: of.requestId, job: of.id } : {}),
        counts,
      });
    };
    const sources = () => (res as { sources?: unknown[] }).sources?.length ?? 0;
    if (cmd === 'discovery_start') record('discoveryStarted', [['sources', sources()]]);
    if (cmd === 'discovery_resume') record('discoveryResumed', [['sources', sources()]]);
    if (cmd === 'discovery_cancel') record('discoveryCancelled');
    // A running job's review is read again every few seconds: one entry once it has stopped.
    const reading = res as { job: { live: boolean }; offset: number; total: number };
    if (cmd === 'review_list' && !reading.job.live && reading.offset === 0) {
      record('findingsViewed', [['findings', reading.total]]);
    }
    if (cmd === 'review_decide' || cmd === 'review_redact') {
      const reviews = (res as { reviews: unknown[] }).reviews.length;
      const { jobId } = req as { jobId: string };
      const requestId = discovery.handlers.discovery_job({ jobId }).requestId;
      evidence.control.record({
        actor: 'dpo@cabinet-lumen.fr',
        action: 'findingReviewed',
        requestId,
        job: jobId,
        counts: [['findings', reviews]],
      });
    }
    if (cmd === 'connections_test') record('connectionTested');
  };

  const chooser: FakeBackend['chooser'] = { answer: null, opened: [] };

  mockIPC(
    async (cmd, payload) => {
      if (cmd === 'plugin:dialog|open' || cmd === 'plugin:dialog|save') {
        const options = (payload as { options?: unknown } | undefined)?.options;
        chooser.opened.push({ kind: cmd.endsWith('open') ? 'open' : 'save', options });
        if (chooser.failure !== undefined) throw chooser.failure;
        return chooser.answer;
      }
      const req = (payload as { req?: unknown } | undefined)?.req;
      calls.push({ cmd, req });
      const failure = failures.get(cmd);
      if (failure) throw failure;
      const handler = handlers[cmd as Name] as ((r: unknown) => unknown) | undefined;
      if (!handler) throw { code: 'unsupported', message: `no command named ${cmd}` };
      const res = await handler(req);
      responses.push({ cmd, res });
      audit(cmd, req, res);
      return res;
    },
    { shouldMockEvents: true },
  );

  return {
    calls,
    responses,
    requests: <K extends Name>(cmd: K) =>
      calls.filter((c) => c.cmd === cmd).map((c) => c.req as Commands[K]['request']),
    last: <K extends Name>(cmd: K) =>
      calls
        .filter((c) => c.cmd === cmd)
        .map((c) => c.req as Commands[K]['request'])
        .at(-1),
    fail: (cmd, code, message, fields, refusal) =>
      void failures.set(cmd, {
        code,
        message,
        ...(fields ? { fields } : {}),
        ...(refusal ? { refusal } : {}),
      }),
    recover: () => failures.clear(),
    emit,
    discovery: discovery.control,
    evidence: evidence.control,
    imports: imports.control,
    mapping: mapping.control,
    chooser,
  };
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

function page<T>(rows: T[], pageNo: number, size: number) {
  return { items: rows.slice((pageNo - 1) * size, pageNo * size), total: rows.length };
}

function sortRows(rows: typeof DSARS, sortBy: string | undefined, asc: boolean) {
  const key = (r: (typeof DSARS)[number]): string => {
    switch (sortBy) {
      case 'familyName':
        return r.requester.split(' ').slice(1).join(' ');
      case 'title':
        return r.title;
      case 'state':
        return r.state;
      case 'dateCreation':
        return r.created ?? '';
      default:
        return r.dueDate ?? '';
    }
  };
  const sorted = [...rows].sort((a, b) => key(a).localeCompare(key(b)));
  return asc ? sorted : sorted.reverse();
}
