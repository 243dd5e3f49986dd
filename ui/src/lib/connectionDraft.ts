// The connection form's state: every input as the person typed it, whatever the kind, and the
// conversions to and from the backend's `Settings`. Validation here catches only the obvious
// (required fields, port range) in the person's language; the vault checks the rest and answers
// field by field, with the same field paths (`name`, `settings.host`, `settings.include[2]`).

import type { ConnectionKind } from '../bindings/ConnectionKind';
import type { ConnectionView } from '../bindings/ConnectionView';
import type { DastraAuth } from '../bindings/DastraAuth';
import type { DastraSettings } from '../bindings/DastraSettings';
import type { FieldError } from '../bindings/FieldError';
import type { RestAuth } from '../bindings/RestAuth';
import type { Settings } from '../bindings/Settings';
import type { SslMode } from '../bindings/SslMode';
import { secretNeed } from './connectionSecret';

export const CONNECTION_KINDS = [
  'dastraWorkspace',
  'postgres',
  'mysql',
  'sqlite',
  'folder',
  'restApi',
] as const satisfies readonly ConnectionKind[];

export const SSL_MODES = [
  'disable',
  'prefer',
  'require',
  'verifyCa',
  'verifyFull',
] as const satisfies readonly SslMode[];

export type DastraAuthType = DastraAuth['type'];
export const DASTRA_AUTH_TYPES = [
  'apiKey',
  'clientCredentials',
] as const satisfies readonly DastraAuthType[];

export type RestAuthType = RestAuth['type'];
export const REST_AUTH_TYPES = [
  'none',
  'apiKeyHeader',
  'bearer',
  'basic',
  'oauth2ClientCredentials',
] as const satisfies readonly RestAuthType[];

/** Only reading methods: the probe must not change anything on the API. */
export const PROBE_METHODS = ['GET', 'HEAD'] as const;

/** Dastra's public API, the default address of a Dastra workspace. */
export const DASTRA_API_URL = 'https://api.dastra.eu';

const DEFAULT_PORTS: Partial<Record<ConnectionKind, string>> = { postgres: '5432', mysql: '3306' };

/** Every input of the form, as typed. Fields of other kinds are kept, and ignored. */
export type Draft = {
  kind: ConnectionKind;
  name: string;
  /** Dastra workspace and REST API. */
  baseUrl: string;
  dastraAuth: DastraAuthType;
  publicKey: string;
  /** Not in the form: kept as it was so that saving does not lose it. */
  dastraTokenUrl: string;
  workspaceId: string;
  workspaceLabel: string;
  /** PostgreSQL and MySQL. */
  host: string;
  port: string;
  database: string;
  user: string;
  sslMode: SslMode;
  /** Comma-separated. */
  schemas: string;
  /** SQLite file or folder. */
  path: string;
  /** One pattern per line. */
  include: string;
  exclude: string;
  restAuth: RestAuthType;
  authHeader: string;
  authUser: string;
  tokenUrl: string;
  clientId: string;
  scope: string;
  /** One `Name: value` per line. */
  headers: string;
  probeMethod: string;
  probePath: string;
  probeStatus: string;
};

/** A problem with one field, as the form shows it beside the input. */
export type FormError = { field: string; text: string };

/** The words validation needs, from the dictionary. */
export type DraftWords = {
  required: string;
  portRange: string;
  statusRange: string;
  headerLine: (line: string) => string;
  pickWorkspace: string;
};

/** What the draft is about to be used for: each needs different fields. */
export type DraftPurpose = 'save' | 'test' | 'workspaces';

