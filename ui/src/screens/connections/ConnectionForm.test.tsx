import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { installFakeBackend } from '../../test/fakeBackend';
import { APP_INFO, CLIENTS_ID, CONNECTIONS } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const ROWS = CONNECTIONS.length + 1;

/** The Connections screen with its list loaded, and the new-connection form open. */
async function openNewForm(options: Parameters<typeof installFakeBackend>[0] = {}) {
  const backend = installFakeBackend(options);
  const app = renderApp('#/connections');
  await waitFor(() => expect(screen.getAllByTestId('connection-row').length).toBeGreaterThan(0));
  await app.user.click(screen.getByTestId('connection-new'));
  await screen.findByTestId('connection-form');
  return { backend, ...app };
}

/** The form field around the input with this test id. */
function fieldOf(testId: string): HTMLElement {
  const field = screen.getByTestId(testId).closest<HTMLElement>('[data-invalid]');
  if (!field) throw new Error(`BUG: ${testId} is not inside a form field`);
  return field;
}

describe('a new PostgreSQL connection', () => {
  it('is tested before saving, shows the tables found, then is saved and listed', async () => {
    const { backend, user } = await openNewForm();

    await user.selectOptions(screen.getByTestId('connection-kind'), 'postgres');
    expect(screen.getByTestId('field-port'), 'the default port is filled in').toHaveValue('5432');
    await user.type(screen.getByTestId('field-name'), 'Clients (PostgreSQL)');
    await user.type(screen.getByTestId('field-host'), '127.0.0.1');
    await user.type(screen.getByTestId('field-database'), 'test');
    await user.type(screen.getByTestId('field-user'), 'postgres');
    await user.click(screen.getByTestId('connection-test'));

    expect(await screen.findByTestId('test-ok')).toHaveTextContent('La connexion fonctionne');
    const tables = screen.getAllByTestId('found-table');
    expect(tables.map((t) => t.dataset.name)).toEqual([
      'clients',
      'commandes',
      'factures',
      'v_clients_actifs',
    ]);
    expect(screen.getByTestId('test-report')).toHaveTextContent('Lecture seule confirmée');
    expect(backend.last('connections_test_draft'), 'no password typed, none sent').toEqual({
      settings: {
        kind: 'postgres',
        settings: {
          host: '127.0.0.1',
          port: 5432,
          database: 'test',
          user: 'postgres',
          sslMode: 'prefer',
        },
      },
    });

    await user.click(screen.getByTestId('connection-save'));

    await waitFor(() => expect(screen.getAllByTestId('connection-row')).toHaveLength(ROWS + 1));
    expect(screen.queryByTestId('connection-form'), 'back to the list').toBeNull();
    expect(screen.getByTestId('connections-notice')).toHaveTextContent(
      'La connexion « Clients (PostgreSQL) » est enregistrée.',
    );
    const saved = screen
      .getAllByTestId('connection-row')
      .find((r) => r.textContent?.includes('Clients (PostgreSQL)'));
    expect(saved?.dataset.kind).toBe('postgres');
    expect(saved?.dataset.current).toBe('false');
    expect(within(saved as HTMLElement).getByTestId('connection-status').dataset.secret).toBe(
      'notSet',
    );
    expect(backend.last('connections_save')).toMatchObject({ name: 'Clients (PostgreSQL)' });
    expect(backend.last('connections_save')).not.toHaveProperty('id');
  });

  it('says when the settings changed since the test', async () => {
    const { user } = await openNewForm();
    await user.selectOptions(screen.getByTestId('connection-kind'), 'postgres');
    await user.type(screen.getByTestId('field-host'), 'db.lumen.local');
    await user.type(screen.getByTestId('field-database'), 'crm');
    await user.type(screen.getByTestId('field-user'), 'dpo');
    await user.click(screen.getByTestId('connection-test'));
    await screen.findByTestId('test-ok');
    expect(screen.queryByTestId('test-stale')).toBeNull();

    await user.type(screen.getByTestId('field-database'), '_archive');

    expect(screen.getByTestId('test-stale')).toHaveTextContent('Les réglages ont changé');
    await user.click(screen.getByTestId('connection-test'));
    await screen.findByTestId('test-ok');
    expect(screen.queryByTestId('test-stale')).toBeNull();
  });
});

