// What a connection test finds in the fake backend, by kind, with the connectors' failure
// classes. Made-up servers answer by simple rules, so that tests and the mock window can reach
// every outcome:
//
// - the secret `wrong` is refused (`wrongCredentials`), whatever the kind;
// - a host ending in `.invalid` does not answer (`unreachable`);
// - a database, file or folder whose name holds `absent` does not exist (`notFound`);
// - the HR share (`RH_SHARE`) may not be read by Passerelle's account (`missingPermission`);
// - a required secret that is neither typed nor stored gives `secretMissing`.

import type { DastraSettings } from '../bindings/DastraSettings';
import type { Failure } from '../bindings/Failure';
import type { FailureCode } from '../bindings/FailureCode';
import type { Found } from '../bindings/Found';
import type { SchemaFound } from '../bindings/SchemaFound';
import type { Settings } from '../bindings/Settings';
import type { TableFound } from '../bindings/TableFound';
import type { TestReport } from '../bindings/TestReport';
import { APP_INFO, DASTRA_WORKSPACES } from './fixtures';

/** The folder of the seeded "Dossiers RH" connection, readable by HR only. */
export const RH_SHARE = '/srv/partages/rh';

/** The secret every fake server refuses. */
export const WRONG_SECRET = 'wrong';

const POSTGRES_TABLES: TableFound[] = [
  { name: 'clients', view: false, rows: { kind: 'exact', count: 1204 } },
  { name: 'commandes', view: false, rows: { kind: 'estimated', count: 18300 } },
  { name: 'factures', view: false, rows: { kind: 'estimated', count: 9850 } },
  { name: 'v_clients_actifs', view: true, rows: { kind: 'unknown' } },
];

const MYSQL_TABLES: TableFound[] = [
  { name: 'adresses_livraison', view: false, rows: { kind: 'estimated', count: 3120 } },
  { name: 'clients', view: false, rows: { kind: 'estimated', count: 2890 } },
  { name: 'paniers', view: false, rows: { kind: 'atLeast', count: 10000 } },
];

const SQLITE_TABLES: TableFound[] = [
  { name: 'contacts', view: false, rows: { kind: 'exact', count: 412 } },
  { name: 'inscriptions', view: false, rows: { kind: 'exact', count: 87 } },
];

/** Test `settings` with `secret` (typed or stored), as `passerelle_connectors` would. */
export function runTest(settings: Settings, secret: string | undefined): TestReport {
  const kind = settings.kind;
  const outcome = (found: Found | Failure): TestReport =>
    'code' in found
      ? { kind, durationMs: 240, outcome: { status: 'failed', failure: found } }
      : { kind, durationMs: 380, outcome: { status: 'passed', found } };

  switch (settings.kind) {
    case 'dastraWorkspace': {
      const s = settings.settings;
      const refused = dastraLogin(s, secret);
      if (refused) return outcome(refused);
      const workspace = DASTRA_WORKSPACES.find((w) => w.id === s.workspaceId);
      if (!workspace) {
        return outcome(
          failure(
            'notFound',
            `The key cannot open workspace #${s.workspaceId}. Pick one of the workspaces it lists.`,
          ),
        );
      }
      return outcome({
        type: 'dastra',
        baseUrl: s.baseUrl,
        user: 'Claire Martin (clé API Passerelle)',
        organisation: 'Cabinet Lumen',
        workspaceId: workspace.id,
        workspaceLabel: workspace.label,
        workspaces: DASTRA_WORKSPACES,
      });
    }
    case 'postgres':
    case 'mysql': {
      const s = settings.settings;
      const postgres = settings.kind === 'postgres';
      const problem = serverProblem(s.host, s.port, s.database, s.user, secret, postgres);
      if (problem) return outcome(problem);
      const schemaNames = postgres
        ? settings.settings.schemas?.length
          ? settings.settings.schemas
          : ['public']
        : [s.database];
      const tables = postgres ? POSTGRES_TABLES : MYSQL_TABLES;
      const schemas: SchemaFound[] = schemaNames.map((name) => ({
        name,
        tables: !postgres || name === 'public' ? tables : [],
      }));
      return outcome({
        type: 'sql',
        engine: postgres ? 'PostgreSQL' : 'MariaDB',
        serverVersion: postgres ? '16.4' : '11.4.2',
        database: s.database,
        readOnly: postgres,
        schemas,
        tableCount: schemas.reduce((n, schema) => n + schema.tables.length, 0),
        truncated: false,
      });
    }
    case 'sqlite': {
      const { path } = settings.settings;
      if (path.includes('absent')) {
        return outcome(failure('notFound', `There is no file ${path}. Check its path.`));
      }
      if (!/\.(db|sqlite3?)$/.test(path)) {
        return outcome(failure('invalidSettings', `The file ${path} is not an SQLite database.`));
      }
      return outcome({
        type: 'sql',
        engine: 'SQLite',
        serverVersion: '3.46.1',
        database: path,
        readOnly: true,
        schemas: [{ name: 'main', tables: SQLITE_TABLES }],
        tableCount: SQLITE_TABLES.length,
        truncated: false,
      });
    }
    case 'folder': {
      const { path } = settings.settings;
      if (path.includes('absent')) {
        return outcome(failure('notFound', `The folder ${path} does not exist. Check its path.`));
      }
      if (path === RH_SHARE) {
        return outcome(
          failure(
            'missingPermission',
            `Passerelle may not read the folder ${path}. Ask the administrator to give this account read access.`,
            `${path}: Permission denied (os error 13)`,
          ),
        );
      }
      return outcome({
        type: 'folder',
        path,
        files: 1284,
        bytes: 734_003_200,
        truncated: false,
        unreadable: 2,
      });
    }
    case 'restApi': {
      const s = settings.settings;
      const host = hostOf(s.baseUrl);
      if (host.endsWith('.invalid')) return outcome(unreachable(host));
      if (s.auth.type !== 'none' && !secret) {
        return outcome(failure('secretMissing', 'No secret is stored for this API: enter it.'));
      }
      if (s.auth.type !== 'none' && secret === WRONG_SECRET) {
        return outcome(
          failure(
            'wrongCredentials',
            'The API answered 401 Unauthorized: it refused the credentials.',
          ),
        );
      }
      return outcome({
        type: 'rest',
        url: `${s.baseUrl.replace(/\/+$/, '')}${s.probe.path}`,
        status: s.probe.expectStatus ?? 200,
        responseMs: 142,
        contentType: 'application/json',
      });
    }
  }
}

