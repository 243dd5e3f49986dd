import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Profile } from '../../bindings/Profile';
import type { SourceSpec } from '../../bindings/SourceSpec';
import type { SourceSpecDto } from '../../bindings/SourceSpecDto';
import { setImportHandoff } from '../../lib/importHandoff';
import { installFakeBackend, type FakeBackend } from '../../test/fakeBackend';
import { CLIENTS_ID, CRM_ID } from '../../test/fixtures';
import { renderApp } from '../../test/render';

// jsdom lays nothing out: scroll containers get a window-like height for the virtualizer.
const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get: () => 600,
  });
});
afterAll(() => {
  if (original) Object.defineProperty(HTMLElement.prototype, 'clientHeight', original);
});

const PROFILE = JSON.stringify({
  version: 1,
  id: 'servicenow-apps',
  name: 'Applications ServiceNow',
  source: { name: 'servicenow', kind: 'json', records: 'result' },
});

async function planned(backend: FakeBackend, hash = '#/imports') {
  const app = renderApp(hash);
  fireEvent.change(await screen.findByTestId('import-profile'), { target: { value: PROFILE } });
  fireEvent.change(screen.getByTestId('source-path'), {
    target: { value: '/exports/servicenow.json' },
  });
  await app.user.click(screen.getByTestId('plan-import'));
  await screen.findByTestId('plan-chart');
  expect(backend.last('import_plan')?.source).toEqual({
    path: '/exports/servicenow.json',
    spec: { name: 'servicenow', kind: 'json', records: 'result' },
  });
  return app;
}

const value = (kind: string) => screen.getByTestId(`count-${kind}-value`).textContent;

