// Realistic sample data shaped exactly like the bindings, for tests with a mocked backend.
// Every person and organisation here is made up.

import type { ActorRow } from '../bindings/ActorRow';
import type { AppInfo } from '../bindings/AppInfo';
import type { AssetRow } from '../bindings/AssetRow';
import type { ContractRow } from '../bindings/ContractRow';
import type { DsarDetail } from '../bindings/DsarDetail';
import type { DsarRow } from '../bindings/DsarRow';
import type { LastTest } from '../bindings/LastTest';
import type { Settings } from '../bindings/Settings';
import type { WorkspaceChoice } from '../bindings/WorkspaceChoice';

export const APP_INFO: AppInfo = {
  version: '0.1.0',
  language: 'fr',
  languagePreference: 'system',
  workspace: {
    label: 'Bac à sable — Cabinet Lumen',
    workspaceId: 1,
    baseUrl: 'http://127.0.0.1:40123',
    isSandbox: true,
    connectionId: 'sandbox',
  },
};

const PEOPLE: [string, string][] = [
  ['Élodie', 'Dupont-Moreau'],
  ['Karim', 'Benali'],
  ['Sophie', 'Lefèvre'],
  ['Thomas', 'Garnier'],
  ['Amélie', 'Rousseau'],
  ['Nicolas', 'Fontaine'],
  ['Camille', 'Chevalier'],
  ['Julien', 'Mercier'],
  ['Inès', 'Haddad'],
  ['Paul', 'Marchand'],
];

const TITLES = [
  'Demande de copie de mes données',
  'Suppression de mon compte client',
  'Correction de mon adresse postale',
  'Opposition à la prospection commerciale',
];

const PURPOSES = [['Access'], ['Erasure'], ['Rectification'], ['Opposition', 'Erasure']];
const STATES = ['Open', 'IdentityValidation', 'Processing', 'Active', 'Closed'];
const STEPS = ['Réception', 'Vérification', 'Recherche des données', 'Réponse'];

function day(offset: number): string {
  const d = new Date(Date.UTC(2026, 11, 3 + offset));
  return d.toISOString().replace('.000Z', 'Z');
}

/** Forty requests: ten people, four kinds of request; every seventh is closed, some overdue. */
export const DSARS: DsarRow[] = Array.from({ length: 40 }, (_, i) => {
  const [given, family] = PEOPLE[i % PEOPLE.length] as [string, string];
  const kind = Math.floor(i / PEOPLE.length);
  const state = i % 7 === 6 ? 'Closed' : (STATES[i % 4] as string);
  const daysLeft = state === 'Closed' ? null : ((i * 7) % 45) - 9;
  return {
    id: 1001 + i,
    title: TITLES[kind] as string,
    requester: `${given} ${family}`,
    email: `${given.toLowerCase()}.${family.toLowerCase()}@exemple.fr`
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, ''),
    purposes: PURPOSES[kind] as string[],
    state,
    workflowStep: i % 5 === 4 ? null : (STEPS[i % STEPS.length] as string),
    dueDate: day(daysLeft ?? -20),
    daysLeft,
    overdue: daysLeft !== null && daysLeft < 0,
    created: day(-((i * 11) % 60) - 1),
  };
});

/** The detail of a request of DSARS; the first has every field, the others only some. */
export function dsarDetail(row: DsarRow): DsarDetail {
  const [given, ...rest] = row.requester.split(' ');
  const full = row.id === DSARS[0]?.id;
  return {
    summary: row,
    identity: {
      givenName: given ?? null,
      familyName: rest.join(' ') || null,
      email: row.email,
      phoneNumber: full ? '+33 6 12 34 56 78' : null,
      address: full ? '12 rue des Lilas' : null,
      zipCode: full ? '69003' : null,
      city: full ? 'Lyon' : null,
      countryCode: full ? 'FR' : null,
      refId: full ? 'CLI-004512' : null,
      userId: null,
    },
    description: full
      ? "Bonjour, je souhaite recevoir une copie de l'ensemble des données personnelles que vous détenez sur moi."
      : null,
    resolutionMessage: null,
    channel: 'Form',
    personCategory: 'Client',
    locale: 'fr',
    area: 'Cabinet Lumen — Siège',
    identityValidated: full,
    attachments: full
      ? [
          {
            id: 'a1',
            fileName: 'piece-identite.pdf',
            size: 245_760,
            created: '2026-11-20T09:12:00Z',
          },
        ]
      : [],
    messages: full ? 3 : 0,
    unreadMessages: full ? 1 : 0,
    dates: {
      created: row.created,
      updated: null,
      emailValidated: full ? '2026-11-19T10:00:00Z' : null,
      identityValidated: null,
      userNotified: null,
      closed: null,
    },
  };
}

export const ASSETS: AssetRow[] = Array.from({ length: 230 }, (_, i) => ({
  id: 1 + i,
  label: `${['CRM', 'Paie', 'Messagerie', 'Serveur de fichiers', 'Site web'][i % 5]} ${i + 1}`,
  reference: i % 3 === 0 ? null : `CMDB-${String(1000 + i)}`,
  kind: i % 4 === 3 ? 'Building' : 'Software',
  applicationType: i % 4 === 3 ? null : 'Saas',
  applicationState: i % 4 === 3 ? null : 'InProduction',
  hosting: i % 2 === 0 ? 'OutSourced' : 'InHouse',
  tags: i % 2 === 0 ? ['RH'] : [],
  updated: '2026-10-01T08:00:00Z',
}));

