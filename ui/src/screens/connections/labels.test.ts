import { describe, expect, it } from 'vitest';

import type { ConnectionView } from '../../bindings/ConnectionView';
import { en } from '../../i18n/en';
import { fr } from '../../i18n/fr';
import { connectionName, lastTestText, secretStatusText } from './labels';

const view: ConnectionView = {
  id: 'c1',
  name: 'Clients',
  kind: 'postgres',
  settings: {
    kind: 'postgres',
    settings: { host: 'db', port: 5432, database: 'crm', user: 'dpo', sslMode: 'prefer' },
  },
  secretStatus: 'stored',
  builtin: false,
  current: false,
  updated: '2026-12-01T10:00:00Z',
};

describe('the last test of a connection', () => {
  it('gives only the time for a test of today, and the date for an older one', () => {
    const at = '2026-12-03T09:30:00Z';
    const tested = { ...view, lastTest: { ok: true, at, summary: 'PostgreSQL 16' } };
    const sameDay = new Date(at);
    const nextWeek = new Date(Date.parse(at) + 7 * 86_400_000);

    expect(lastTestText(tested, fr, 'fr', sameDay).text).toMatch(/^Test réussi à \d\d:\d\d$/);
    expect(lastTestText(tested, fr, 'fr', nextWeek).text).toMatch(
      /^Test réussi le 3 déc\. 2026 à \d\d:\d\d$/,
    );
    expect(lastTestText(tested, en, 'en', nextWeek).text).toMatch(
      /^Test passed on 3 Dec 2026 at \d\d:\d\d/,
    );
  });

  it('reads as a failure, or as never tested', () => {
    const failed = {
      ...view,
      lastTest: { ok: false, at: '2026-12-03T09:30:00Z', summary: 'x', code: 'timeout' as const },
    };
    expect(lastTestText(failed, fr, 'fr')).toMatchObject({ tone: 'danger' });
    expect(lastTestText(failed, fr, 'fr').text).toMatch(/^Échec du test /);
    expect(lastTestText(view, fr, 'fr')).toEqual({ text: 'Pas encore testée', tone: 'neutral' });
  });
});

describe('the secret status of a connection', () => {
  it('names the secret the kind uses', () => {
    expect(secretStatusText(view, fr).text).toBe('Mot de passe enregistré dans le trousseau');
    const dastra: ConnectionView = {
      ...view,
      kind: 'dastraWorkspace',
      settings: {
        kind: 'dastraWorkspace',
        settings: { baseUrl: 'https://api.dastra.eu', auth: { type: 'apiKey' }, workspaceId: 1 },
      },
      secretStatus: 'missing',
    };
    expect(secretStatusText(dastra, en)).toEqual({
      text: 'Secret missing: enter the API key',
      tone: 'danger',
    });
    expect(secretStatusText({ ...view, secretStatus: 'notSet' }, fr).tone).toBe('neutral');
  });

  it('names the built-in sandbox in the UI language, whatever the vault calls it', () => {
    expect(connectionName({ builtin: true, name: 'Sandbox' }, fr)).toBe('Bac à sable');
    expect(connectionName({ builtin: false, name: 'Clients' }, fr)).toBe('Clients');
  });
});
