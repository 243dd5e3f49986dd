// The connection commands of the fake backend: an in-memory vault with the same rules as the
// Rust one (the sandbox first and untouchable, ids the vault mints, the kind fixed once saved,
// secrets in a keyring apart that no answer ever reads back), tests by kind
// (fakeConnectionTests.ts), export and import without secrets, and workspace switching.

import type { AppInfo } from '../bindings/AppInfo';
import type { Commands } from '../bindings/commands';
import type { ConnectionView } from '../bindings/ConnectionView';
import type { FieldError } from '../bindings/FieldError';
import type { LastTest } from '../bindings/LastTest';
import type { SecretStatus } from '../bindings/SecretStatus';
import type { Settings } from '../bindings/Settings';
import type { TestReport } from '../bindings/TestReport';
import type { WorkspaceInfo } from '../bindings/WorkspaceInfo';
import { dastraLogin, runTest, sandboxReport } from './fakeConnectionTests';
import { validateProfile } from './fakeValidate';
import {
  CONNECTION_SECRETS,
  CONNECTIONS,
  DASTRA_WORKSPACES,
  SANDBOX_PROFILE,
  type FakeProfile,
} from './fixtures';

export type ConnectionCommand =
  | 'connections_list'
  | 'connections_save'
  | 'connections_delete'
  | 'connections_test'
  | 'connections_test_draft'
  | 'connections_secret_delete'
  | 'connections_export'
  | 'connections_import'
  | 'dastra_workspaces'
  | 'workspace_switch';

type Answer<K extends ConnectionCommand> =
  Commands[K]['response'] | Promise<Commands[K]['response']>;

export type ConnectionHandlers = {
  [K in ConnectionCommand]: (req: Commands[K]['request']) => Answer<K>;
};

/** What the connection commands need from the rest of the fake backend. */
export type ConnectionHost = {
  /** The workspace every screen looks at now. */
  workspace: () => WorkspaceInfo;
  /** The sandbox's workspace, to go back to. */
  sandbox: WorkspaceInfo;
  /** Make `workspace` the current one and emit `workspace_changed`. */
  switchTo: (workspace: WorkspaceInfo) => void;
  info: () => AppInfo;
  /** How long a connection test or a workspace listing takes, in milliseconds. */
  latencyMs: number;
};

export type ConnectionOptions = {
  /** The saved connections at start (the sandbox is always there); CONNECTIONS by default. */
  connections?: FakeProfile[];
  /** The keyring at start, by connection id; CONNECTION_SECRETS by default. */
  secrets?: Record<string, string>;
};

type IpcFailure = { code: string; message: string; fields?: FieldError[] };

const EXPORT_FORMAT = 'passerelle-connections';

