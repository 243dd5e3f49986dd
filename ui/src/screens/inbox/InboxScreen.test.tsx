import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { installFakeBackend } from '../../test/fakeBackend';
import { DSARS } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const rows = () => screen.queryAllByTestId('dsar-row');

describe('the DSAR inbox', () => {
  it('lists the first page of requests, newest first, with the total', async () => {
    const backend = installFakeBackend();
    renderApp('#/inbox');

    await waitFor(() => expect(rows()).toHaveLength(25));
    expect(screen.getByTestId('inbox-total')).toHaveTextContent('40 demandes');
    expect(screen.getByTestId('screen-title')).toHaveTextContent("Demandes d'exercice de droits");
    expect(backend.last('dsar_list')).toMatchObject({
      page: 1,
      size: 25,
      sortBy: 'dateCreation',
      asc: false,
    });
    for (const row of rows()) expect(row).toHaveAttribute('data-id');
    expect(screen.getAllByText(/^en retard de \d+ j$/).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/^dans \d+ j$/).length).toBeGreaterThan(0);
  });

  it('shows requester, rights, state and workflow step in French', async () => {
    installFakeBackend();
    renderApp('#/inbox?q=dupont');

    const first = DSARS[0]!;
    const row = await waitFor(() => {
      const r = rows().find((el) => el.getAttribute('data-id') === String(first.id));
      expect(r).toBeDefined();
      return r as HTMLElement;
    });
    expect(within(row).getByText('Élodie Dupont-Moreau')).toBeInTheDocument();
    expect(within(row).getByText('elodie.dupont-moreau@exemple.fr')).toBeInTheDocument();
    expect(within(row).getByText("Droit d'accès")).toBeInTheDocument();
    expect(within(row).getByText('Ouverte')).toBeInTheDocument();
    expect(within(row).getByText('Réception')).toBeInTheDocument();
    expect(within(row).getByTestId('dsar-overdue')).toHaveTextContent('en retard de 9 j');
  });

  it('marks every overdue row, and only those', async () => {
    installFakeBackend();
    renderApp('#/inbox');

    await waitFor(() => expect(rows()).toHaveLength(25));
    expect(screen.getAllByTestId('dsar-overdue').length).toBeGreaterThan(0);
    for (const row of rows()) {
      const id = Number(row.getAttribute('data-id'));
      const overdue = DSARS.find((d) => d.id === id)?.overdue;
      expect(within(row).queryByTestId('dsar-overdue') !== null, `row ${id}`).toBe(overdue);
    }
  });

  it('sends the search as q once typing pauses, not at every key', async () => {
    const backend = installFakeBackend();
    const { user } = renderApp('#/inbox');
    await waitFor(() => expect(rows()).toHaveLength(25));

    await user.type(screen.getByTestId('inbox-search'), 'benali');

    await waitFor(() => expect(backend.last('dsar_list')?.q).toBe('benali'));
    expect(backend.requests('dsar_list').map((r) => r.q)).toEqual(['', 'benali']);
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(screen.getByTestId('inbox-total')).toHaveTextContent('4 demandes');
  });

  it('sends overdueOnly when the overdue toggle is switched on', async () => {
    const backend = installFakeBackend();
    const { user } = renderApp('#/inbox');
    await waitFor(() => expect(rows()).toHaveLength(25));

    await user.click(screen.getByTestId('filter-overdue'));

    await waitFor(() =>
      expect(backend.last('dsar_list')).toMatchObject({ overdueOnly: true, page: 1 }),
    );
    const overdue = DSARS.filter((d) => d.overdue).length;
    await waitFor(() => expect(rows()).toHaveLength(overdue));
    expect(screen.getAllByTestId('dsar-overdue')).toHaveLength(overdue);
    expect(screen.getByTestId('filter-overdue')).toHaveAttribute('aria-checked', 'true');
  });

  it('filters by state and by right requested', async () => {
    const backend = installFakeBackend();
    const { user } = renderApp('#/inbox');
    await waitFor(() => expect(rows()).toHaveLength(25));

    await user.click(screen.getByTestId('filter-state'));
    await user.click(screen.getByTestId('filter-state-Closed'));
    await waitFor(() => expect(backend.last('dsar_list')?.states).toEqual(['Closed']));

    await user.click(screen.getByTestId('filter-purpose'));
    await user.click(screen.getByTestId('filter-purpose-Erasure'));
    await waitFor(() => expect(backend.last('dsar_list')?.purposes).toEqual(['Erasure']));
    expect(screen.getByTestId('filter-state')).toHaveTextContent('1');
  });

  it('sorts on a column through the API, and reverses on a second click', async () => {
    const backend = installFakeBackend();
    const { user } = renderApp('#/inbox');
    await waitFor(() => expect(rows()).toHaveLength(25));

    await user.click(screen.getByTestId('sort-requester'));
    await waitFor(() =>
      expect(backend.last('dsar_list')).toMatchObject({ sortBy: 'familyName', asc: true }),
    );
    await user.click(screen.getByTestId('sort-requester'));
    await waitFor(() =>
      expect(backend.last('dsar_list')).toMatchObject({ sortBy: 'familyName', asc: false }),
    );
    expect(screen.getByTestId('sort-requester').closest('th')).toHaveAttribute(
      'aria-sort',
      'descending',
    );
  });

  it('pages through the API', async () => {
    const backend = installFakeBackend();
    const { user } = renderApp('#/inbox');
    await waitFor(() => expect(rows()).toHaveLength(25));

    await user.click(screen.getByTestId('pager-next'));

    await waitFor(() => expect(rows()).toHaveLength(15));
    expect(backend.last('dsar_list')).toMatchObject({ page: 2, size: 25 });
    expect(screen.getByTestId('pager-next')).toBeDisabled();
    expect(screen.getByText('26–40 sur 40')).toBeInTheDocument();
  });

  it('opens a request on click, and the back link returns to the same filtered list', async () => {
    const backend = installFakeBackend();
    const { user } = renderApp('#/inbox');
    await waitFor(() => expect(rows()).toHaveLength(25));
    await user.click(screen.getByTestId('filter-overdue'));
    await waitFor(() => expect(backend.last('dsar_list')?.overdueOnly).toBe(true));

    const row = await waitFor(() => {
      const r = rows()[0];
      expect(r).toBeDefined();
      return r as HTMLElement;
    });
    const id = Number(row.getAttribute('data-id'));
    await user.click(row);

    await waitFor(() => expect(backend.last('dsar_get')).toEqual({ id }));
    expect(await screen.findByTestId('detail-title')).toBeInTheDocument();

    await user.click(screen.getByTestId('back-to-inbox'));
    await waitFor(() =>
      expect(screen.getByTestId('filter-overdue')).toHaveAttribute('aria-checked', 'true'),
    );
    expect(window.location.hash).toBe('#/inbox?overdue=1');
  });

  it('shows the error with its message, and loads again on retry', async () => {
    const backend = installFakeBackend();
    backend.fail('dsar_list', 'unreachable', 'Dastra did not answer after 3 attempts');
    const { user } = renderApp('#/inbox');

    const error = await screen.findByTestId('error-state');
    expect(error).toHaveTextContent('Impossible de charger les demandes');
    expect(error).toHaveTextContent('Dastra did not answer after 3 attempts');

    backend.recover();
    await user.click(screen.getByTestId('error-retry'));
    await waitFor(() => expect(rows()).toHaveLength(25));
  });

  it('says when nothing matches, and clears the filters on request', async () => {
    installFakeBackend();
    const { user } = renderApp('#/inbox?q=personne-inconnue');

    const empty = await screen.findByTestId('empty-state');
    expect(empty).toHaveTextContent('Aucune demande ne correspond');
    expect(screen.getByTestId('inbox-search')).toHaveValue('personne-inconnue');

    await user.click(within(empty).getByRole('button'));
    await waitFor(() => expect(rows()).toHaveLength(25));
    expect(screen.getByTestId('inbox-search')).toHaveValue('');
  });

  it('says so when the workspace has no request at all', async () => {
    installFakeBackend({ dsars: [] });
    renderApp('#/inbox');

    expect(await screen.findByTestId('empty-state')).toHaveTextContent(
      'Aucune demande pour le moment',
    );
    expect(screen.getByTestId('inbox-total')).toHaveTextContent('Aucune demande');
  });

  it('reloads when the backend says the workspace changed', async () => {
    const backend = installFakeBackend();
    renderApp('#/inbox');
    await waitFor(() => expect(rows()).toHaveLength(25));
    const before = backend.requests('dsar_list').length;

    await backend.emit('workspace_changed', {
      workspace: { label: 'Autre', workspaceId: 2, baseUrl: 'x', isSandbox: false },
    });

    await waitFor(() => expect(backend.requests('dsar_list').length).toBeGreaterThan(before));
  });

  it('goes to the last page when the address asks for a page past the end', async () => {
    const backend = installFakeBackend();
    renderApp('#/inbox?page=9');

    await waitFor(() => expect(rows()).toHaveLength(15));
    expect(backend.last('dsar_list')?.page).toBe(2);
    expect(window.location.hash).toBe('#/inbox?page=2');
  });
});
