// The vault's validation, in the fake backend: the same field paths, problems and fixes as
// `passerelle_vault::validate` for what a person can get wrong in the form. Written apart from
// the UI's own checks (src/lib/connectionDraft.ts), so that tests see where the two differ.

import type { FieldError } from '../bindings/FieldError';
import type { Settings } from '../bindings/Settings';

type Add = (field: string, problem: string, fix: string) => void;

const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'x-api-key'];

/** Every problem of a connection named `name` with these settings; empty when it can be saved. */
export function validateProfile(name: string, settings: Settings): FieldError[] {
  const errors: FieldError[] = [];
  const add: Add = (field, problem, fix) => void errors.push({ field, problem, fix });

  const trimmed = name.trim();
  if (trimmed === '') add('name', 'is empty', 'give the connection a name, e.g. "CRM"');
  else if ([...trimmed].length > 120) add('name', 'is too long', 'keep it under 120 characters');

  switch (settings.kind) {
    case 'dastraWorkspace': {
      const s = settings.settings;
      dastraUrl('settings.baseUrl', s.baseUrl, add);
      if (s.auth.type === 'clientCredentials' && s.auth.publicKey.trim() === '') {
        add(
          'settings.auth.publicKey',
          'is empty',
          "copy the public key shown beside the private key in Dastra's API keys page",
        );
      }
      if (s.workspaceId < 1) {
        add(
          'settings.workspaceId',
          'is not a workspace',
          'pick the workspace from the list Dastra gives for this key',
        );
      }
      break;
    }
    case 'postgres':
      server(settings.settings, add);
      (settings.settings.schemas ?? []).forEach((schema, i) => {
        if (schema.trim() === '') {
          add(
            `settings.schemas[${i}]`,
            'is empty',
            'remove the empty schema, or leave the list empty to look at every schema',
          );
        }
      });
      break;
    case 'mysql':
      server(settings.settings, add);
      break;
    case 'sqlite':
      absolutePath(settings.settings.path, 'database file', add);
      break;
    case 'folder': {
      const s = settings.settings;
      absolutePath(s.path, 'folder', add);
      for (const [list, patterns] of [
        ['include', s.include ?? []],
        ['exclude', s.exclude ?? []],
      ] as const) {
        patterns.forEach((p, i) => {
          if (p.trim() === '')
            add(`settings.${list}[${i}]`, 'is empty', 'remove the empty pattern');
        });
      }
      break;
    }
    case 'restApi':
      rest(settings, add);
      break;
  }
  return errors;
}

function server(s: { host: string; port: number; database: string; user: string }, add: Add) {
  const host = s.host.trim();
  if (host === '') {
    add(
      'settings.host',
      'is empty',
      "enter the database server's name or IP address, e.g. db.example.org",
    );
  } else if (host.includes('://') || host.includes('/') || /\s/.test(host)) {
    add(
      'settings.host',
      'is not a host name',
      "enter only the server's name or IP address, without scheme, path or spaces",
    );
  } else if (host.includes(':') && !host.startsWith('[')) {
    add('settings.host', 'holds a port', 'put the port in the port field');
  }
  if (s.port === 0) {
    add('settings.port', 'is 0', "enter the server's port (PostgreSQL 5432, MySQL 3306)");
  }
  if (s.database.trim() === '') {
    add('settings.database', 'is empty', 'enter the name of the database to open');
  }
  if (s.user.trim() === '') add('settings.user', 'is empty', 'enter the user name to connect as');
}

function absolutePath(path: string, what: string, add: Add) {
  if (path === '') add('settings.path', 'is empty', `choose the ${what}`);
  else if (!path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path)) {
    add(
      'settings.path',
      'is not a full path',
      `give the ${what}'s full path, starting from the drive or /`,
    );
  }
}

function dastraUrl(field: string, raw: string, add: Add) {
  const url = parse(raw);
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    add(field, 'is not a usable address', 'enter the API address, e.g. https://api.dastra.eu');
  } else if (url.protocol === 'http:' && !isLoopback(url)) {
    add(
      field,
      'uses plain http to another computer',
      'use the https address (https://api.dastra.eu); plain http is only for a local sandbox',
    );
  }
}

function rest(settings: Extract<Settings, { kind: 'restApi' }>, add: Add) {
  const s = settings.settings;
  httpUrl('settings.baseUrl', s.baseUrl, s.auth.type !== 'none', add);
  const auth = s.auth;
  if (auth.type === 'apiKeyHeader' && auth.header.trim() === '') {
    add('settings.auth.header', 'is empty', 'enter the header name, e.g. X-API-Key');
  }
  if (auth.type === 'basic' && auth.user.trim() === '') {
    add('settings.auth.user', 'is empty', 'enter the user name');
  }
  if (auth.type === 'oauth2ClientCredentials') {
    httpUrl('settings.auth.tokenUrl', auth.tokenUrl, true, add);
    if (auth.clientId.trim() === '')
      add('settings.auth.clientId', 'is empty', 'enter the client id');
  }
  for (const name of Object.keys(s.headers ?? {})) {
    const own = auth.type === 'apiKeyHeader' && auth.header.toLowerCase() === name.toLowerCase();
    if (CREDENTIAL_HEADERS.includes(name.toLowerCase()) || own) {
      add(
        `settings.headers.${name}`,
        'carries credentials, which would be stored in clear',
        'remove it and choose the matching authentication; its secret goes to the system keyring',
      );
    }
  }
  const path = s.probe.path;
  if (path !== '' && !path.startsWith('/')) {
    add('settings.probe.path', 'does not start with /', 'write it like /health');
  }
  const status = s.probe.expectStatus;
  if (status !== undefined && (status < 100 || status > 599)) {
    add(
      'settings.probe.expectStatus',
      'is not an HTTP status',
      'use a status between 100 and 599, e.g. 200, or leave it empty',
    );
  }
}

function httpUrl(field: string, raw: string, carriesSecret: boolean, add: Add) {
  const example = 'enter an address like https://api.example.com';
  const url = parse(raw.trim());
  if (!url) return add(field, 'is not an address', example);
  if (!['http:', 'https:'].includes(url.protocol)) {
    return add(field, 'is not an http or https address', example);
  }
  if (carriesSecret && url.protocol === 'http:' && !isLoopback(url)) {
    add(
      field,
      'uses plain http while the connection sends a secret',
      'use the https address, so the secret does not travel unencrypted',
    );
  }
}

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