export function fakeConnections(
  host: ConnectionHost,
  options: ConnectionOptions = {},
): ConnectionHandlers {
  const stored: FakeProfile[] = JSON.parse(JSON.stringify(options.connections ?? CONNECTIONS));
  const keyring = new Map(Object.entries(options.secrets ?? CONNECTION_SECRETS));
  let minted = 0;

  const list = (): FakeProfile[] => [
    SANDBOX_PROFILE,
    ...[...stored].sort(
      (a, b) =>
        a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id),
    ),
  ];
  const items = () => ({ items: list().map(view) });

  function find(id: string): FakeProfile {
    const profile = list().find((p) => p.id === id);
    if (!profile) throw fail('notFound', `vault: no connection "${id}": list the connections`);
    return profile;
  }

  function editable(id: string, action: string): FakeProfile {
    if (id === SANDBOX_PROFILE.id) {
      throw fail('invalid', `vault: the built-in sandbox connection cannot be ${action}`);
    }
    return find(id);
  }

  function view(p: FakeProfile): ConnectionView {
    return {
      id: p.id,
      name: p.name,
      kind: p.settings.kind,
      settings: p.settings,
      secretStatus: statusOf(p, keyring.has(p.id)),
      builtin: p.builtin,
      current: host.workspace().connectionId === p.id,
      updated: p.updated,
      ...(p.lastTest ? { lastTest: p.lastTest } : {}),
    };
  }

  /** Where `p` leads when it becomes the current workspace, or why it cannot. */
  function target(p: FakeProfile): WorkspaceInfo {
    if (p.builtin) return host.sandbox;
    if (p.settings.kind !== 'dastraWorkspace') {
      const msg = `"${p.name}" is a ${p.settings.kind} connection, not a Dastra workspace: pick a Dastra workspace`;
      throw fail('invalid', msg);
    }
    const s = p.settings.settings;
    const secret = keyring.get(p.id);
    if (!secret) {
      const msg = `no key is stored for "${p.name}": open the connection, enter its key and save`;
      throw fail('invalid', msg);
    }
    const refused = dastraLogin(s, secret);
    if (refused)
      throw fail(refused.code === 'unreachable' ? 'unreachable' : 'unauthorized', refused.message);
    const workspace = DASTRA_WORKSPACES.find((w) => w.id === s.workspaceId);
    if (!workspace) {
      const msg = `the key of this connection cannot open workspace #${s.workspaceId}: test the connection and pick one of the workspaces it lists`;
      throw fail('notFound', msg);
    }
    const baseUrl = s.baseUrl.replace(/\/+$/, '');
    return {
      label: workspace.label,
      workspaceId: s.workspaceId,
      baseUrl,
      isSandbox: false,
      connectionId: p.id,
    };
  }

  function test(p: FakeProfile, secret: string | undefined): TestReport {
    return p.builtin ? sandboxReport() : runTest(p.settings, secret);
  }

  const slow = <T>(value: T): T | Promise<T> =>
    host.latencyMs > 0
      ? new Promise((resolve) => setTimeout(() => resolve(value), host.latencyMs))
      : value;

  return {
    connections_list: () => items(),

    connections_save: (req) => {
      const existing = req.id === undefined ? undefined : editable(req.id, 'edited');
      const problems = validateProfile(req.name, req.settings);
      if (problems.length > 0) throw invalidFields('vault: invalid connection settings', problems);
      if (existing && existing.settings.kind !== req.settings.kind) {
        const msg = `vault: connection ${existing.id} is a ${existing.settings.kind} connection and cannot become a ${req.settings.kind} one: create a new connection instead`;
        throw fail('invalid', msg);
      }
      const secret = req.secret === undefined || req.secret === '' ? undefined : req.secret;
      if (secret !== undefined && needOf(req.settings) === 'none') {
        const msg = `vault: this ${req.settings.kind} connection uses no password or key, so none can be stored`;
        throw fail('invalid', msg);
      }

      const now = timestamp();
      const profile: FakeProfile = existing ?? {
        id: mintId(++minted),
        name: '',
        settings: req.settings,
        builtin: false,
        created: now,
        updated: now,
      };
      profile.name = req.name.trim();
      profile.settings = req.settings;
      profile.updated = now;
      // Its settings changed: an earlier test says nothing about them.
      delete profile.lastTest;
      if (!existing) stored.push(profile);
      if (needOf(profile.settings) === 'none') keyring.delete(profile.id);
      if (secret !== undefined) keyring.set(profile.id, secret);

      if (host.workspace().connectionId === profile.id) {
        try {
          host.switchTo(target(profile));
        } catch {
          // As the backend: the profile is saved; the workspace stays as it was opened.
        }
      }
      return view(profile);
    },

    connections_delete: (req) => {
      const profile = editable(req.id, 'removed');
      if (host.workspace().connectionId === profile.id) host.switchTo(host.sandbox);
      stored.splice(stored.indexOf(profile), 1);
      keyring.delete(profile.id);
      return items();
    },

    connections_test: (req) => {
      const profile = find(req.id);
      const report = test(profile, keyring.get(profile.id));
      if (!profile.builtin) profile.lastTest = lastTestOf(report);
      return slow(report);
    },

    connections_test_draft: (req) => {
      if (req.id === SANDBOX_PROFILE.id) return slow(sandboxReport());
      const problems = validateProfile('draft', req.settings);
      if (problems.length > 0) {
        throw invalidFields('the connection settings need fixing', problems);
      }
      const typed = req.secret === '' ? undefined : req.secret;
      const secret = typed ?? (req.id === undefined ? undefined : keyring.get(find(req.id).id));
      return slow(runTest(req.settings, secret));
    },

    connections_secret_delete: (req) => {
      const profile = editable(req.id, 'changed');
      keyring.delete(profile.id);
      return view(profile);
    },

    connections_export: (req) => {
      const chosen =
        req.ids.length === 0
          ? list().filter((p) => !p.builtin)
          : req.ids.map((id) => {
              const p = stored.find((s) => s.id === id);
              if (!p) throw fail('notFound', `vault: no connection "${id}": list the connections`);
              return p;
            });
      const file = {
        format: EXPORT_FORMAT,
        version: 1,
        exported: timestamp(),
        profiles: chosen.map((p) => ({
          id: p.id,
          name: p.name,
          kind: p.settings.kind,
          settings: p.settings.settings,
          created: p.created,
          updated: p.updated,
        })),
      };
      return { json: JSON.stringify(file, null, 2), count: chosen.length };
    },

    connections_import: (req) => {
      const profiles = parseExport(req.json);
      const problems = profiles.flatMap((p, i) =>
        validateProfile(p.name, p.settings).map((e) => ({
          ...e,
          field: `profiles[${i}].${e.field}`,
        })),
      );
      if (problems.length > 0) throw invalidFields('vault: invalid connection settings', problems);
      const now = timestamp();
      // New ids, always: an id from elsewhere could name another vault's keyring entry.
      const imported = profiles.map((p) => ({
        id: mintId(++minted),
        name: p.name.trim(),
        settings: p.settings,
        builtin: false,
        created: p.created,
        updated: now,
      }));
      stored.push(...imported);
      return { imported: imported.map(view) };
    },

    dastra_workspaces: (req) => {
      const typed = req.secret === '' ? undefined : req.secret;
      const secret = typed ?? (req.id === undefined ? undefined : keyring.get(find(req.id).id));
      if (secret === undefined) {
        const what = req.settings.auth.type === 'apiKey' ? 'API key' : 'private key';
        const fix = `enter the ${what} given by Dastra, then list the workspaces again`;
        throw invalidFields('the connection settings need fixing', [
          { field: 'secret', problem: 'is empty', fix },
        ]);
      }
      const refused = dastraLogin(req.settings, secret);
      if (refused) {
        throw fail(
          refused.code === 'unreachable' ? 'unreachable' : 'unauthorized',
          refused.message,
        );
      }
      return slow({ items: DASTRA_WORKSPACES });
    },

    workspace_switch: (req) => {
      host.switchTo(target(find(req.id)));
      return host.info();
    },
  };
}