/** A blank form for a new connection of `kind`. */
export function emptyDraft(kind: ConnectionKind): Draft {
  return {
    kind,
    name: '',
    baseUrl: kind === 'dastraWorkspace' ? DASTRA_API_URL : '',
    dastraAuth: 'apiKey',
    publicKey: '',
    dastraTokenUrl: '',
    workspaceId: '',
    workspaceLabel: '',
    host: '',
    port: DEFAULT_PORTS[kind] ?? '',
    database: '',
    user: '',
    sslMode: 'prefer',
    schemas: '',
    path: '',
    include: '',
    exclude: '',
    restAuth: 'none',
    authHeader: 'X-API-Key',
    authUser: '',
    tokenUrl: '',
    clientId: '',
    scope: '',
    headers: '',
    probeMethod: 'GET',
    probePath: '',
    probeStatus: '',
  };
}

/** The draft after choosing another kind: defaults follow, what was typed stays. */
export function changeKind(draft: Draft, kind: ConnectionKind): Draft {
  const defaults = Object.values(DEFAULT_PORTS);
  const port =
    draft.port === '' || defaults.includes(draft.port) ? (DEFAULT_PORTS[kind] ?? '') : draft.port;
  let baseUrl = draft.baseUrl;
  if (kind === 'dastraWorkspace' && baseUrl === '') baseUrl = DASTRA_API_URL;
  if (kind !== 'dastraWorkspace' && baseUrl === DASTRA_API_URL) baseUrl = '';
  return { ...draft, kind, port, baseUrl };
}

/** The form of a saved connection. */
export function draftOf(view: ConnectionView): Draft {
  const draft: Draft = { ...emptyDraft(view.kind), name: view.name };
  const { settings: s } = view;
  switch (s.kind) {
    case 'dastraWorkspace': {
      const d = s.settings;
      return {
        ...draft,
        baseUrl: d.baseUrl,
        dastraAuth: d.auth.type,
        publicKey: d.auth.type === 'clientCredentials' ? d.auth.publicKey : '',
        dastraTokenUrl: d.auth.type === 'clientCredentials' ? (d.auth.tokenUrl ?? '') : '',
        workspaceId: d.workspaceId > 0 ? String(d.workspaceId) : '',
        workspaceLabel: d.workspaceLabel ?? '',
      };
    }
    case 'postgres':
      return {
        ...draft,
        ...sqlOf(s.settings),
        sslMode: s.settings.sslMode,
        schemas: (s.settings.schemas ?? []).join(', '),
      };
    case 'mysql':
      return { ...draft, ...sqlOf(s.settings) };
    case 'sqlite':
      return { ...draft, path: s.settings.path };
    case 'folder':
      return {
        ...draft,
        path: s.settings.path,
        include: (s.settings.include ?? []).join('\n'),
        exclude: (s.settings.exclude ?? []).join('\n'),
      };
    case 'restApi': {
      const r = s.settings;
      const a = r.auth;
      return {
        ...draft,
        baseUrl: r.baseUrl,
        restAuth: a.type,
        authHeader: a.type === 'apiKeyHeader' ? a.header : draft.authHeader,
        authUser: a.type === 'basic' ? a.user : '',
        tokenUrl: a.type === 'oauth2ClientCredentials' ? a.tokenUrl : '',
        clientId: a.type === 'oauth2ClientCredentials' ? a.clientId : '',
        scope: a.type === 'oauth2ClientCredentials' ? (a.scope ?? '') : '',
        headers: Object.entries(r.headers ?? {})
          .map(([name, value]) => `${name}: ${value ?? ''}`)
          .join('\n'),
        probeMethod: r.probe.method,
        probePath: r.probe.path,
        probeStatus: r.probe.expectStatus === undefined ? '' : String(r.probe.expectStatus),
      };
    }
  }
}

function sqlOf(s: { host: string; port: number; database: string; user: string }) {
  return { host: s.host, port: String(s.port), database: s.database, user: s.user };
}