describe('a MySQL test with a wrong password', () => {
  it('shows the classified failure, and the password is only sent, never shown', async () => {
    const { backend, user } = await openNewForm();

    await user.selectOptions(screen.getByTestId('connection-kind'), 'mysql');
    expect(screen.getByTestId('field-port')).toHaveValue('3306');
    await user.type(screen.getByTestId('field-name'), 'Boutique (MariaDB)');
    await user.type(screen.getByTestId('field-host'), '127.0.0.1');
    await user.type(screen.getByTestId('field-database'), 'test');
    await user.type(screen.getByTestId('field-user'), 'root');
    await user.type(screen.getByTestId('field-secret'), 'wrong');
    expect(screen.getByTestId('field-secret')).toHaveAttribute('type', 'password');
    await user.click(screen.getByTestId('connection-test'));

    expect(await screen.findByTestId('test-failed')).toHaveTextContent(
      'La connexion ne fonctionne pas',
    );
    const code = screen.getByTestId('test-failure-code');
    expect(code).toHaveAttribute('data-code', 'wrongCredentials');
    expect(code).toHaveTextContent("L'identifiant, le mot de passe ou la clé a été refusé");
    expect(screen.getByTestId('test-failure-message')).toHaveTextContent('"root"');
    expect(screen.queryByTestId('found-table')).toBeNull();
    expect(backend.last('connections_test_draft')?.secret).toBe('wrong');

    await user.click(screen.getByTestId('connection-save'));
    await waitFor(() => expect(screen.getAllByTestId('connection-row')).toHaveLength(ROWS + 1));
    expect(backend.last('connections_save')?.secret, 'saving keeps what was typed').toBe('wrong');
    expect(JSON.stringify(backend.responses)).not.toContain('"wrong"');
  });
});

describe("the vault's field errors", () => {
  it('appear next to the field they are about, which gets the focus', async () => {
    const { backend, user } = await openNewForm();
    await user.selectOptions(screen.getByTestId('connection-kind'), 'postgres');
    await user.type(screen.getByTestId('field-name'), 'Clients');
    // The form lets this through; the vault does not.
    await user.type(screen.getByTestId('field-host'), 'db.lumen.local:5432');
    await user.type(screen.getByTestId('field-database'), 'crm');
    await user.type(screen.getByTestId('field-user'), 'dpo');
    await user.click(screen.getByTestId('connection-save'));

    const error = await within(fieldOf('field-host')).findByTestId('field-error');
    expect(error).toHaveAttribute('data-field', 'settings.host');
    expect(error).toHaveTextContent('Holds a port: put the port in the port field');
    expect(screen.getAllByTestId('field-error'), 'only that one').toHaveLength(1);
    expect(screen.getByTestId('field-host')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('field-host')).toHaveFocus();
    expect(screen.getByTestId('connection-form'), 'still on the form').toBeInTheDocument();
    expect(backend.requests('connections_save')).toHaveLength(1);

    await user.clear(screen.getByTestId('field-host'));
    await user.type(screen.getByTestId('field-host'), 'db.lumen.local');
    expect(screen.queryByTestId('field-error'), 'typing there clears it').toBeNull();
    await user.click(screen.getByTestId('connection-save'));
    await waitFor(() => expect(screen.getAllByTestId('connection-row')).toHaveLength(ROWS + 1));
  });

  it('land on list fields by their item, and those without an input are listed apart', async () => {
    const { backend, user } = await openNewForm();
    backend.fail('connections_save', 'invalid', 'vault: invalid connection settings', [
      { field: 'settings.schemas[1]', problem: 'is empty', fix: 'remove the empty schema' },
      { field: 'settings.tls', problem: 'is unknown', fix: 'update Passerelle' },
    ]);
    await user.selectOptions(screen.getByTestId('connection-kind'), 'postgres');
    await user.type(screen.getByTestId('field-name'), 'Clients');
    await user.type(screen.getByTestId('field-host'), 'db');
    await user.type(screen.getByTestId('field-database'), 'crm');
    await user.type(screen.getByTestId('field-user'), 'dpo');
    await user.click(screen.getByTestId('connection-save'));

    const schemas = await within(fieldOf('field-schemas')).findByTestId('field-error');
    expect(schemas).toHaveAttribute('data-field', 'settings.schemas[1]');
    const others = screen
      .getAllByTestId('field-error')
      .filter((e) => e.dataset.field === 'settings.tls');
    expect(others).toHaveLength(1);
    expect(others[0]).toHaveTextContent('Is unknown: update Passerelle');
    expect(screen.queryByTestId('save-error'), 'no second, vaguer message').toBeNull();
  });

  it('the form catches the obvious ones itself, in French, without asking the vault', async () => {
    const { backend, user } = await openNewForm();
    await user.selectOptions(screen.getByTestId('connection-kind'), 'mysql');
    await user.clear(screen.getByTestId('field-port'));
    await user.type(screen.getByTestId('field-port'), '99999');
    await user.click(screen.getByTestId('connection-save'));

    const fields = screen.getAllByTestId('field-error').map((e) => e.dataset.field);
    expect(fields).toEqual([
      'name',
      'settings.host',
      'settings.port',
      'settings.database',
      'settings.user',
    ]);
    expect(within(fieldOf('field-port')).getByTestId('field-error')).toHaveTextContent(
      'Un nombre entre 1 et 65535',
    );
    expect(backend.requests('connections_save')).toHaveLength(0);
  });

  it('a refusal without fields says what happened and what to do', async () => {
    const { backend, user } = await openNewForm();
    backend.fail('connections_save', 'keyring', 'vault: the system keyring could not store');
    await user.selectOptions(screen.getByTestId('connection-kind'), 'sqlite');
    await user.type(screen.getByTestId('field-name'), 'Ventes');
    await user.type(screen.getByTestId('field-path'), '/srv/ventes.db');
    await user.click(screen.getByTestId('connection-save'));

    const error = await screen.findByTestId('save-error');
    expect(error).toHaveTextContent("La connexion n'a pas pu être enregistrée");
    expect(error).toHaveTextContent('déverrouillez-le');
    expect(error).toHaveTextContent('vault: the system keyring could not store');
  });
});