describe('the import preview', () => {
  it('starts from the profile and file the studio hands over, once', async () => {
    const backend = installFakeBackend();
    const profile = JSON.parse(PROFILE) as Profile;
    const source: SourceSpecDto = {
      path: '/exports/from-studio.json',
      spec: { name: 'servicenow', kind: 'json', records: 'result' },
    };
    setImportHandoff({ profile, source });
    const app = renderApp('#/imports');
    const text = (await screen.findByTestId('import-profile')) as HTMLTextAreaElement;
    expect(JSON.parse(text.value)).toEqual(profile);
    expect((screen.getByTestId('source-path') as HTMLInputElement).value).toBe(
      '/exports/from-studio.json',
    );
    expect((screen.getByTestId('source-records') as HTMLInputElement).value).toBe('result');
    expect(screen.getByTestId('import-from-studio').textContent).toMatch(/studio de mapping/);
    await app.user.click(screen.getByTestId('plan-import'));
    await screen.findByTestId('plan-chart');
    expect(backend.last('import_plan')?.source).toEqual(source);
    expect(JSON.parse(backend.last('import_plan')?.profile ?? '{}')).toEqual(profile);
    app.unmount();
    renderApp('#/imports');
    expect(((await screen.findByTestId('import-profile')) as HTMLTextAreaElement).value).toBe('');
  });

  it('hands over an SQL source from the studio whole, and plans it without a file', async () => {
    const backend = installFakeBackend();
    const spec: SourceSpec = {
      name: 'crm',
      kind: 'sql',
      connection: CLIENTS_ID,
      query: 'SELECT numero, nom FROM applications',
    };
    setImportHandoff({
      profile: { ...(JSON.parse(PROFILE) as Profile), source: spec },
      source: { spec },
    });
    const app = renderApp('#/imports');
    await screen.findByTestId('import-profile');
    expect(screen.getByTestId('import-from-studio')).not.toHaveTextContent('passerelle import');
    expect((screen.getByTestId('source-kind') as HTMLSelectElement).value).toBe('sql');
    await waitFor(() =>
      expect((screen.getByTestId('source-connection') as HTMLSelectElement).value).toBe(CLIENTS_ID),
    );
    expect(screen.getByTestId('source-connection')).toHaveTextContent('Clients');
    expect((screen.getByTestId('source-query') as HTMLInputElement).value).toBe(spec.query);
    expect(screen.queryByTestId('source-path')).toBeNull();
    await app.user.click(screen.getByTestId('plan-import'));
    await screen.findByTestId('plan-chart');
    expect(backend.last('import_plan')?.source).toEqual({ spec });
    expect(screen.getByText(/→ Actifs/)).toHaveTextContent('requête sur « ERP local » → Actifs');
    expect(screen.getByText(/→ Actifs/)).not.toHaveTextContent('query on');
  });

  it('follows the kind of a pasted profile, and needs what that kind reads', async () => {
    const backend = installFakeBackend({ preference: 'en' });
    const app = renderApp('#/imports');
    const rest = {
      version: 1,
      id: 'crm-vendors',
      name: 'CRM vendors',
      source: {
        name: 'crm',
        kind: 'rest',
        connection: 'CRM commercial',
        recipe: '/recipes/crm.json',
      },
    };
    fireEvent.change(await screen.findByTestId('import-profile'), {
      target: { value: JSON.stringify(rest) },
    });
    expect((screen.getByTestId('source-kind') as HTMLSelectElement).value).toBe('rest');
    expect((screen.getByTestId('source-query') as HTMLInputElement).value).toBe(
      '/recipes/crm.json',
    );
    // Named by its name in the profile, the connection is shown by its id.
    await waitFor(() =>
      expect((screen.getByTestId('source-connection') as HTMLSelectElement).value).toBe(CRM_ID),
    );

    // A file profile: nothing is planned before its file is named.
    fireEvent.change(screen.getByTestId('import-profile'), { target: { value: PROFILE } });
    expect((screen.getByTestId('source-kind') as HTMLSelectElement).value).toBe('json');
    expect(screen.getByTestId('plan-import')).toBeDisabled();
    await app.user.type(screen.getByTestId('source-path'), '/exports/servicenow.json');
    expect(screen.getByTestId('plan-import')).toBeEnabled();
    // Editing the profile's text elsewhere keeps what the DPO typed.
    fireEvent.change(screen.getByTestId('import-profile'), { target: { value: `${PROFILE} ` } });
    expect((screen.getByTestId('source-path') as HTMLInputElement).value).toBe(
      '/exports/servicenow.json',
    );
    await app.user.click(screen.getByTestId('plan-import'));
    await screen.findByTestId('plan-chart');
    expect(backend.last('import_plan')?.source.path).toBe('/exports/servicenow.json');
  });

  it('words the refusals of a plan in French: a file not there, a column the source lacks', async () => {
    installFakeBackend();
    const app = renderApp('#/imports');
    fireEvent.change(await screen.findByTestId('import-profile'), { target: { value: PROFILE } });
    fireEvent.change(screen.getByTestId('source-path'), {
      target: { value: ' /exports/nowhere.json' },
    });
    await app.user.click(screen.getByTestId('plan-import'));
    const error = await screen.findByTestId('plan-error');
    expect(error).toHaveTextContent(
      "Le plan n'a pas pu être préparé. Le fichier « /exports/nowhere.json » est introuvable : vérifiez son chemin, ou choisissez-le avec « Parcourir… ».",
    );
    expect(error).not.toHaveTextContent('not found');

    const reading = JSON.stringify({
      ...(JSON.parse(PROFILE) as Profile),
      fields: [{ target: 'label', column: 'libelle', transforms: [] }],
    });
    fireEvent.change(screen.getByTestId('import-profile'), { target: { value: reading } });
    fireEvent.change(screen.getByTestId('source-path'), {
      target: { value: '/exports/servicenow.json' },
    });
    await app.user.click(screen.getByTestId('plan-import'));
    await waitFor(() =>
      expect(screen.getByTestId('plan-error')).toHaveTextContent(
        "Colonne « libelle » : la source n'a pas cette colonne : vouliez-vous dire « label » ?",
      ),
    );
    expect(screen.getByTestId('plan-error')).not.toHaveTextContent('does not have');
  });

  it('words a REST source refused by its API in French: a token refused, the API down', async () => {
    const backend = installFakeBackend();
    const spec: SourceSpec = {
      name: 'crm',
      kind: 'rest',
      connection: CRM_ID,
      recipe: '/recipes/crm.json',
    };
    setImportHandoff({
      profile: { ...(JSON.parse(PROFILE) as Profile), source: spec },
      source: { spec },
    });
    const api = { connection: 'CRM', url: 'https://crm.exemple.fr/api', recipe: 'crm.json' };
    backend.fail(
      'import_plan',
      'unauthorized',
      'The API refused the credentials at https://crm.exemple.fr/api/v2/apps (HTTP 401).',
      undefined,
      { kind: 'api', code: 'wrongCredentials', ...api },
    );
    const app = renderApp('#/imports');
    await screen.findByTestId('import-profile');
    await waitFor(() =>
      expect((screen.getByTestId('source-connection') as HTMLSelectElement).value).toBe(CRM_ID),
    );
    await app.user.click(screen.getByTestId('plan-import'));
    const error = await screen.findByTestId('plan-error');
    expect(error).toHaveTextContent(
      "Le plan n'a pas pu être préparé. L'API https://crm.exemple.fr/api (connexion « CRM ») refuse les identifiants (HTTP 401) : vérifiez le type d'authentification, et saisissez à nouveau le jeton ou la clé dans Connexions.",
    );
    expect(error).not.toHaveTextContent('refused');

    backend.fail(
      'import_plan',
      'unreachable',
      'Passerelle could not reach the API at https://crm.exemple.fr/api.',
      undefined,
      { kind: 'api', code: 'unreachable', ...api, detail: 'tcp connect error: Connection refused' },
    );
    await app.user.click(screen.getByTestId('plan-import'));
    await waitFor(() =>
      expect(screen.getByTestId('plan-error')).toHaveTextContent(
        "Passerelle n'arrive pas à joindre l'API https://crm.exemple.fr/api (connexion « CRM ») : vérifiez l'adresse de base dans Connexions",
      ),
    );
    expect(screen.getByTestId('plan-error')).toHaveTextContent(
      'Détail : tcp connect error: Connection refused',
    );
    expect(screen.getByTestId('plan-error')).not.toHaveTextContent('could not reach');
  });

  it("words an invalid row's problems in the window's language", async () => {
    const backend = installFakeBackend();
    const { user } = await planned(backend);
    await user.click(screen.getByTestId('filter-invalid'));
    const problem = (await screen.findAllByTestId('row-problem'))[0]!;
    expect(problem).toHaveTextContent(
      "colonne « install_status » : « 9 » n'est pas l'une des valeurs InProduction, InDevelopment, Stopped",
    );
    expect(problem).not.toHaveTextContent('is not one of');
  });

  it('says before applying that Dastra cannot archive the missing assets, in French', async () => {
    const backend = installFakeBackend({ imports: { unsupportedPolicy: 'archive' } });
    const { user } = await planned(backend);
    const warning = screen.getByTestId('plan-warning');
    expect(screen.getByTestId('plan-warnings')).toHaveAttribute('role', 'alert');
    expect(warning).toHaveTextContent(
      'Le profil demande d’archiver les fiches absentes de la source, mais Dastra n’archive que les contrats : les 6 actifs absents de la source resteront tels quels.',
    );
    expect(warning).not.toHaveTextContent('the profile asks');
    await user.click(screen.getByTestId('filter-missing'));
    await waitFor(() => expect(screen.getAllByTestId('missing-unsupported').length).toBe(6));
    expect(screen.getAllByTestId('missing-unsupported')[0]).toHaveTextContent(
      'Rien ne sera fait : Dastra ne peut pas l’archiver',
    );
    expect(
      screen.queryAllByTestId('row-select').filter((b) => !b.hasAttribute('disabled')),
    ).toEqual([]);
  });

  it('words a tag Dastra cannot put on the missing records in English', async () => {
    const backend = installFakeBackend({
      preference: 'en',
      imports: { unsupportedPolicy: 'tag' },
    });
    const { user } = await planned(backend);
    expect(screen.getByTestId('plan-warning')).toHaveTextContent(
      'Dastra tags assets and actors only: the 6 assets missing from the source stay as they are.',
    );
    await user.click(screen.getByTestId('filter-missing'));
    expect((await screen.findAllByTestId('missing-unsupported'))[0]).toHaveTextContent(
      'Nothing will be done: Dastra cannot tag it',
    );
  });

  it("writes a change's field as each language punctuates it, its before just above its after", async () => {
    for (const [preference, label, more] of [
      ['fr', 'label\u00a0: ', '+1 autre champ'],
      ['en', 'label: ', '+1 more field'],
    ] as const) {
      const backend = installFakeBackend({ preference });
      const { user, unmount } = await planned(backend);
      await user.click(screen.getByTestId('filter-update'));
      await waitFor(() => expect(screen.getAllByTestId('row-changes').length).toBeGreaterThan(0));
      const lines = [...screen.getAllByTestId('row-changes')[0]!.children].map(
        (line) => line.textContent,
      );
      expect(lines).toEqual([`${label}Ancienne appli 0000`, '→ Application école 0000', more]);
      unmount();
    }
  });

  it('counts the plan by class, and never asks for every row at once', async () => {
    const backend = installFakeBackend({ imports: { rows: 10_000 } });
    await planned(backend);
    expect(screen.getByTestId('screen-title')).toHaveTextContent('Applications ServiceNow');
    expect(screen.queryByTestId('plan-warnings'), 'a plan without warnings').toBeNull();
    expect(value('update')).toBe('4\u202f500');
    expect(value('conflict')).toBe('500');
    await waitFor(() => expect(screen.getAllByTestId('plan-row').length).toBeGreaterThan(5));
    expect(screen.getAllByTestId('plan-row').length).toBeLessThan(120);
    expect(backend.requests('import_rows').every((r) => r.limit <= 100)).toBe(true);
    expect(screen.getByTestId('rows-shown')).toHaveTextContent(/^10\s000 lignes$/);
  });

  it('filters by class and text, shows updates before → after and conflicts with their cause', async () => {
    const backend = installFakeBackend();
    const { user } = await planned(backend);
    await user.click(screen.getByTestId('filter-update'));
    await waitFor(() =>
      expect(screen.getAllByTestId('row-kind').every((b) => b.textContent === 'Modification')).toBe(
        true,
      ),
    );
    const first = screen.getAllByTestId('row-changes')[0]!;
    expect(first).toHaveTextContent('label : Ancienne appli 0000');
    expect(first).toHaveTextContent('→ Application école 0000');
    expect(backend.last('import_rows')?.kinds).toEqual(['update']);

    await user.click(screen.getByTestId('filter-update'));
    await user.click(screen.getByTestId('filter-conflict'));
    await waitFor(() => expect(screen.getAllByTestId('conflict-choice').length).toBeGreaterThan(0));
    expect(screen.getAllByTestId('plan-row')[0]).toHaveTextContent('Clé en double (lignes 18, 19)');
    const cause = within(screen.getAllByTestId('plan-row')[0]!).getByText(
      'Clé en double (lignes 18, 19)',
    );
    expect(cause).toHaveAttribute(
      'title',
      'Les lignes 18, 19 de la source portent le même « ref » : choisissez « Prendre la source » ' +
        'sur celle à écrire, ou gardez une seule ligne par « ref » dans le fichier.',
    );
  });

  it('says why rows were not written when Dastra is down, and writes them when resumed', async () => {
    const backend = installFakeBackend({
      imports: { firstApplyFails: { kind: 'dastra', refusal: 'unavailable', status: 503 } },
    });
    const { user } = await planned(backend);
    await user.click(screen.getByTestId('apply'));
    await user.click(
      within(await screen.findByTestId('apply-dialog')).getByTestId('apply-confirm'),
    );
    await screen.findByTestId('report', {}, { timeout: 3000 });
    expect(screen.getByTestId('rows-failed')).toHaveTextContent(
      /lignes n'ont pas pu être écrites dans Dastra\. Leur raison est dans le rapport/,
    );
    await user.click(screen.getByTestId('outcome-failed'));
    const why = await screen.findAllByTestId('row-outcome-why');
    expect(why[0]).toHaveTextContent('Dastra injoignable (HTTP 503).');
    expect(screen.queryByText(/Service Unavailable/)).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('undo'),
      'nothing written, nothing to undo',
    ).not.toBeInTheDocument();

    await user.click(screen.getByTestId('resume'));
    await waitFor(() => expect(screen.getByTestId('import-state')).toHaveTextContent('Appliqué'), {
      timeout: 3000,
    });
    expect(screen.queryByTestId('rows-failed')).not.toBeInTheDocument();
    expect(screen.getByTestId('undo')).toBeInTheDocument();
  });

  it('resolves a conflict, deselects a row, applies with progress, reports, and undoes', async () => {
    const backend = installFakeBackend();
    const { user } = await planned(backend);
    const before = Number(screen.getByTestId('to-write').textContent?.match(/\d+/)?.[0]);

    await user.click(screen.getByTestId('filter-conflict'));
    const choice = (await screen.findAllByTestId('conflict-choice'))[0]!;
    fireEvent.change(choice, { target: { value: 'takeSource' } });
    await waitFor(() =>
      expect(backend.last('import_choose')).toEqual({
        planId: 'plan-1',
        indexes: [17],
        choice: 'takeSource',
      }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('to-write')).toHaveTextContent(`${before + 1} lignes`),
    );

    await user.click(screen.getByTestId('filter-conflict'));
    await user.click(screen.getByTestId('filter-create'));
    const box = (await screen.findAllByTestId('row-select'))[0]!;
    await user.click(box);
    await waitFor(() =>
      expect(screen.getByTestId('to-write')).toHaveTextContent(`${before} lignes`),
    );

    await user.click(screen.getByTestId('apply'));
    const dialog = await screen.findByTestId('apply-dialog');
    expect(dialog).toHaveTextContent(`${before} lignes seront écrites`);
    await user.click(within(dialog).getByTestId('apply-confirm'));
    await screen.findByTestId('progress');
    await waitFor(() => expect(screen.getByTestId('progress-count')).toHaveTextContent('sur'));
    await screen.findByTestId('report', {}, { timeout: 3000 });
    expect(screen.getByTestId('import-state')).toHaveTextContent('Appliqué');
    expect(screen.getByTestId('outcome-count-updated')).toBeInTheDocument();

    await user.click(screen.getByTestId('outcome-created'));
    await waitFor(() => expect(backend.last('import_rows')?.outcomes).toEqual(['created']));

    await user.click(screen.getByTestId('undo'));
    await user.click(within(await screen.findByTestId('undo-dialog')).getByTestId('undo-confirm'));
    await waitFor(() => expect(screen.getByTestId('import-state')).toHaveTextContent('Annulé'), {
      timeout: 3000,
    });
  });

  it('lists past imports in English, with their result', async () => {
    const backend = installFakeBackend({ preference: 'en' });
    const { user } = await planned(backend);
    await user.click(screen.getByTestId('apply'));
    await user.click(
      within(await screen.findByTestId('apply-dialog')).getByTestId('apply-confirm'),
    );
    await screen.findByTestId('report', {}, { timeout: 3000 });
    window.location.hash = '#/imports';
    await waitFor(() => expect(screen.getByTestId('history-row')).toHaveTextContent('Applied'));
    const row = screen.getByTestId('history-row');
    expect(row).toHaveTextContent('Applications ServiceNow');
    expect(within(row).getByTestId('history-undo')).toHaveTextContent('Undo the import');
  });
});