/** The settings the backend stores for this draft. Call after `validateDraft` found nothing. */
export function settingsOf(draft: Draft): Settings {
  const t = (v: string) => v.trim();
  switch (draft.kind) {
    case 'dastraWorkspace':
      return { kind: 'dastraWorkspace', settings: dastraSettingsOf(draft) };
    case 'postgres': {
      const schemas = splitList(draft.schemas);
      return {
        kind: 'postgres',
        settings: {
          ...sqlSettings(draft),
          sslMode: draft.sslMode,
          ...(schemas.length > 0 ? { schemas } : {}),
        },
      };
    }
    case 'mysql':
      return { kind: 'mysql', settings: sqlSettings(draft) };
    case 'sqlite':
      return { kind: 'sqlite', settings: { path: t(draft.path) } };
    case 'folder': {
      const include = lines(draft.include);
      const exclude = lines(draft.exclude);
      return {
        kind: 'folder',
        settings: {
          path: t(draft.path),
          ...(include.length > 0 ? { include } : {}),
          ...(exclude.length > 0 ? { exclude } : {}),
        },
      };
    }
    case 'restApi': {
      const headers = parseHeaders(draft.headers).headers;
      const status = Number(t(draft.probeStatus));
      return {
        kind: 'restApi',
        settings: {
          baseUrl: t(draft.baseUrl),
          auth: restAuthOf(draft),
          ...(Object.keys(headers).length > 0 ? { headers } : {}),
          probe: {
            method: draft.probeMethod,
            path: t(draft.probePath),
            ...(t(draft.probeStatus) !== '' ? { expectStatus: status } : {}),
          },
        },
      };
    }
  }
}

/** The Dastra part alone, for asking which workspaces a key opens. */
export function dastraSettingsOf(draft: Draft): DastraSettings {
  const auth: DastraAuth =
    draft.dastraAuth === 'apiKey'
      ? { type: 'apiKey' }
      : {
          type: 'clientCredentials',
          publicKey: draft.publicKey.trim(),
          ...(draft.dastraTokenUrl !== '' ? { tokenUrl: draft.dastraTokenUrl } : {}),
        };
  const label = draft.workspaceLabel.trim();
  return {
    baseUrl: draft.baseUrl.trim(),
    auth,
    workspaceId: Number(draft.workspaceId) || 0,
    ...(label !== '' ? { workspaceLabel: label } : {}),
  };
}

function sqlSettings(draft: Draft) {
  return {
    host: draft.host.trim(),
    port: Number(draft.port.trim()),
    database: draft.database.trim(),
    user: draft.user.trim(),
  };
}

function restAuthOf(draft: Draft): RestAuth {
  switch (draft.restAuth) {
    case 'none':
      return { type: 'none' };
    case 'apiKeyHeader':
      return { type: 'apiKeyHeader', header: draft.authHeader.trim() };
    case 'bearer':
      return { type: 'bearer' };
    case 'basic':
      return { type: 'basic', user: draft.authUser.trim() };
    case 'oauth2ClientCredentials': {
      const scope = draft.scope.trim();
      return {
        type: 'oauth2ClientCredentials',
        tokenUrl: draft.tokenUrl.trim(),
        clientId: draft.clientId.trim(),
        ...(scope !== '' ? { scope } : {}),
      };
    }
  }
}

/** Every obvious problem of the draft, in form order; the vault checks the rest. */
export function validateDraft(draft: Draft, words: DraftWords, purpose: DraftPurpose): FormError[] {
  const errors: FormError[] = [];
  const required = (field: string, value: string) => {
    if (value.trim() === '') errors.push({ field, text: words.required });
  };

  if (purpose === 'save') required('name', draft.name);
  switch (draft.kind) {
    case 'dastraWorkspace':
      required('settings.baseUrl', draft.baseUrl);
      if (draft.dastraAuth === 'clientCredentials') {
        required('settings.auth.publicKey', draft.publicKey);
      }
      if (purpose !== 'workspaces' && !(Number(draft.workspaceId) > 0)) {
        errors.push({ field: 'settings.workspaceId', text: words.pickWorkspace });
      }
      break;
    case 'postgres':
    case 'mysql':
      required('settings.host', draft.host);
      if (!isPort(draft.port)) errors.push({ field: 'settings.port', text: words.portRange });
      required('settings.database', draft.database);
      required('settings.user', draft.user);
      break;
    case 'sqlite':
    case 'folder':
      required('settings.path', draft.path);
      break;
    case 'restApi':
      required('settings.baseUrl', draft.baseUrl);
      if (draft.restAuth === 'apiKeyHeader') required('settings.auth.header', draft.authHeader);
      if (draft.restAuth === 'basic') required('settings.auth.user', draft.authUser);
      if (draft.restAuth === 'oauth2ClientCredentials') {
        required('settings.auth.tokenUrl', draft.tokenUrl);
        required('settings.auth.clientId', draft.clientId);
      }
      for (const line of parseHeaders(draft.headers).bad) {
        errors.push({ field: 'settings.headers', text: words.headerLine(line) });
      }
      if (draft.probeStatus.trim() !== '' && !isStatus(draft.probeStatus)) {
        errors.push({ field: 'settings.probe.expectStatus', text: words.statusRange });
      }
      break;
  }
  return errors;
}