/** Which secret the settings use, as `Settings::secret_need` decides it. */
function needOf(settings: Settings): 'none' | 'optional' | 'required' {
  switch (settings.kind) {
    case 'dastraWorkspace':
      return 'required';
    case 'postgres':
    case 'mysql':
      return 'optional';
    case 'sqlite':
    case 'folder':
      return 'none';
    case 'restApi':
      return settings.settings.auth.type === 'none' ? 'none' : 'required';
  }
}

function statusOf(p: FakeProfile, stored: boolean): SecretStatus {
  const need = needOf(p.settings);
  if (p.builtin || need === 'none') return 'notNeeded';
  if (stored) return 'stored';
  return need === 'required' ? 'missing' : 'notSet';
}

function lastTestOf(report: TestReport): LastTest {
  const at = timestamp();
  const { outcome } = report;
  if (outcome.status === 'failed') {
    return { ok: false, at, summary: outcome.failure.message, code: outcome.failure.code };
  }
  const found = outcome.found;
  switch (found.type) {
    case 'dastra':
      return {
        ok: true,
        at,
        summary: `Dastra workspace "${found.workspaceLabel}" (#${found.workspaceId})`,
      };
    case 'sql':
      return {
        ok: true,
        at,
        summary: `${found.engine} ${found.serverVersion}, database ${found.database}: ${found.tableCount} tables`,
      };
    case 'folder':
      return { ok: true, at, summary: `${found.path}: ${found.files} files, ${found.bytes} bytes` };
    case 'rest':
      return {
        ok: true,
        at,
        summary: `${found.url} answered ${found.status} in ${found.responseMs} ms`,
      };
  }
}

type Imported = { name: string; settings: Settings; created: string };

/** The profiles of an export, or the vault's refusal of the document. */
function parseExport(json: string): Imported[] {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    throw fail('invalid', 'vault: cannot import: the file is not JSON');
  }
  const file = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  if (file.format !== EXPORT_FORMAT) {
    const msg = `vault: cannot import: the file is not a Passerelle connections export (its "format" is not "${EXPORT_FORMAT}")`;
    throw fail('invalid', msg);
  }
  if (typeof file.version === 'number' && file.version > 1) {
    const msg = `vault: cannot import: the export was made by a newer Passerelle (version ${file.version}); update Passerelle`;
    throw fail('invalid', msg);
  }
  if (!Array.isArray(file.profiles)) {
    throw fail('invalid', 'vault: cannot import: the export is damaged: no "profiles" list');
  }
  return file.profiles.map((p: Record<string, unknown>) => {
    if (
      typeof p.name !== 'string' ||
      typeof p.kind !== 'string' ||
      typeof p.settings !== 'object'
    ) {
      throw fail('invalid', 'vault: cannot import: the export is damaged: a profile lacks a field');
    }
    return {
      name: p.name,
      settings: { kind: p.kind, settings: p.settings } as Settings,
      created: typeof p.created === 'string' ? p.created : timestamp(),
    };
  });
}

function fail(code: string, message: string): IpcFailure {
  return { code, message };
}

function invalidFields(what: string, fields: FieldError[]): IpcFailure {
  const list = fields.map((f) => `${f.field} ${f.problem} (${f.fix})`).join('; ');
  return { code: 'invalid', message: `${what}: ${list}`, fields };
}

/** A vault id: a UUID, the same sequence in every run. */
function mintId(n: number): string {
  return `9d3e7b10-5a2c-4f8e-b1d4-${String(n).padStart(12, '0')}`;
}

/** Now, in RFC 3339 to the second, as the backend writes it. */
function timestamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}