/** Why Dastra refuses this key, or null when it accepts it. */
export function dastraLogin(settings: DastraSettings, secret: string | undefined): Failure | null {
  const host = hostOf(settings.baseUrl);
  if (host.endsWith('.invalid')) return unreachable(host);
  const what = settings.auth.type === 'apiKey' ? 'API key' : 'private key';
  if (!secret) {
    return failure('secretMissing', `No ${what} is stored for this workspace: enter it.`);
  }
  if (secret === WRONG_SECRET) {
    return failure(
      'wrongCredentials',
      `Dastra refused the ${what}. Check that it was copied whole and has not been revoked.`,
      'HTTP 401 Unauthorized',
    );
  }
  return null;
}

/** The sandbox's own test: its key is the embedded one. */
export function sandboxReport(): TestReport {
  const main = DASTRA_WORKSPACES[0] ?? { id: 1, label: 'Siège' };
  return {
    kind: 'dastraWorkspace',
    durationMs: 35,
    outcome: {
      status: 'passed',
      found: {
        type: 'dastra',
        baseUrl: APP_INFO.workspace.baseUrl,
        user: 'API Passerelle (bac à sable)',
        organisation: 'Cabinet Lumen',
        workspaceId: main.id,
        workspaceLabel: main.label,
        workspaces: DASTRA_WORKSPACES,
      },
    },
  };
}

function serverProblem(
  host: string,
  port: number,
  database: string,
  user: string,
  secret: string | undefined,
  postgres: boolean,
): Failure | null {
  if (host.endsWith('.invalid')) return unreachable(`${host}:${port}`);
  if (secret === WRONG_SECRET) {
    const server = postgres ? 'The PostgreSQL server' : 'The server';
    const detail = postgres
      ? `password authentication failed for user "${user}"`
      : `Access denied for user '${user}'@'10.0.0.12' (using password: YES)`;
    return failure(
      'wrongCredentials',
      `${server} refused the user "${user}" or its password. Check both; if the password changed, enter the new one.`,
      detail,
    );
  }
  if (database.includes('absent')) {
    return failure('notFound', `The server has no database "${database}". Check its name.`);
  }
  return null;
}

function unreachable(target: string): Failure {
  return failure(
    'unreachable',
    `Passerelle could not reach ${target}. Check the server name and port, and that this computer may connect to it (VPN, firewall).`,
    'failed to lookup address information: Name or service not known',
  );
}

function failure(code: FailureCode, message: string, detail?: string): Failure {
  return { code, message, ...(detail ? { detail } : {}) };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