/**
 * The form field a backend field path belongs to: list items and header names go to their
 * list (`settings.include[2]` → `settings.include`, `settings.headers.X-Key` →
 * `settings.headers`).
 */
export function formFieldOf(path: string): string {
  const field = path.replace(/\[\d+\]$/, '');
  if (field.startsWith('settings.headers.')) return 'settings.headers';
  return field;
}

/** The vault's field problems as the form shows them: "Is empty: give the connection a name". */
export function formErrorsOf(fields: FieldError[]): FormError[] {
  return fields.map((f) => {
    const problem = f.problem.charAt(0).toUpperCase() + f.problem.slice(1);
    return { field: f.field, text: f.fix ? `${problem}: ${f.fix}` : problem };
  });
}

/**
 * The fields the form shows an input for, for this draft (as `formFieldOf` names them); a
 * problem with any other field is listed apart, so that none goes unseen.
 */
export function formFields(draft: Draft): string[] {
  const fields = ['name'];
  if (secretNeed(settingsOf(draft))) fields.push('secret');
  switch (draft.kind) {
    case 'dastraWorkspace':
      fields.push('settings.baseUrl', 'settings.auth', 'settings.workspaceId');
      if (draft.dastraAuth === 'clientCredentials') fields.push('settings.auth.publicKey');
      break;
    case 'postgres':
    case 'mysql':
      fields.push('settings.host', 'settings.port', 'settings.database', 'settings.user');
      if (draft.kind === 'postgres') fields.push('settings.sslMode', 'settings.schemas');
      break;
    case 'sqlite':
      fields.push('settings.path');
      break;
    case 'folder':
      fields.push('settings.path', 'settings.include', 'settings.exclude');
      break;
    case 'restApi': {
      fields.push('settings.baseUrl', 'settings.auth', 'settings.headers');
      fields.push('settings.probe.method', 'settings.probe.path', 'settings.probe.expectStatus');
      const byAuth: Record<RestAuthType, string[]> = {
        none: [],
        apiKeyHeader: ['settings.auth.header'],
        bearer: [],
        basic: ['settings.auth.user'],
        oauth2ClientCredentials: [
          'settings.auth.tokenUrl',
          'settings.auth.clientId',
          'settings.auth.scope',
        ],
      };
      fields.push(...byAuth[draft.restAuth]);
      break;
    }
  }
  return fields;
}

function isPort(text: string): boolean {
  const n = Number(text.trim());
  return /^\d+$/.test(text.trim()) && n >= 1 && n <= 65535;
}

function isStatus(text: string): boolean {
  const n = Number(text.trim());
  return /^\d{3}$/.test(text.trim()) && n >= 100 && n <= 599;
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** `Name: value` lines as headers, and the lines that are not of that form. */
export function parseHeaders(text: string): { headers: Record<string, string>; bad: string[] } {
  const headers: Record<string, string> = {};
  const bad: string[] = [];
  for (const line of lines(text)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    if (colon < 1 || name === '') bad.push(line);
    else headers[name] = line.slice(colon + 1).trim();
  }
  return { headers, bad };
}
