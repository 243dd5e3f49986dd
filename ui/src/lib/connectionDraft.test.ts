import { describe, expect, it } from 'vitest';

import type { ConnectionView } from '../bindings/ConnectionView';
import type { Settings } from '../bindings/Settings';
import {
  changeKind,
  CONNECTION_KINDS,
  DASTRA_API_URL,
  dastraSettingsOf,
  draftOf,
  emptyDraft,
  formErrorsOf,
  formFieldOf,
  formFields,
  parseHeaders,
  settingsOf,
  validateDraft,
  type Draft,
  type DraftWords,
} from './connectionDraft';

const words: DraftWords = {
  required: 'required',
  portRange: 'port range',
  statusRange: 'status range',
  headerLine: (line) => `bad header: ${line}`,
  pickWorkspace: 'pick a workspace',
};

function viewOf(settings: Settings, name = 'Sample'): ConnectionView {
  return {
    id: 'c1',
    name,
    kind: settings.kind,
    settings,
    secretStatus: 'notNeeded',
    builtin: false,
    current: false,
    updated: '2026-12-01T10:00:00Z',
  };
}

/** Settings of every kind, with every optional part both present and absent somewhere. */
const SAMPLES: Settings[] = [
  {
    kind: 'dastraWorkspace',
    settings: {
      baseUrl: 'https://api.dastra.eu',
      auth: { type: 'apiKey' },
      workspaceId: 2,
      workspaceLabel: 'Cabinet Lumen — Santé',
    },
  },
  {
    kind: 'dastraWorkspace',
    settings: {
      baseUrl: 'https://dastra.lumen.example',
      auth: {
        type: 'clientCredentials',
        publicKey: 'pk_live_123',
        tokenUrl: 'https://account.lumen.example/token',
      },
      workspaceId: 7,
    },
  },
  {
    kind: 'postgres',
    settings: {
      host: 'db.lumen.local',
      port: 6432,
      database: 'crm',
      user: 'dpo',
      sslMode: 'verifyFull',
      schemas: ['public', 'ventes'],
    },
  },
  {
    kind: 'postgres',
    settings: { host: 'db', port: 5432, database: 'rh', user: 'lecture', sslMode: 'prefer' },
  },
  {
    kind: 'mysql',
    settings: { host: 'shop-db', port: 3307, database: 'boutique', user: 'lecture' },
  },
  { kind: 'sqlite', settings: { path: '/srv/donnees/ventes.db' } },
  {
    kind: 'folder',
    settings: { path: '/srv/partages/rh', include: ['**/*.pdf', 'rh/**'], exclude: ['tmp/**'] },
  },
  { kind: 'folder', settings: { path: 'C:\\Partages\\Clients' } },
  {
    kind: 'restApi',
    settings: {
      baseUrl: 'https://crm.lumen.example/api',
      auth: { type: 'none' },
      probe: { method: 'GET', path: '' },
    },
  },
  {
    kind: 'restApi',
    settings: {
      baseUrl: 'https://crm.lumen.example/api',
      auth: { type: 'apiKeyHeader', header: 'X-Crm-Key' },
      headers: { Accept: 'application/json', 'X-Tenant': 'lumen' },
      probe: { method: 'HEAD', path: '/health', expectStatus: 204 },
    },
  },
  {
    kind: 'restApi',
    settings: {
      baseUrl: 'https://crm.lumen.example',
      auth: { type: 'bearer' },
      probe: { method: 'GET', path: '/me' },
    },
  },
  {
    kind: 'restApi',
    settings: {
      baseUrl: 'https://crm.lumen.example',
      auth: { type: 'basic', user: 'dpo' },
      probe: { method: 'GET', path: '/' },
    },
  },
  {
    kind: 'restApi',
    settings: {
      baseUrl: 'https://crm.lumen.example',
      auth: {
        type: 'oauth2ClientCredentials',
        tokenUrl: 'https://auth.lumen.example/token',
        clientId: 'passerelle',
        scope: 'read',
      },
      probe: { method: 'GET', path: '/v1/ping' },
    },
  },
];

describe('a new draft', () => {
  it('starts on the Dastra API for a workspace, and on the default port for a database', () => {
    expect(emptyDraft('dastraWorkspace')).toMatchObject({ baseUrl: DASTRA_API_URL, port: '' });
    expect(emptyDraft('postgres')).toMatchObject({ baseUrl: '', port: '5432', name: '' });
    expect(emptyDraft('mysql').port).toBe('3306');
    expect(emptyDraft('folder').port).toBe('');
  });

  it('has every kind in the list the form offers', () => {
    expect([...CONNECTION_KINDS].sort()).toEqual(
      ['dastraWorkspace', 'folder', 'mysql', 'postgres', 'restApi', 'sqlite'].sort(),
    );
  });
});

