import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { peekImportHandoff } from '../../lib/importHandoff';
import { installFakeBackend } from '../../test/fakeBackend';
import { SERVICENOW_PATH } from '../../test/fakeMapping';
import { renderApp } from '../../test/render';

async function openServiceNow(language: 'fr' | 'en' = 'fr') {
  const backend = installFakeBackend({ preference: language });
  const rendered = renderApp('#/mapping');
  const { user } = rendered;
  await user.type(await screen.findByTestId('source-path'), SERVICENOW_PATH);
  await user.click(screen.getByTestId('source-open'));
  await screen.findByTestId('source-u_number');
  return { backend, ...rendered };
}

describe('the mapping studio', () => {
  it('shows the source columns with samples and the fields with their rules', async () => {
    const { backend } = await openServiceNow();

    expect(screen.getByTestId('screen-title')).toHaveTextContent('Studio de correspondance');
    expect(screen.getByTestId('source-summary')).toHaveTextContent(
      '12 enregistrements, 4 colonnes',
    );
    expect(screen.getByTestId('source-install_status')).toHaveTextContent(
      'En production · Retiré · Pilote',
    );
    expect(screen.getByTestId('target-label')).toHaveTextContent('label * obligatoire');
    expect(screen.getByTestId('target-label')).toHaveTextContent('655 car. max');
    expect(screen.getByTestId('target-applicationState')).toHaveTextContent(
      'InProduction, InDevelopment, Stopped',
    );
    expect(screen.getByTestId('key-ref')).toHaveAttribute('aria-pressed', 'true');
    expect(backend.last('mapping_source_open')).toEqual({
      source: {
        path: SERVICENOW_PATH,
        spec: { name: 'servicenow', kind: 'json', records: 'result' },
      },
    });
    expect(screen.getByTestId('preview-need-key')).toBeInTheDocument();
  });

  it('connects by clicking a column then a field, and previews the transformed records', async () => {
    const { user, backend } = await openServiceNow();

    await user.click(screen.getByTestId('source-u_number'));
    expect(screen.getByTestId('canvas-hint')).toHaveTextContent('« u_number » choisie');
    await user.click(screen.getByTestId('target-ref'));
    await user.click(screen.getByTestId('source-name'));
    await user.click(screen.getByTestId('target-label'));

    expect(screen.getByTestId('link-ref')).toBeInTheDocument();
    expect(screen.getByTestId('link-label')).toBeInTheDocument();
    const editor = await screen.findByTestId('transform-editor');
    await user.selectOptions(within(editor).getByTestId('step-kind'), 'trim');
    await user.click(within(editor).getByTestId('step-add'));

    await waitFor(() =>
      expect(screen.getByTestId('cell-0-label')).toHaveTextContent(/^Application 1$/),
    );
    expect(screen.getByTestId('cell-0-ref')).toHaveTextContent('APM0000001');
    expect(backend.last('mapping_preview')?.profile.fields).toEqual([
      { target: 'label', column: 'name', transforms: [{ op: 'trim' }] },
    ]);

    await user.click(within(editor).getByTestId('disconnect'));
    expect(screen.queryByTestId('link-label')).toBeNull();
  });

  it('suggests connections and value maps, accepted or rejected, and takes a value fixed by hand', async () => {
    const { user, backend } = await openServiceNow();

    await user.click(screen.getByTestId('suggest'));
    const bar = await screen.findByTestId('suggestions');
    expect(bar).toHaveTextContent('3 suggestions');
    expect(within(bar).getByTestId('suggestion-applicationState')).toHaveTextContent(
      'À associer à la main : Pilote',
    );
    expect(screen.getByTestId('suggested-label')).toBeInTheDocument();

    await user.click(screen.getByTestId('reject-label'));
    expect(screen.queryByTestId('suggested-label')).toBeNull();
    await user.click(screen.getByTestId('accept-ref'));
    await user.click(screen.getByTestId('accept-applicationState'));
    expect(screen.queryByTestId('suggestions')).toBeNull();
    // The rejected label is connected by hand; the required type is a constant.
    await user.click(screen.getByTestId('source-name'));
    await user.click(screen.getByTestId('target-label'));
    await user.click(screen.getByTestId('target-type'));
    await user.selectOptions(await screen.findByTestId('step-kind'), 'constant');
    await user.click(screen.getByTestId('step-add'));
    await user.selectOptions(screen.getByTestId('constant-value'), 'Software');

    // Pilote is not mapped yet: its cell says so, where it occurs (the third record).
    await waitFor(() =>
      expect(screen.getByTestId('cell-2-applicationState')).toHaveTextContent('Valeur non prévue'),
    );
    expect(screen.getByTestId('cell-2-applicationState')).toHaveAttribute('data-invalid', 'true');
    expect(screen.getByTestId('cell-problem-2-applicationState')).toHaveTextContent(
      "colonne « install_status » : « Pilote » n'est pas l'une des valeurs InProduction, " +
        'InDevelopment, Stopped',
    );
    expect(screen.getByTestId('cell-0-applicationState')).toHaveTextContent('InProduction');
    expect(screen.getByTestId('preview-invalid')).toHaveTextContent('4 à corriger');

    await user.click(screen.getByTestId('target-applicationState'));
    const select = await screen.findByTestId('map-to-Pilote');
    expect(select).toHaveValue('');
    await user.selectOptions(select, 'InDevelopment');

    await waitFor(() =>
      expect(screen.getByTestId('cell-2-applicationState')).toHaveTextContent(/^InDevelopment$/),
    );
    expect(screen.queryByTestId('preview-invalid')).toBeNull();
    const chain = backend.last('mapping_preview')?.profile.fields[0]?.transforms;
    expect(chain).toEqual([
      {
        op: 'valueMap',
        values: { 'En production': 'InProduction', Retiré: 'Stopped', Pilote: 'InDevelopment' },
      },
    ]);
  });

  it("words a cell's problem in English in an English window", async () => {
    const { user } = await openServiceNow('en');
    await user.click(screen.getByTestId('source-u_number'));
    await user.click(screen.getByTestId('target-ref'));
    await user.click(screen.getByTestId('source-install_status'));
    await user.click(screen.getByTestId('target-applicationState'));
    const problem = await screen.findByTestId('cell-problem-0-applicationState');
    expect(problem).toHaveTextContent(
      'column “install_status”: “En production” is not one of InProduction, ' +
        'InDevelopment, Stopped: add it to the value map, or correct the file',
    );
    expect(screen.getByTestId('cell-0-applicationState')).toHaveAttribute(
      'title',
      problem.textContent,
    );
  });

  it('sets the missing-from-source policy and saves, duplicates, exports and imports profiles', async () => {
    const { user, backend } = await openServiceNow();
    await user.click(screen.getByTestId('suggest'));
    await user.click(await screen.findByTestId('suggest-accept-all'));
    await user.selectOptions(screen.getByTestId('missing-policy'), 'tag');

    await user.click(screen.getByTestId('profile-save'));
    expect(screen.getByTestId('mapping-notice')).toHaveTextContent('Donnez un nom');
    await user.type(screen.getByTestId('profile-name'), 'Applications ServiceNow');
    await user.click(screen.getByTestId('profile-save'));
    await waitFor(() =>
      expect(screen.getByTestId('mapping-notice')).toHaveTextContent(
        '« Applications ServiceNow » enregistré (version 1).',
      ),
    );
    const saved = backend.last('mapping_profile_save')!.profile;
    expect(saved.id).toBe('applications-servicenow');
    expect(saved.missing).toEqual({ action: 'tag', label: null });
    await user.click(screen.getByTestId('profile-save'));
    await waitFor(() =>
      expect(screen.getByTestId('mapping-notice')).toHaveTextContent('version 2'),
    );

    await user.click(screen.getByTestId('profiles-open'));
    const dialog = await screen.findByTestId('profiles-dialog');
    await within(dialog).findByText(/version 2 sur 2/);
    await user.click(within(dialog).getByTestId('profile-duplicate-applications-servicenow'));
    await within(dialog).findByText('Applications ServiceNow (copie)');
    await user.type(within(dialog).getByTestId('profile-export-path'), '/tmp/sn.json');
    await user.click(within(dialog).getByTestId('profile-export-applications-servicenow'));
    await waitFor(() => expect(backend.mapping.files.get('/tmp/sn.json')).toBeDefined());

    const newer = JSON.stringify({ ...saved, version: 2 });
    backend.mapping.files.set('/tmp/newer.json', { text: newer });
    await user.type(within(dialog).getByTestId('profile-import-path'), '/tmp/newer.json');
    await user.click(within(dialog).getByTestId('profile-import'));
    expect(await within(dialog).findByTestId('profiles-error')).toHaveTextContent(
      'update Passerelle',
    );

    // A colleague's profile, exported from another computer, is imported and listed.
    const colleague = JSON.stringify({ ...saved, id: 'cmdb-siege', name: 'CMDB du siège' });
    backend.mapping.files.set('/tmp/cmdb.json', { text: colleague });
    await user.clear(within(dialog).getByTestId('profile-import-path'));
    await user.type(within(dialog).getByTestId('profile-import-path'), '/tmp/cmdb.json');
    await user.click(within(dialog).getByTestId('profile-import'));
    await within(dialog).findByText('CMDB du siège');
    expect(within(dialog).queryByTestId('profiles-error')).not.toBeInTheDocument();
    expect(backend.last('mapping_profile_import')).toEqual({ path: '/tmp/cmdb.json' });
  });

  it('hands the profile and its source to the import preview', async () => {
    const { user, backend } = await openServiceNow('en');
    expect(screen.getByTestId('screen-title')).toHaveTextContent('Mapping studio');
    await user.click(screen.getByTestId('suggest'));
    await user.click(await screen.findByTestId('suggest-accept-all'));
    await user.click(screen.getByTestId('plan-import'));

    await waitFor(() => expect(window.location.hash).toBe('#/imports'));
    // The imports screen takes the hand-off on arrival: its form starts from it, source and all.
    const profile = (await screen.findByTestId('import-profile')) as HTMLTextAreaElement;
    expect(JSON.parse(profile.value).key).toEqual({
      column: 'u_number',
      transforms: [],
      target: 'ref',
    });
    expect((screen.getByTestId('source-path') as HTMLInputElement).value).toBe(SERVICENOW_PATH);
    expect((screen.getByTestId('source-records') as HTMLInputElement).value).toBe('result');
    expect((screen.getByTestId('source-system') as HTMLInputElement).value).toBe('servicenow');
    expect(peekImportHandoff()).toBeNull();
    await user.click(screen.getByTestId('plan-import'));
    await screen.findByTestId('plan-chart');
    expect(backend.last('import_plan')?.source).toEqual({
      path: SERVICENOW_PATH,
      spec: { name: 'servicenow', kind: 'json', records: 'result' },
    });
  });

  it('says how the source was read in the window’s language', async () => {
    for (const [language, kind, expected] of [
      [
        'fr',
        'csv',
        '12 enregistrements, 4 colonnes (CSV, windows-1252, séparateur «\u00a0;\u00a0»)',
      ],
      ['en', 'xlsx', '12 records, 4 columns (XLSX, sheet “Feuil1”)'],
    ] as const) {
      installFakeBackend({ preference: language });
      const { user, unmount } = renderApp('#/mapping');
      await user.selectOptions(await screen.findByTestId('source-kind'), kind);
      await user.type(await screen.findByTestId('source-path'), SERVICENOW_PATH);
      await user.click(screen.getByTestId('source-open'));
      await screen.findByTestId('source-u_number');
      expect(screen.getByTestId('source-summary').textContent).toBe(expected);
      unmount();
    }
  });

  it('reads an SQL query on a saved connection, with no file', async () => {
    const backend = installFakeBackend();
    const { user } = renderApp('#/mapping');
    await user.selectOptions(await screen.findByTestId('source-kind'), 'sql');
    const select = (await screen.findByTestId('source-connection')) as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBeGreaterThan(1));
    const connection = select.options[1]!.value;
    await user.selectOptions(select, connection);
    await user.type(screen.getByTestId('source-query'), 'select * from apps');
    await user.click(screen.getByTestId('source-open'));

    await waitFor(() =>
      expect(backend.last('mapping_source_open')).toEqual({
        source: {
          spec: { name: 'servicenow', kind: 'sql', connection, query: 'select * from apps' },
        },
      }),
    );
    expect(await screen.findByTestId('mapping-error')).toBeInTheDocument();
  });
  it('words a source it cannot read in the window’s language, where the import screen does', async () => {
    const backend = installFakeBackend();
    backend.fail(
      'mapping_source_open',
      'invalid',
      'file /exports/now.json: not a valid JSON file (eof error at line 3, column 1)',
      undefined,
      { kind: 'fileCorrupt', path: '/exports/now.json', format: 'JSON', line: 3, detail: 'eof' },
    );
    const { user } = renderApp('#/mapping');
    await user.type(await screen.findByTestId('source-path'), '/exports/now.json');
    await user.click(screen.getByTestId('source-open'));
    const error = await screen.findByTestId('mapping-error');
    expect(error).toHaveTextContent(
      "Le fichier « /exports/now.json » n'est pas un fichier JSON valide : il devient illisible à la ligne 3 (il est peut-être tronqué).",
    );
    expect(error).not.toHaveTextContent('not a valid');

    backend.recover();
    backend.fail('mapping_source_open', 'invalid', 'relation "apps" does not exist', undefined, {
      kind: 'database',
      code: 'unknownTable',
      connection: 'ERP local',
      engine: 'PostgreSQL',
      server: 'db.interne:5432',
      database: 'erp',
      user: 'lecteur',
      subject: 'apps',
    });
    await user.click(screen.getByTestId('source-open'));
    await waitFor(() =>
      expect(screen.getByTestId('mapping-error')).toHaveTextContent(
        "La requête lit la table « apps », que le serveur PostgreSQL db.interne:5432 (base « erp », connexion « ERP local ») n'a pas",
      ),
    );
  });
});
