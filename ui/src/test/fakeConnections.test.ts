// The fake backend's connection commands keep the backend's promises, since the screen's tests
// and the mock window rely on them: no answer carries a secret, the sandbox stays first and
// untouchable, tests are recorded, imports never bring a secret.

import { listen } from '@tauri-apps/api/event';
import { describe, expect, it } from 'vitest';

import { call, type IpcError } from '../api';
import { installFakeBackend } from './fakeBackend';
import { CLIENTS_ID, CONNECTION_SECRETS, CONNECTIONS, RH_ID, SANTE_ID } from './fixtures';

async function refusal(promise: Promise<unknown>): Promise<IpcError> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: IpcError) => e,
  );
}

const POSTGRES = {
  kind: 'postgres' as const,
  settings: {
    host: 'db.lumen.local',
    port: 5432,
    database: 'crm',
    user: 'dpo',
    sslMode: 'prefer' as const,
  },
};

describe('the fake vault', () => {
  it('lists the sandbox first, then the others by name', async () => {
    installFakeBackend();
    const { items } = await call('connections_list', {});
    expect(items[0]).toMatchObject({
      id: 'sandbox',
      builtin: true,
      current: true,
      secretStatus: 'notNeeded',
    });
    const names = items.slice(1).map((c) => c.name);
    expect(names).toHaveLength(CONNECTIONS.length);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('never answers with a secret, whatever the command', async () => {
    const backend = installFakeBackend();
    const typed = 'typed-secret-7Qz';
    const saved = await call('connections_save', {
      name: 'Clients bis',
      settings: POSTGRES,
      secret: typed,
    });
    expect(saved.secretStatus).toBe('stored');
    await call('connections_test', { id: saved.id });
    await call('connections_test_draft', { id: saved.id, settings: POSTGRES });
    await call('connections_export', { ids: [] });
    await call('connections_secret_delete', { id: saved.id });
    await call('workspace_switch', { id: SANTE_ID });

    const answers = JSON.stringify(backend.responses);
    expect(answers).not.toContain(typed);
    for (const secret of Object.values(CONNECTION_SECRETS)) expect(answers).not.toContain(secret);
  });

  it('refuses settings field by field, with what to do', async () => {
    installFakeBackend();
    const error = await refusal(
      call('connections_save', {
        name: ' ',
        settings: { ...POSTGRES, settings: { ...POSTGRES.settings, host: '' } },
      }),
    );
    expect(error.code).toBe('invalid');
    expect(error.fields.map((f) => f.field)).toEqual(['name', 'settings.host']);
    expect(error.fields[1]).toMatchObject({ problem: 'is empty' });
    expect(error.fields[1]?.fix).toMatch(/^enter the database server's name/);
  });

  it('keeps the sandbox, and the kind of a saved connection', async () => {
    installFakeBackend();
    expect((await refusal(call('connections_delete', { id: 'sandbox' }))).code).toBe('invalid');
    const kindChange = await refusal(
      call('connections_save', {
        id: CLIENTS_ID,
        name: 'Clients',
        settings: { kind: 'sqlite', settings: { path: '/a.db' } },
      }),
    );
    expect(kindChange.message).toContain('cannot become a sqlite one');
    expect((await refusal(call('connections_test', { id: 'nope' }))).code).toBe('notFound');
  });

  it('answers a deletion with what remains', async () => {
    installFakeBackend();
    const { items } = await call('connections_delete', { id: RH_ID });
    expect(items.map((c) => c.id)).not.toContain(RH_ID);
    expect(items).toHaveLength(CONNECTIONS.length);
  });

  it('records the last test on the connection, and forgets it when its settings change', async () => {
    installFakeBackend();
    const report = await call('connections_test', { id: RH_ID });
    expect(report.outcome).toMatchObject({
      status: 'failed',
      failure: { code: 'missingPermission' },
    });
    const listed = (await call('connections_list', {})).items.find((c) => c.id === RH_ID);
    expect(listed?.lastTest).toMatchObject({ ok: false, code: 'missingPermission' });

    const saved = await call('connections_save', {
      id: RH_ID,
      name: 'Dossiers RH',
      settings: { kind: 'folder', settings: { path: '/srv/partages/clients' } },
    });
    expect(saved.lastTest).toBeUndefined();
  });

  it('imports under new ids, without secrets', async () => {
    installFakeBackend();
    const { json, count } = await call('connections_export', { ids: [CLIENTS_ID, SANTE_ID] });
    expect(count).toBe(2);
    const { imported } = await call('connections_import', { json });
    expect(imported.map((c) => c.secretStatus)).toEqual(['notSet', 'missing']);
    expect(imported.map((c) => c.id)).not.toContain(CLIENTS_ID);
    expect((await call('connections_list', {})).items).toHaveLength(CONNECTIONS.length + 3);
  });

  it('switches workspace, answers the new app info and tells every screen', async () => {
    installFakeBackend({ isSandbox: true });
    const heard: unknown[] = [];
    await listen('workspace_changed', (e) => heard.push(e.payload));

    const info = await call('workspace_switch', { id: SANTE_ID });

    expect(info.workspace).toMatchObject({
      connectionId: SANTE_ID,
      workspaceId: 2,
      label: 'Cabinet Lumen — Santé',
      isSandbox: false,
    });
    expect((await call('app_info', {})).workspace.connectionId).toBe(SANTE_ID);
    await expect.poll(() => heard).toEqual([{ workspace: info.workspace }]);
    const notAWorkspace = await refusal(call('workspace_switch', { id: CLIENTS_ID }));
    expect(notAWorkspace.message).toContain('not a Dastra workspace');
  });
});