describe('changing the kind', () => {
  it('moves a default port to the new default, and keeps one that was typed', () => {
    const postgres = changeKind(emptyDraft('dastraWorkspace'), 'postgres');
    expect(postgres.port, 'default port filled in').toBe('5432');
    expect(changeKind(postgres, 'mysql').port, 'default follows the kind').toBe('3306');
    const typed = { ...postgres, port: '6543' };
    expect(changeKind(typed, 'mysql').port, 'a typed port stays').toBe('6543');
    expect(changeKind(postgres, 'folder').port, 'a default port goes').toBe('');
  });

  it("drops Dastra's address for another kind, and brings it back for a workspace", () => {
    const postgres = changeKind(emptyDraft('dastraWorkspace'), 'postgres');
    expect(postgres.baseUrl).toBe('');
    expect(changeKind(postgres, 'dastraWorkspace').baseUrl).toBe(DASTRA_API_URL);
    const rest = { ...emptyDraft('restApi'), baseUrl: 'https://crm.example/api' };
    expect(changeKind(rest, 'dastraWorkspace').baseUrl, 'a typed address stays').toBe(
      'https://crm.example/api',
    );
  });

  it('keeps what was typed', () => {
    const draft = { ...emptyDraft('postgres'), name: 'Clients', host: 'db', user: 'dpo' };
    expect(changeKind(draft, 'mysql')).toMatchObject({
      kind: 'mysql',
      name: 'Clients',
      host: 'db',
      user: 'dpo',
    });
  });
});

describe('draftOf and settingsOf', () => {
  for (const settings of SAMPLES) {
    const label = `${settings.kind} ${JSON.stringify(settings.settings).slice(0, 60)}`;
    it(`give back the same settings for ${label}`, () => {
      const draft = draftOf(viewOf(settings, 'Sample'));
      expect(draft.kind).toBe(settings.kind);
      expect(draft.name).toBe('Sample');
      expect(validateDraft(draft, words, 'save'), 'a saved profile is valid').toEqual([]);
      expect(settingsOf(draft)).toEqual(settings);
    });
  }

  it('trims what was typed and leaves empty lists out', () => {
    const draft: Draft = {
      ...emptyDraft('postgres'),
      host: '  db.lumen.local ',
      port: ' 5433 ',
      database: ' crm',
      user: 'dpo ',
      schemas: ' , ',
    };
    expect(settingsOf(draft)).toEqual({
      kind: 'postgres',
      settings: {
        host: 'db.lumen.local',
        port: 5433,
        database: 'crm',
        user: 'dpo',
        sslMode: 'prefer',
      },
    });
  });

  it('reads schemas separated by commas or lines, and patterns one per line', () => {
    const pg = { ...emptyDraft('postgres'), schemas: 'public, ventes\nrh' };
    const s = settingsOf(pg);
    expect(s.kind === 'postgres' && s.settings.schemas).toEqual(['public', 'ventes', 'rh']);
    const folder = { ...emptyDraft('folder'), path: '/srv', include: '*.pdf\n\n  *.docx  ' };
    expect(settingsOf(folder)).toEqual({
      kind: 'folder',
      settings: { path: '/srv', include: ['*.pdf', '*.docx'] },
    });
  });

  it('ask Dastra with the address and authentication only, the workspace left at 0', () => {
    const draft = { ...emptyDraft('dastraWorkspace'), baseUrl: ' http://127.0.0.1:4000 ' };
    expect(dastraSettingsOf(draft)).toEqual({
      baseUrl: 'http://127.0.0.1:4000',
      auth: { type: 'apiKey' },
      workspaceId: 0,
    });
  });
});

