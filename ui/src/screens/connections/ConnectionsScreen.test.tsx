import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { installFakeBackend } from '../../test/fakeBackend';
import {
  BOUTIQUE_ID,
  CLIENTS_ID,
  CONNECTION_SECRETS,
  CONNECTIONS,
  CRM_ID,
  RH_ID,
  SANTE_ID,
} from '../../test/fixtures';
import { renderApp } from '../../test/render';

const ROWS = CONNECTIONS.length + 1;

async function openScreen(options: Parameters<typeof installFakeBackend>[0] = {}) {
  const backend = installFakeBackend(options);
  const app = renderApp('#/connections');
  await waitFor(() => expect(screen.getAllByTestId('connection-row').length).toBeGreaterThan(0));
  return { backend, ...app };
}

function rows(): HTMLElement[] {
  return screen.getAllByTestId('connection-row');
}

function row(id: string): HTMLElement {
  const found = rows().find((r) => r.dataset.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

function status(id: string) {
  const el = within(row(id)).getByTestId('connection-status');
  return { secret: el.dataset.secret, test: el.dataset.test, text: el.textContent };
}

describe('the list of connections', () => {
  it('shows the built-in sandbox first, current, with its badges and nothing to delete', async () => {
    await openScreen();

    expect(screen.getByTestId('screen-title')).toHaveTextContent('Connexions');
    const first = rows()[0] as HTMLElement;
    expect(first.dataset).toMatchObject({
      id: 'sandbox',
      kind: 'dastraWorkspace',
      current: 'true',
    });
    expect(within(first).getByTestId('connection-name')).toHaveTextContent('Bac à sable');
    expect(within(first).getByTestId('connection-builtin')).toHaveTextContent('Intégrée');
    expect(within(first).getByTestId('connection-current')).toHaveTextContent('Espace actuel');
    expect(within(first).queryByTestId('connection-delete')).toBeNull();
    expect(within(first).queryByTestId('connection-edit')).toBeNull();
    expect(within(first).queryByTestId('connection-select'), 'never exported').toBeNull();
    expect(status('sandbox').secret).toBe('notNeeded');
  });

  it('lists the others by name, each with where its secret stands and how its last test went', async () => {
    await openScreen();

    expect(rows().map((r) => r.dataset.id)).toEqual([
      'sandbox',
      BOUTIQUE_ID,
      SANTE_ID,
      CLIENTS_ID,
      CRM_ID,
      RH_ID,
    ]);
    expect(rows().filter((r) => r.dataset.current === 'true')).toHaveLength(1);
    expect(status(CLIENTS_ID)).toMatchObject({ secret: 'stored', test: 'ok' });
    expect(status(CLIENTS_ID).text).toContain('Mot de passe enregistré dans le trousseau');
    expect(status(CLIENTS_ID).text).toMatch(/Test réussi le 2 déc\. 2026 à \d\d:\d\d/);
    expect(status(RH_ID)).toMatchObject({ secret: 'notNeeded', test: 'failed' });
    expect(status(RH_ID).text).toContain('Échec du test le');
    expect(status(BOUTIQUE_ID)).toMatchObject({ secret: 'notSet', test: 'never' });
    expect(status(BOUTIQUE_ID).text).toContain('Pas encore testée');
    expect(status(CRM_ID)).toMatchObject({ secret: 'missing', test: 'never' });
    expect(status(CRM_ID).text).toContain('Secret manquant : saisissez le jeton');
    expect(within(row(CLIENTS_ID)).getByTestId('connection-summary')).toHaveTextContent(
      'PostgreSQL · crm sur db.lumen.local:5432, utilisateur dpo_lecture',
    );
    expect(within(row(SANTE_ID)).getByTestId('connection-use')).toBeInTheDocument();
    expect(within(row(CLIENTS_ID)).queryByTestId('connection-use'), 'not a workspace').toBeNull();
  });

  it('tests a saved connection with its stored secret, and keeps the result', async () => {
    const { backend, user } = await openScreen();

    await user.click(within(row(RH_ID)).getByTestId('connection-test'));
    const code = await within(row(RH_ID)).findByTestId('test-failure-code');
    expect(code).toHaveAttribute('data-code', 'missingPermission');

    await user.click(within(row(CLIENTS_ID)).getByTestId('connection-test'));
    await within(row(CLIENTS_ID)).findByTestId('test-ok');
    expect(within(row(CLIENTS_ID)).getAllByTestId('found-table')).toHaveLength(4);
    expect(backend.requests('connections_test')).toEqual([{ id: RH_ID }, { id: CLIENTS_ID }]);
    await waitFor(() => expect(status(CLIENTS_ID).text).toMatch(/Test réussi à \d\d:\d\d/));
  });

  it('says plainly when the list cannot be read, and reads it again on demand', async () => {
    const backend = installFakeBackend();
    backend.fail('connections_list', 'keyring', 'vault: the system keyring did not answer');
    const { user } = renderApp('#/connections');

    expect(await screen.findByTestId('error-state')).toHaveTextContent(
      'Impossible de charger les connexions',
    );
    backend.recover();
    await user.click(screen.getByTestId('error-retry'));
    await waitFor(() => expect(rows()).toHaveLength(ROWS));
  });

  it('starts with the sandbox alone on a first start', async () => {
    await openScreen({ connections: [], secrets: {} });
    expect(rows().map((r) => r.dataset.id)).toEqual(['sandbox']);
    expect(screen.getByTestId('screen-title').parentElement).toHaveTextContent('1 connexion');
  });
});

describe('deleting a connection', () => {
  it('asks first, then the row disappears', async () => {
    const { backend, user } = await openScreen();

    await user.click(within(row(RH_ID)).getByTestId('connection-delete'));
    const dialog = await screen.findByTestId('delete-dialog');
    expect(dialog).toHaveTextContent('Supprimer « Dossiers RH » ?');
    expect(within(dialog).getByTestId('delete-keyring')).toHaveTextContent(
      "Aucun secret n'est enregistré",
    );
    await user.click(within(dialog).getByTestId('cancel-delete'));
    expect(screen.queryByTestId('delete-dialog')).toBeNull();
    expect(backend.requests('connections_delete'), 'nothing without confirmation').toEqual([]);

    await user.click(within(row(RH_ID)).getByTestId('connection-delete'));
    await user.click(await screen.findByTestId('confirm-delete'));

    await waitFor(() => expect(rows()).toHaveLength(ROWS - 1));
    expect(rows().some((r) => r.dataset.id === RH_ID)).toBe(false);
    expect(backend.last('connections_delete')).toEqual({ id: RH_ID });
    expect(screen.getByTestId('connections-notice')).toHaveTextContent(
      'La connexion « Dossiers RH » est supprimée.',
    );
  });

  it('says that a stored password leaves the keyring too', async () => {
    const { user } = await openScreen();
    await user.click(within(row(CLIENTS_ID)).getByTestId('connection-delete'));
    expect(await screen.findByTestId('delete-keyring')).toHaveTextContent(
      'effacé du trousseau du système',
    );
  });

  it('of the current workspace goes back to the sandbox, and says so first', async () => {
    const { user } = await openScreen();
    await user.selectOptions(screen.getByTestId('workspace-switcher'), SANTE_ID);
    await waitFor(() => expect(row(SANTE_ID).dataset.current).toBe('true'));

    await user.click(within(row(SANTE_ID)).getByTestId('connection-delete'));
    expect(await screen.findByTestId('delete-current')).toHaveTextContent(
      'Passerelle reviendra au bac à sable',
    );
    await user.click(screen.getByTestId('confirm-delete'));

    await waitFor(() => expect(row('sandbox').dataset.current).toBe('true'));
    expect(screen.getByTestId('workspace-label')).toHaveTextContent('Bac à sable — Cabinet Lumen');
    expect(screen.getByTestId('sandbox-badge')).toBeInTheDocument();
  });
});

describe('export and import', () => {
  it('export every connection without a secret, and an import asks for each one', async () => {
    const { backend, user } = await openScreen();

    // A connection whose password is typed now: the export must not carry it.
    await user.click(screen.getByTestId('connection-new'));
    await user.selectOptions(await screen.findByTestId('connection-kind'), 'mysql');
    await user.type(screen.getByTestId('field-name'), 'Boutique (MariaDB)');
    await user.type(screen.getByTestId('field-host'), 'shop.lumen.local');
    await user.type(screen.getByTestId('field-database'), 'boutique');
    await user.type(screen.getByTestId('field-user'), 'lecture');
    await user.type(screen.getByTestId('field-secret'), 'Tr3s-secret-Boutique');
    await user.click(screen.getByTestId('connection-save'));
    await waitFor(() => expect(rows()).toHaveLength(ROWS + 1));

    await user.click(screen.getByTestId('connections-export'));
    expect(await screen.findByTestId('export-count')).toHaveTextContent(
      '6 connexions exportées, sans aucun mot de passe ni aucune clé.',
    );
    const json = (screen.getByTestId('export-json') as HTMLTextAreaElement).value;
    expect(json).toContain('Boutique (MariaDB)');
    expect(json).not.toContain('Tr3s-secret-Boutique');
    for (const secret of Object.values(CONNECTION_SECRETS)) expect(json).not.toContain(secret);
    const doc = JSON.parse(json) as { format: string; profiles: { id: string }[] };
    expect(doc.format).toBe('passerelle-connections');
    expect(doc.profiles.map((p) => p.id)).not.toContain('sandbox');
    expect(backend.last('connections_export')).toEqual({ ids: [] });
    await user.click(screen.getByTestId('export-close'));

    await user.click(screen.getByTestId('connections-import'));
    await user.click(await screen.findByTestId('import-json'));
    await user.paste(json);
    await user.click(screen.getByTestId('import-confirm'));

    const result = await screen.findByTestId('import-result');
    expect(result).toHaveTextContent('6 connexions importées');
    const imported = within(result).getAllByTestId('imported-row');
    expect(imported).toHaveLength(6);
    // Those with a password or key ask for it; the folder uses none.
    expect(within(result).getAllByTestId('import-enter-secret')).toHaveLength(5);
    expect(screen.getByTestId('import-secrets')).toHaveTextContent(
      'Un export ne contient jamais de secret',
    );
    const answer = backend.responses.find((r) => r.cmd === 'connections_import');
    const statuses = (answer?.res as { imported: { secretStatus: string }[] }).imported.map(
      (c) => c.secretStatus,
    );
    expect(statuses).not.toContain('stored');
    expect(JSON.stringify(backend.responses)).not.toContain('Tr3s-secret-Boutique');

    await user.click(screen.getByTestId('import-close'));
    await waitFor(() => expect(rows()).toHaveLength(2 * (ROWS + 1) - 1));
  });

  it('an imported connection opens on its secret, marked missing', async () => {
    const { user } = await openScreen({ connections: [] });
    const exportOf = JSON.stringify({
      format: 'passerelle-connections',
      version: 1,
      profiles: [
        {
          id: 'elsewhere-1',
          name: 'CRM commercial',
          kind: 'restApi',
          settings: {
            baseUrl: 'https://crm.lumen.example/api',
            auth: { type: 'bearer' },
            probe: { method: 'GET', path: '/health' },
          },
          created: '2026-10-01T00:00:00Z',
          updated: '2026-10-01T00:00:00Z',
        },
      ],
    });
    await user.click(screen.getByTestId('connections-import'));
    await user.click(await screen.findByTestId('import-json'));
    await user.paste(exportOf);
    await user.click(screen.getByTestId('import-confirm'));
    const result = await screen.findByTestId('import-result');
    expect(within(result).getByTestId('imported-row')).toHaveTextContent(
      'Secret manquant : saisissez le jeton',
    );

    await user.click(within(result).getByTestId('import-enter-secret'));

    expect(await screen.findByTestId('connection-form')).toBeInTheDocument();
    expect(screen.getByTestId('field-name')).toHaveValue('CRM commercial');
    expect(screen.getByTestId('field-secret')).toHaveValue('');
    expect(screen.getByTestId('connection-form')).toHaveTextContent('Aucun secret enregistré');
  });

  it('an import that is not an export says why, and adds nothing', async () => {
    const { backend, user } = await openScreen();
    await user.click(screen.getByTestId('connections-import'));
    await user.click(await screen.findByTestId('import-json'));
    await user.paste('{"profiles": []}');
    await user.click(screen.getByTestId('import-confirm'));

    expect(await screen.findByTestId('import-error')).toHaveTextContent(
      'not a Passerelle connections export',
    );
    expect(backend.responses.some((r) => r.cmd === 'connections_import')).toBe(false);
  });

  it('export only the selected connections', async () => {
    const { backend, user } = await openScreen();
    await user.click(within(row(CLIENTS_ID)).getByTestId('connection-select'));

    expect(screen.getByTestId('connections-export')).toHaveTextContent('Exporter la sélection (1)');
    await user.click(screen.getByTestId('connections-export'));
    expect(await screen.findByTestId('export-count')).toHaveTextContent('1 connexion exportée');
    expect(backend.last('connections_export')).toEqual({ ids: [CLIENTS_ID] });
  });
});

describe("the header's workspace switcher", () => {
  it('offers the Dastra workspaces only, switches, and every label follows', async () => {
    const { backend, user } = await openScreen();
    const switcher = screen.getByTestId('workspace-switcher');
    await waitFor(() => expect(switcher.querySelectorAll('option')).toHaveLength(2));
    expect([...switcher.querySelectorAll('option')].map((o) => o.value)).toEqual([
      'sandbox',
      SANTE_ID,
    ]);
    expect(screen.getByTestId('workspace-label')).toHaveTextContent('Bac à sable — Cabinet Lumen');

    await user.selectOptions(switcher, SANTE_ID);

    await waitFor(() =>
      expect(screen.getByTestId('workspace-label')).toHaveTextContent('Cabinet Lumen — Santé'),
    );
    expect(backend.last('workspace_switch')).toEqual({ id: SANTE_ID });
    expect(screen.queryByTestId('sandbox-badge')).toBeNull();
    expect(screen.getByTestId('workspace-switcher')).toHaveValue(SANTE_ID);
    await waitFor(() => expect(row(SANTE_ID).dataset.current).toBe('true'));
    expect(row('sandbox').dataset.current).toBe('false');
  });

  it('says why a workspace could not be opened, and stays where it was', async () => {
    const { backend, user } = await openScreen();
    backend.fail('workspace_switch', 'unauthorized', 'Dastra refused the API key');
    const switcher = screen.getByTestId('workspace-switcher');
    await waitFor(() => expect(switcher.querySelectorAll('option')).toHaveLength(2));

    await user.selectOptions(switcher, SANTE_ID);

    const error = await screen.findByTestId('workspace-switch-error');
    expect(error).toHaveTextContent("Impossible d'ouvrir cet espace de travail");
    expect(error).toHaveTextContent("L'identifiant, le mot de passe ou la clé a été refusé");
    expect(screen.getByTestId('workspace-label')).toHaveTextContent('Bac à sable — Cabinet Lumen');
    expect(screen.getByTestId('workspace-switcher')).toHaveValue('sandbox');
  });

  it("the list's Use button switches too, and the inbox shows the other workspace", async () => {
    const { user } = await openScreen();
    await user.click(within(row(SANTE_ID)).getByTestId('connection-use'));
    expect(await screen.findByTestId('connections-notice')).toHaveTextContent(
      'Tous les écrans affichent maintenant « Cabinet Lumen — Santé ».',
    );

    await user.click(screen.getByTestId('nav-inbox'));
    await waitFor(() => expect(screen.getByTestId('inbox-total')).toHaveTextContent('10 demandes'));
  });
});

describe('in English', () => {
  it('the screen and its form speak English', async () => {
    const { user } = await openScreen({ preference: 'en' });

    expect(screen.getByTestId('screen-title')).toHaveTextContent('Connections');
    expect(within(row('sandbox')).getByTestId('connection-name')).toHaveTextContent('Sandbox');
    expect(within(row('sandbox')).getByTestId('connection-builtin')).toHaveTextContent('Built-in');
    expect(status(CLIENTS_ID).text).toContain('Password stored in the keyring');
    expect(status(CLIENTS_ID).text).toMatch(/Test passed on 2 Dec 2026 at/);
    expect(status(CRM_ID).text).toContain('Secret missing: enter the token');
    expect(screen.getByTestId('connection-new')).toHaveTextContent('New connection');

    await user.click(screen.getByTestId('connection-new'));
    expect(await screen.findByTestId('screen-title')).toHaveTextContent('New connection');
    expect(screen.getByLabelText('Kind of connection')).toBe(screen.getByTestId('connection-kind'));
    await user.selectOptions(screen.getByTestId('connection-kind'), 'mysql');
    await user.type(screen.getByTestId('field-host'), 'db');
    await user.type(screen.getByTestId('field-database'), 'shop');
    await user.type(screen.getByTestId('field-user'), 'root');
    await user.type(screen.getByTestId('field-secret'), 'wrong');
    await user.click(screen.getByTestId('connection-test'));
    expect(await screen.findByTestId('test-failure-code')).toHaveTextContent(
      'The user name, password or key was refused.',
    );
    await user.click(screen.getByTestId('connection-save'));
    expect(screen.getByTestId('field-error')).toHaveTextContent('Required');
  });
});
