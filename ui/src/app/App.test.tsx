import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { installFakeBackend } from '../test/fakeBackend';
import { renderApp } from '../test/render';

describe('the window', () => {
  it('shows the product, the workspace and a clear sandbox badge', async () => {
    installFakeBackend();
    renderApp();

    expect(await screen.findByTestId('sandbox-badge')).toHaveTextContent(
      'Sandbox — données fictives',
    );
    expect(screen.getByText('Passerelle')).toBeInTheDocument();
    expect(screen.getByTestId('workspace-label')).toHaveTextContent('Bac à sable — Cabinet Lumen');
  });

  it('shows no sandbox badge on a real workspace', async () => {
    installFakeBackend({ isSandbox: false });
    renderApp();

    await screen.findByTestId('workspace-label');
    expect(screen.queryByTestId('sandbox-badge')).toBeNull();
  });

  it('lists every screen in the navigation, the current one marked', async () => {
    installFakeBackend();
    renderApp();

    const screens = [
      'inbox',
      'assets',
      'actors',
      'contracts',
      'connections',
      'discovery',
      'mapping',
      'imports',
      'audit',
    ];
    for (const s of screens) expect(await screen.findByTestId(`nav-${s}`)).toBeInTheDocument();
    expect(screen.getByTestId('nav-inbox')).toHaveAttribute('aria-current', 'page');
    expect(screen.getByTestId('nav-inbox')).toHaveTextContent('Demandes');
  });

  it('follows the system language when the person has not chosen one', async () => {
    installFakeBackend({ systemLanguage: 'en' });
    renderApp();

    expect(await screen.findByTestId('nav-inbox')).toHaveTextContent('Requests');
    expect(await screen.findByTestId('screen-title')).toHaveTextContent('Data subject requests');
    expect(screen.getByTestId('language-switch')).toHaveValue('system');
    expect(document.documentElement.lang).toBe('en');
  });

  it('switches every label to English when English is chosen, and saves the choice', async () => {
    const backend = installFakeBackend();
    const { user } = renderApp();
    await waitFor(() => expect(screen.getAllByTestId('dsar-row')).toHaveLength(25));
    expect(screen.getByTestId('inbox-total')).toHaveTextContent('40 demandes');

    await user.selectOptions(screen.getByTestId('language-switch'), 'en');

    await waitFor(() => expect(screen.getByTestId('nav-inbox')).toHaveTextContent('Requests'));
    expect(backend.last('settings_update')).toEqual({ language: 'en' });
    expect(backend.requests('app_info').length).toBeGreaterThanOrEqual(2);
    expect(screen.getByTestId('screen-title')).toHaveTextContent('Data subject requests');
    expect(screen.getByTestId('inbox-total')).toHaveTextContent('40 requests');
    expect(screen.getByTestId('sandbox-badge')).toHaveTextContent('Sandbox — sample data');
    expect(screen.getByTestId('filter-overdue')).toHaveTextContent('Overdue only');
    expect(screen.getAllByText('Right of access').length).toBeGreaterThan(0);
    expect(screen.getByTestId('language-switch')).toHaveValue('en');
  });

  it('says plainly that Passerelle could not start when app_info fails', async () => {
    const backend = installFakeBackend();
    backend.fail('app_info', 'internal', 'sandbox: address already in use');
    renderApp();

    expect(await screen.findByTestId('error-state')).toHaveTextContent(
      'sandbox: address already in use',
    );
  });
});

describe('the discovery entry of the navigation', () => {
  it('lists the recent searches instead of a placeholder', async () => {
    installFakeBackend();
    const { user } = renderApp();

    await user.click(await screen.findByTestId('nav-discovery'));

    const rows = await screen.findAllByTestId('job-row');
    expect(rows.map((r) => r.dataset.id)).toEqual(['job-20261202-1002', 'job-20261201-1001']);
    expect(rows[0]).toHaveTextContent('Interrompue');
    expect(screen.getByTestId('screen-title')).toHaveTextContent('Découverte');
    expect(screen.getByTestId('nav-discovery')).toHaveAttribute('aria-current', 'page');
    expect(screen.getByTestId('nav-discovery')).not.toHaveTextContent('Bientôt');
    expect(screen.queryByTestId('not-built')).toBeNull();
  });

  it('says what to do when no search was run yet', async () => {
    installFakeBackend({ discovery: { noJobs: true } });
    renderApp('#/discovery');

    expect(await screen.findByTestId('empty-state')).toHaveTextContent('Lancer la recherche');
  });
});

describe('the audit entry of the navigation', () => {
  it('opens the audit log instead of a placeholder', async () => {
    installFakeBackend();
    const { user } = renderApp();

    await user.click(await screen.findByTestId('nav-audit'));

    expect(await screen.findAllByTestId('audit-row')).not.toHaveLength(0);
    expect(window.location.hash).toBe('#/audit');
    expect(screen.getByTestId('nav-audit')).not.toHaveTextContent('Bientôt');
    expect(screen.queryByTestId('not-built')).toBeNull();
  });
});