describe('validateDraft', () => {
  const fields = (draft: Draft, purpose: 'save' | 'test' | 'workspaces') =>
    validateDraft(draft, words, purpose).map((e) => e.field);

  it('needs a name to save, not to test', () => {
    const draft = { ...emptyDraft('sqlite'), path: '/srv/a.db' };
    expect(fields(draft, 'save')).toEqual(['name']);
    expect(fields(draft, 'test')).toEqual([]);
  });

  it('needs a database server, database and user, in form order', () => {
    const draft = emptyDraft('mysql');
    expect(fields(draft, 'save')).toEqual([
      'name',
      'settings.host',
      'settings.database',
      'settings.user',
    ]);
    expect(validateDraft(draft, words, 'test')[0]).toEqual({
      field: 'settings.host',
      text: 'required',
    });
  });

  it('refuses a port outside 1–65535 or not a number', () => {
    const ok = { ...emptyDraft('postgres'), host: 'db', database: 'crm', user: 'dpo' };
    for (const port of ['0', '65536', 'abc', '54 32', '']) {
      expect(validateDraft({ ...ok, port }, words, 'test'), port).toEqual([
        { field: 'settings.port', text: 'port range' },
      ]);
    }
    expect(fields({ ...ok, port: '65535' }, 'test')).toEqual([]);
  });

  it('asks for a Dastra workspace to save or test, not to list the workspaces', () => {
    const draft = emptyDraft('dastraWorkspace');
    expect(validateDraft(draft, words, 'test')).toEqual([
      { field: 'settings.workspaceId', text: 'pick a workspace' },
    ]);
    expect(fields(draft, 'workspaces')).toEqual([]);
    expect(fields({ ...draft, baseUrl: ' ' }, 'workspaces')).toEqual(['settings.baseUrl']);
    expect(fields({ ...draft, workspaceId: '2' }, 'test')).toEqual([]);
  });

  it('needs the public key with client credentials', () => {
    const draft: Draft = {
      ...emptyDraft('dastraWorkspace'),
      dastraAuth: 'clientCredentials',
      workspaceId: '1',
    };
    expect(fields(draft, 'test')).toEqual(['settings.auth.publicKey']);
  });

  it("checks an API's authentication fields, header lines and expected status", () => {
    const base = { ...emptyDraft('restApi'), baseUrl: 'https://crm.example' };
    expect(fields({ ...base, restAuth: 'basic' }, 'test')).toEqual(['settings.auth.user']);
    expect(fields({ ...base, restAuth: 'apiKeyHeader', authHeader: '' }, 'test')).toEqual([
      'settings.auth.header',
    ]);
    expect(fields({ ...base, restAuth: 'oauth2ClientCredentials' }, 'test')).toEqual([
      'settings.auth.tokenUrl',
      'settings.auth.clientId',
    ]);
    expect(validateDraft({ ...base, headers: 'Accept: */*\nno colon' }, words, 'test')).toEqual([
      { field: 'settings.headers', text: 'bad header: no colon' },
    ]);
    expect(validateDraft({ ...base, probeStatus: '42' }, words, 'test')).toEqual([
      { field: 'settings.probe.expectStatus', text: 'status range' },
    ]);
    expect(fields({ ...base, probeStatus: '204' }, 'test')).toEqual([]);
  });

  it('needs the path of a file or folder', () => {
    expect(fields(emptyDraft('sqlite'), 'test')).toEqual(['settings.path']);
    expect(fields(emptyDraft('folder'), 'test')).toEqual(['settings.path']);
  });
});

describe('parseHeaders', () => {
  it('reads Name: value lines, keeping colons in values and skipping blank lines', () => {
    const text = 'Accept: application/json\n\n  X-Trace:  abc  \nX-Url: http://a:1/b';
    expect(parseHeaders(text)).toEqual({
      headers: { Accept: 'application/json', 'X-Trace': 'abc', 'X-Url': 'http://a:1/b' },
      bad: [],
    });
  });

  it('returns the lines without a name before a colon', () => {
    expect(parseHeaders('just text\n: no name\nOk: 1').bad).toEqual(['just text', ': no name']);
  });

  it('takes an empty value as empty', () => {
    expect(parseHeaders('X-Empty:').headers).toEqual({ 'X-Empty': '' });
  });
});

describe("the vault's field problems", () => {
  it('read as a sentence, on the field path the vault gave', () => {
    const errors = formErrorsOf([
      { field: 'settings.host', problem: 'is empty', fix: 'enter the server name' },
      { field: 'name', problem: 'is too long', fix: '' },
    ]);
    expect(errors).toEqual([
      { field: 'settings.host', text: 'Is empty: enter the server name' },
      { field: 'name', text: 'Is too long' },
    ]);
  });

  it('land on the input that shows them: the host on the host field, list items on their list', () => {
    expect(formFieldOf('settings.host')).toBe('settings.host');
    expect(formFieldOf('settings.include[2]')).toBe('settings.include');
    expect(formFieldOf('settings.schemas[0]')).toBe('settings.schemas');
    expect(formFieldOf('settings.headers.X-Api-Key')).toBe('settings.headers');
    const postgres = { ...emptyDraft('postgres'), host: 'db' };
    expect(formFields(postgres)).toContain(formFieldOf('settings.host'));
    expect(formFields(postgres)).toContain('secret');
  });

  it('that the form has no input for are known, so they are listed apart', () => {
    expect(formFields(emptyDraft('folder'))).not.toContain('secret');
    expect(formFields(emptyDraft('dastraWorkspace'))).not.toContain('settings.auth.tokenUrl');
    const rest = { ...emptyDraft('restApi'), restAuth: 'oauth2ClientCredentials' as const };
    expect(formFields(rest)).toEqual(
      expect.arrayContaining(['settings.auth.tokenUrl', 'settings.auth.clientId', 'secret']),
    );
  });
});