export const ACTORS: ActorRow[] = Array.from({ length: 12 }, (_, i) => ({
  id: 1 + i,
  name: `${['Nuage Hébergement', 'Paie Services', 'Routage Express'][i % 3]} ${i + 1}`,
  reference: `VEND-${i + 1}`,
  kind: 'Morale',
  countryCode: i % 2 === 0 ? 'FR' : 'DE',
  email: `dpo${i + 1}@fournisseur.example`,
  dpaSigned: i % 3 === 0 ? null : '2025-03-14T00:00:00Z',
  tags: ['Sous-traitant'],
}));

export const CONTRACTS: ContractRow[] = Array.from({ length: 5 }, (_, i) => ({
  id: `6f1c2d3e-0000-4000-8000-00000000000${i}`,
  label: `Contrat d'hébergement ${i + 1}`,
  reference: null,
  state: i === 4 ? 'Expired' : 'Active',
  contractType: 'DataProcessingAgreement',
  startDate: '2024-01-01T00:00:00Z',
  endDate: i === 4 ? '2025-12-31T00:00:00Z' : null,
  assets: i,
  signatories: 2,
}));

/** A saved connection as the fake vault keeps it: the view's fields that are not derived. */
export type FakeProfile = {
  id: string;
  name: string;
  settings: Settings;
  builtin: boolean;
  created: string;
  updated: string;
  lastTest?: LastTest;
};

/** The built-in sandbox; its address is a placeholder, as in the vault. */
export const SANDBOX_PROFILE: FakeProfile = {
  id: 'sandbox',
  name: 'Sandbox',
  settings: {
    kind: 'dastraWorkspace',
    settings: { baseUrl: 'http://127.0.0.1', auth: { type: 'apiKey' }, workspaceId: 1 },
  },
  builtin: true,
  created: '1970-01-01T00:00:00Z',
  updated: '1970-01-01T00:00:00Z',
};

/** The workspaces any accepted Dastra key opens in the fake (the sandbox's tenant). */
export const DASTRA_WORKSPACES: WorkspaceChoice[] = [
  { id: 1, label: 'Cabinet Lumen — Siège' },
  { id: 2, label: 'Cabinet Lumen — Santé' },
];

export const CLIENTS_ID = '3f6c1d2a-8b4e-4c1f-9d7a-1c2b3d4e5f01';
export const SANTE_ID = '3f6c1d2a-8b4e-4c1f-9d7a-1c2b3d4e5f02';
export const RH_ID = '3f6c1d2a-8b4e-4c1f-9d7a-1c2b3d4e5f03';
export const BOUTIQUE_ID = '3f6c1d2a-8b4e-4c1f-9d7a-1c2b3d4e5f04';
export const CRM_ID = '3f6c1d2a-8b4e-4c1f-9d7a-1c2b3d4e5f05';

/**
 * Saved connections, one per situation the list shows: a database tested with its password
 * stored, a second Dastra workspace with its key, a folder whose last test failed, a MariaDB
 * without its optional password, and an API whose token was never entered (as after an import).
 */
export const CONNECTIONS: FakeProfile[] = [
  {
    id: CLIENTS_ID,
    name: 'Clients',
    settings: {
      kind: 'postgres',
      settings: {
        host: 'db.lumen.local',
        port: 5432,
        database: 'crm',
        user: 'dpo_lecture',
        sslMode: 'require',
      },
    },
    builtin: false,
    created: '2026-11-02T09:30:00Z',
    updated: '2026-11-02T09:30:00Z',
    lastTest: {
      ok: true,
      at: '2026-12-02T14:05:00Z',
      summary: 'PostgreSQL 16.4, database crm: 4 tables (4 with a row count)',
    },
  },
  {
    id: SANTE_ID,
    name: 'Cabinet Lumen — Santé',
    settings: {
      kind: 'dastraWorkspace',
      settings: {
        baseUrl: 'https://api.dastra.eu',
        auth: { type: 'apiKey' },
        workspaceId: 2,
        workspaceLabel: 'Cabinet Lumen — Santé',
      },
    },
    builtin: false,
    created: '2026-11-05T10:00:00Z',
    updated: '2026-11-05T10:00:00Z',
  },
  {
    id: RH_ID,
    name: 'Dossiers RH',
    settings: {
      kind: 'folder',
      settings: { path: '/srv/partages/rh', include: ['**/*.pdf'], exclude: ['**/archives/**'] },
    },
    builtin: false,
    created: '2026-11-10T08:00:00Z',
    updated: '2026-11-10T08:00:00Z',
    lastTest: {
      ok: false,
      at: '2026-12-01T16:40:00Z',
      summary: 'The folder /srv/partages/rh does not exist. Check its path.',
      code: 'notFound',
    },
  },
  {
    id: BOUTIQUE_ID,
    name: 'Boutique en ligne',
    settings: {
      kind: 'mysql',
      settings: { host: 'shop-db.lumen.local', port: 3306, database: 'boutique', user: 'lecture' },
    },
    builtin: false,
    created: '2026-11-12T11:20:00Z',
    updated: '2026-11-12T11:20:00Z',
  },
  {
    id: CRM_ID,
    name: 'CRM commercial',
    settings: {
      kind: 'restApi',
      settings: {
        baseUrl: 'https://crm.lumen.example/api',
        auth: { type: 'bearer' },
        headers: { Accept: 'application/json' },
        probe: { method: 'GET', path: '/health' },
      },
    },
    builtin: false,
    created: '2026-11-20T15:00:00Z',
    updated: '2026-11-20T15:00:00Z',
  },
];

/** The secrets the fake keyring holds at start, by connection id (made up). */
export const CONNECTION_SECRETS: Record<string, string> = {
  [CLIENTS_ID]: 'pg-lecture-fictif',
  [SANTE_ID]: 'dastra-cle-fictive',
};
