import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Profile } from '../../bindings/Profile';
import type { SourceSpecDto } from '../../bindings/SourceSpecDto';
import { setImportHandoff } from '../../lib/importHandoff';
import { installFakeBackend, type FakeBackend } from '../../test/fakeBackend';
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

const PROFILE = '{"version": 1, "id": "servicenow-apps", "name": "Applications ServiceNow"}';

async function planned(backend: FakeBackend, hash = '#/imports') {
  const app = renderApp(hash);
  fireEvent.change(await screen.findByTestId('import-profile'), { target: { value: PROFILE } });
  fireEvent.change(screen.getByTestId('import-source'), {
    target: { value: '/exports/servicenow.json' },
  });
  await app.user.click(screen.getByTestId('plan-import'));
  await screen.findByTestId('plan-chart');
  expect(backend.last('import_plan')?.source.path).toBe('/exports/servicenow.json');
  return app;
}

const value = (kind: string) => screen.getByTestId(`count-${kind}-value`).textContent;

describe('the import preview', () => {
  it('starts from the profile and file the studio hands over, once', async () => {
    const backend = installFakeBackend();
    const profile = JSON.parse(PROFILE) as Profile;
    const source = { path: '/exports/from-studio.json', spec: {} } as SourceSpecDto;
    setImportHandoff({ profile, source });
    const app = renderApp('#/imports');
    const text = (await screen.findByTestId('import-profile')) as HTMLTextAreaElement;
    expect(JSON.parse(text.value)).toEqual(profile);
    expect((screen.getByTestId('import-source') as HTMLInputElement).value).toBe(
      '/exports/from-studio.json',
    );
    expect(screen.getByTestId('import-from-studio').textContent).toMatch(/studio de mapping/);
    await app.user.click(screen.getByTestId('plan-import'));
    await screen.findByTestId('plan-chart');
    expect(backend.last('import_plan')?.source.path).toBe('/exports/from-studio.json');
    expect(JSON.parse(backend.last('import_plan')?.profile ?? '{}')).toEqual(profile);
    app.unmount();
    renderApp('#/imports');
    expect(((await screen.findByTestId('import-profile')) as HTMLTextAreaElement).value).toBe('');
  });

  it('counts the plan by class, and never asks for every row at once', async () => {
    const backend = installFakeBackend({ imports: { rows: 10_000 } });
    await planned(backend);
    expect(screen.getByTestId('screen-title')).toHaveTextContent('Applications ServiceNow');
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
