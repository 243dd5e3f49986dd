import { screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { installFakeBackend } from '../../test/fakeBackend';
import { renderApp } from '../../test/render';

// jsdom lays nothing out: give scroll containers a window-like height so the virtualizer has
// a viewport to fill.
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

describe('the registers', () => {
  it('draw only the asset rows in view out of a page of 100', async () => {
    const backend = installFakeBackend();
    renderApp('#/assets');

    await waitFor(() => expect(screen.getAllByTestId('asset-row').length).toBeGreaterThan(10));
    expect(screen.getAllByTestId('asset-row').length).toBeLessThan(100);
    expect(screen.getByTestId('register-total')).toHaveTextContent('230 actifs');
    expect(backend.last('asset_list')).toEqual({ page: 1, size: 100, q: '', asc: true });
    expect(screen.getAllByText('En production').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Externalisé').length).toBeGreaterThan(0);
  });

  it('search and page assets through the API', async () => {
    const backend = installFakeBackend();
    const { user } = renderApp('#/assets');
    await screen.findAllByTestId('asset-row');

    await user.click(screen.getByTestId('pager-next'));
    await waitFor(() => expect(backend.last('asset_list')?.page).toBe(2));

    await user.type(screen.getByTestId('register-search'), 'paie');
    await waitFor(() => expect(backend.last('asset_list')).toMatchObject({ q: 'paie', page: 1 }));
  });

  it('list actors with their type and country', async () => {
    installFakeBackend();
    renderApp('#/actors');

    await waitFor(() => expect(screen.getAllByTestId('actor-row')).toHaveLength(12));
    expect(screen.getByTestId('screen-title')).toHaveTextContent('Acteurs');
    expect(screen.getAllByText('Personne morale').length).toBe(12);
    expect(screen.getAllByText('Allemagne').length).toBeGreaterThan(0);
  });

  it('list contracts with their type and state', async () => {
    installFakeBackend();
    renderApp('#/contracts');

    await waitFor(() => expect(screen.getAllByTestId('contract-row')).toHaveLength(5));
    expect(screen.getAllByText('Sous-traitance (art. 28)')).toHaveLength(5);
    expect(screen.getByText('Expiré')).toBeInTheDocument();
    expect(screen.getByTestId('register-total')).toHaveTextContent('5 contrats');
  });

  it('show the error and retry', async () => {
    const backend = installFakeBackend();
    backend.fail('actor_list', 'unauthorized', 'Dastra refused the API key (401)');
    const { user } = renderApp('#/actors');

    expect(await screen.findByTestId('error-state')).toHaveTextContent(
      "Dastra a refusé la clé d'accès",
    );
    backend.recover();
    await user.click(screen.getByTestId('error-retry'));
    await waitFor(() => expect(screen.getAllByTestId('actor-row')).toHaveLength(12));
  });
});
