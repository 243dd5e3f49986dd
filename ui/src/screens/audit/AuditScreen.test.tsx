import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { installFakeBackend } from '../../test/fakeBackend';
import { renderApp } from '../../test/render';

// The fake log starts with 30 entries: 24 connection tests, then the sample jobs' history
// (25, 26: request 1001; 27: request 1002), an import planned and applied, and an action this
// version does not know (30).
const seqs = () => screen.getAllByTestId('audit-row').map((r) => Number(r.dataset.seq));

describe('the audit screen', () => {
  it('lists the newest entries first, in words, with the request as a link', async () => {
    const backend = installFakeBackend();
    renderApp('#/audit');

    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(25));
    expect(seqs().slice(0, 3)).toEqual([30, 29, 28]);
    expect(screen.getByTestId('audit-total')).toHaveTextContent('30 entrées');
    expect(screen.getByTestId('screen-title')).toHaveTextContent('Audit');
    expect(screen.getByText(/ne contient jamais les données elles-mêmes/)).toBeInTheDocument();
    expect(screen.getByTestId('nav-audit')).toHaveAttribute('aria-current', 'page');
    expect(backend.last('audit_list')).toEqual({ limit: 25, offset: 0 });

    const row = (seq: number) => seqs().indexOf(seq);
    const rows = screen.getAllByTestId('audit-row');
    expect(rows[row(30)]).toHaveTextContent('legacyAction');
    expect(rows[row(29)]).toHaveTextContent('Import appliqué');
    expect(rows[row(29)]).toHaveTextContent('12 créés, 3 modifiés');
    expect(rows[row(26)]).toHaveTextContent('Résultats consultés');
    expect(rows[row(26)]).toHaveTextContent('6 résultats');
    expect(rows[row(26)]).toHaveTextContent('dpo@cabinet-lumen.fr');
    expect(rows[row(26)]).toHaveTextContent('1 déc. 2026');
    expect(within(rows[row(26)]!).getByRole('link', { name: 'n° 1001' })).toHaveAttribute(
      'href',
      '#/inbox/1001',
    );
  });

  it('pages through the log, the page in the address', async () => {
    const backend = installFakeBackend();
    const { user } = renderApp('#/audit');
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(25));

    await user.click(screen.getByTestId('pager-next'));

    await waitFor(() => expect(seqs()).toEqual([5, 4, 3, 2, 1]));
    expect(backend.last('audit_list')).toEqual({ limit: 25, offset: 25 });
    expect(window.location.hash).toBe('#/audit?page=2');
    expect(screen.getAllByTestId('audit-row')[0]).toHaveTextContent('Connexion testée');
  });

  it('keeps to one request when its number is typed', async () => {
    const backend = installFakeBackend();
    const { user } = renderApp('#/audit?page=2');
    await waitFor(() => expect(seqs()).toHaveLength(5));

    await user.type(screen.getByTestId('audit-request'), '1001{Enter}');

    await waitFor(() => expect(seqs()).toEqual([26, 25]));
    expect(backend.last('audit_list')).toEqual({ requestId: 1001, limit: 25, offset: 0 });
    expect(screen.getByTestId('audit-total')).toHaveTextContent('2 entrées');
    expect(window.location.hash).toBe('#/audit?request=1001');
  });

  it('lists what the backend records later, in the filtered request', async () => {
    const backend = installFakeBackend();
    backend.evidence.record({ actor: 'dpo', action: 'packageBuilt', requestId: 1002, counts: [] });
    renderApp('#/audit?request=1002');

    await waitFor(() => expect(seqs()).toEqual([31, 27]));
    expect(screen.getAllByTestId('audit-row')[0]).toHaveTextContent('Dossier préparé');
  });

  it('says the chain is intact, with its head to note down', async () => {
    installFakeBackend();
    const { user } = renderApp('#/audit');
    await screen.findAllByTestId('audit-row');

    await user.click(screen.getByTestId('audit-verify'));

    const result = await screen.findByTestId('audit-verify-result');
    expect(result).toHaveAttribute('data-ok', 'true');
    expect(result).toHaveTextContent('30 entrées, chaîne intacte');
    expect(result).toHaveTextContent(/#30 [0-9a-f]{64}/);
    expect(result).toHaveTextContent('à noter');
  });

  it('says where the chain is broken, and why', async () => {
    installFakeBackend({ evidence: { brokenAt: 12 } });
    const { user } = renderApp('#/audit');
    await screen.findAllByTestId('audit-row');

    await user.click(screen.getByTestId('audit-verify'));

    const result = await screen.findByTestId('audit-verify-result');
    expect(result).toHaveAttribute('data-ok', 'false');
    expect(result).toHaveTextContent(/^Chaîne rompue à l’entrée 12 : entry 12 does not hash/);
  });

  it('says so when the log cannot be read', async () => {
    const backend = installFakeBackend();
    backend.fail('audit_list', 'internal', 'audit store: database is locked');
    renderApp('#/audit');

    expect(await screen.findByTestId('error-state')).toHaveTextContent('database is locked');
  });

  it('reads in English too', async () => {
    installFakeBackend({ preference: 'en' });
    const { user } = renderApp('#/audit');
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(25));

    expect(screen.getByTestId('audit-total')).toHaveTextContent('30 entries');
    expect(screen.getAllByTestId('audit-row')[1]).toHaveTextContent('Import applied');
    expect(screen.getAllByTestId('audit-row')[1]).toHaveTextContent('12 created, 3 updated');
    expect(screen.getByText(/never holds the data itself/)).toBeInTheDocument();

    await user.click(screen.getByTestId('audit-verify'));
    expect(await screen.findByTestId('audit-verify-result')).toHaveTextContent(
      '30 entries, chain intact',
    );
  });
  it('exports the whole log to a named file and shows where it went', async () => {
    const backend = installFakeBackend();
    const { user } = renderApp('#/audit');
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(25));

    await user.click(screen.getByTestId('audit-export-csv'));

    const result = await screen.findByTestId('audit-export-result');
    expect(result).toHaveTextContent('30 entrées exportées dans :');
    expect(screen.getByTestId('audit-export-path')).toHaveTextContent(
      /^\/home\/dpo\/Téléchargements\/passerelle-audit-.+\.csv$/,
    );
    expect(backend.requests('audit_export')).toEqual([{ format: 'csv' }]);
    // The export is itself in the log, which is read again.
    await waitFor(() => expect(screen.getByTestId('audit-total')).toHaveTextContent('31 entrées'));
  });

  it('saves the log where the DPO chooses, in the format of the chosen name', async () => {
    const backend = installFakeBackend();
    const { user } = renderApp('#/audit');
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(25));

    // Closing the chooser without a choice writes nothing.
    await user.click(screen.getByTestId('audit-export-save-as'));
    await waitFor(() => expect(backend.chooser.opened).toHaveLength(1));
    expect(backend.chooser.opened[0]).toMatchObject({
      kind: 'save',
      options: { title: 'Enregistrer le journal d’audit', defaultPath: 'passerelle-audit.json' },
    });
    expect(backend.requests('audit_export')).toEqual([]);

    backend.chooser.answer = '/home/dpo/Bureau/audit 2026.csv';
    await user.click(screen.getByTestId('audit-export-save-as'));
    expect(await screen.findByTestId('audit-export-path')).toHaveTextContent(
      '/home/dpo/Bureau/audit 2026.csv',
    );
    expect(backend.requests('audit_export')).toEqual([
      { format: 'csv', path: '/home/dpo/Bureau/audit 2026.csv' },
    ]);
  });

  it('says when the file chooser cannot open', async () => {
    const backend = installFakeBackend({ preference: 'en' });
    const { user } = renderApp('#/audit');
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(25));
    backend.chooser.failure = 'no portal answered';
    await user.click(screen.getByTestId('audit-export-save-as'));
    expect(await screen.findByTestId('audit-export-error')).toHaveTextContent(
      'The file chooser could not open: no portal answered. Type the path instead.',
    );
    expect(backend.requests('audit_export')).toEqual([]);
  });

  it('says why an export failed', async () => {
    const backend = installFakeBackend({ preference: 'en' });
    const { user } = renderApp('#/audit');
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(25));
    backend.fail('audit_export', 'invalid', 'the folder cannot be written to');

    await user.click(screen.getByTestId('audit-export-json'));

    expect(await screen.findByTestId('audit-export-error')).toHaveTextContent(
      'The export could not be made — the folder cannot be written to',
    );
  });
});