describe('the secret', () => {
  it('is not sent for a kind that uses none, even if one was typed before', async () => {
    const { backend, user } = await openNewForm();
    await user.selectOptions(screen.getByTestId('connection-kind'), 'postgres');
    await user.type(screen.getByTestId('field-secret'), 'typed-for-postgres');
    await user.selectOptions(screen.getByTestId('connection-kind'), 'folder');
    expect(screen.queryByTestId('field-secret')).toBeNull();
    await user.type(screen.getByTestId('field-name'), 'Partage');
    await user.type(screen.getByTestId('field-path'), '/srv/partages/clients');
    await user.click(screen.getByTestId('connection-test'));
    await screen.findByTestId('test-ok');
    await user.click(screen.getByTestId('connection-save'));

    await waitFor(() => expect(screen.getAllByTestId('connection-row')).toHaveLength(ROWS + 1));
    expect(backend.last('connections_test_draft')).not.toHaveProperty('secret');
    expect(backend.last('connections_save')).not.toHaveProperty('secret');
  });

  it('of a saved connection is only said to be stored, and the stored one is used for tests', async () => {
    const backend = installFakeBackend();
    const { user } = renderApp('#/connections');
    const row = await waitFor(() => {
      const found = screen
        .getAllByTestId('connection-row')
        .find((r) => r.dataset.id === CLIENTS_ID);
      if (!found) throw new Error('no Clients row yet');
      return found;
    });
    await user.click(within(row).getByTestId('connection-edit'));

    expect(await screen.findByTestId('secret-stored')).toHaveTextContent(
      'Dans le trousseau du système, jamais affiché',
    );
    expect(screen.queryByTestId('field-secret')).toBeNull();
    expect(screen.getByTestId('connection-kind')).toBeDisabled();
    expect(screen.getByTestId('field-port')).toHaveValue('5432');
    await user.click(screen.getByTestId('connection-test'));
    await screen.findByTestId('test-ok');
    expect(backend.last('connections_test_draft')).toMatchObject({ id: CLIENTS_ID });
    expect(backend.last('connections_test_draft')).not.toHaveProperty('secret');

    await user.click(screen.getByTestId('secret-replace'));
    await user.type(screen.getByTestId('field-secret'), 'new-password');
    await user.click(screen.getByTestId('connection-save'));
    await screen.findByTestId('connections-notice');
    expect(backend.last('connections_save')).toMatchObject({
      id: CLIENTS_ID,
      name: 'Clients',
      secret: 'new-password',
    });
  });
});

describe('a new Dastra workspace', () => {
  it('lists the workspaces its key opens, picks one, and is saved under its name', async () => {
    const { backend, user } = await openNewForm();

    expect(screen.getByTestId('connection-kind')).toHaveValue('dastraWorkspace');
    const url = screen.getByTestId('field-base-url');
    expect(url).toHaveValue('https://api.dastra.eu');
    await user.clear(url);
    await user.type(url, APP_INFO.workspace.baseUrl);
    await user.click(screen.getByTestId('workspace-load'));
    expect(
      within(fieldOf('field-secret')).getByTestId('field-error'),
      'no key, no list',
    ).toHaveAttribute('data-field', 'secret');
    expect(backend.requests('dastra_workspaces')).toHaveLength(0);

    await user.type(screen.getByTestId('field-secret'), 'sandbox-secret');
    await user.click(screen.getByTestId('workspace-load'));
    await waitFor(() =>
      expect(screen.getByTestId('field-workspace-id').querySelectorAll('option')).toHaveLength(3),
    );
    await user.selectOptions(screen.getByTestId('field-workspace-id'), '2');
    expect(screen.getByTestId('field-name'), 'named after the workspace').toHaveValue(
      'Cabinet Lumen — Santé',
    );
    await user.click(screen.getByTestId('connection-save'));

    await waitFor(() => expect(screen.getAllByTestId('connection-row')).toHaveLength(ROWS + 1));
    expect(backend.last('connections_save')).toEqual({
      name: 'Cabinet Lumen — Santé',
      settings: {
        kind: 'dastraWorkspace',
        settings: {
          baseUrl: APP_INFO.workspace.baseUrl,
          auth: { type: 'apiKey' },
          workspaceId: 2,
          workspaceLabel: 'Cabinet Lumen — Santé',
        },
      },
      secret: 'sandbox-secret',
    });
  });

  it('says why Dastra would not list them', async () => {
    const { user } = await openNewForm();
    await user.type(screen.getByTestId('field-secret'), 'wrong');
    await user.click(screen.getByTestId('workspace-load'));

    const error = await screen.findByTestId('workspace-load-error');
    expect(error).toHaveTextContent("Dastra n'a pas donné la liste des espaces");
    expect(error).toHaveTextContent('Dastra refused the API key');
  });
});
