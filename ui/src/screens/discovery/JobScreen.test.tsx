import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { installFakeBackend, type FakeBackend } from '../../test/fakeBackend';
import { SAMPLE_INTERRUPTED_JOB } from '../../test/fakeDiscovery';
import { CLIENTS_ID, RH_ID } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const source = (id: string) =>
  screen.getAllByTestId('job-source').find((s) => s.dataset.id === id)!;

async function startJob(backend: FakeBackend) {
  const app = renderApp('#/inbox/1001/discovery');
  await app.user.click(await screen.findByTestId('discovery-start'));
  await screen.findByTestId('job-state');
  expect(backend.last('discovery_start')).toBeDefined();
  return app;
}

describe('following a discovery job', () => {
  it('shows each source move as progress events come, then offers the review', async () => {
    const backend = installFakeBackend();
    const { user } = await startJob(backend);
    expect(screen.getByTestId('job-state')).toHaveTextContent('En cours');
    expect(source(RH_ID).dataset.state).toBe('pending');
    expect(screen.queryByTestId('open-review')).toBeNull();

    await act(() => backend.discovery.tick());

    await waitFor(() => expect(source(RH_ID).dataset.state).toBe('running'));
    expect(source(RH_ID)).toHaveTextContent('1 sur 4 éléments');
    expect(source(RH_ID)).toHaveTextContent('Reste environ 2 min');
    expect(source(RH_ID)).toHaveTextContent('1 résultat');
    expect(source(RH_ID).querySelector('[role=progressbar]')).toHaveAttribute(
      'aria-valuenow',
      '25',
    );
    expect(screen.getByTestId('job-cancel')).toBeInTheDocument();

    await act(() => backend.discovery.runAll());

    await waitFor(() => expect(screen.getByTestId('job-state')).toHaveTextContent('Terminée'));
    expect(source(RH_ID).dataset.state).toBe('done');
    expect(source(RH_ID)).toHaveTextContent('2 fichiers ignorés');
    expect(screen.getByTestId('job-notice')).toHaveTextContent('6 résultats à revoir');
    expect(screen.queryByTestId('job-cancel')).toBeNull();
    expect(screen.queryByTestId('job-resume')).toBeNull();
    await user.click(screen.getByTestId('open-review'));
    expect(await screen.findByTestId('review-remaining')).toHaveTextContent('6 à examiner');
  });

  it('offers to resume after a cancel, and resuming runs the job to its end', async () => {
    const backend = installFakeBackend();
    const { user } = await startJob(backend);
    await act(() => backend.discovery.tick());

    await user.click(await screen.findByTestId('job-cancel'));

    await waitFor(() => expect(screen.getByTestId('job-state')).toHaveTextContent('Arrêtée'));
    expect(source(RH_ID).dataset.state).toBe('cancelled');
    expect(screen.getByTestId('job-notice')).toHaveTextContent('Vous avez arrêté cette recherche');
    expect(screen.queryByTestId('job-cancel')).toBeNull();
    expect(screen.getByTestId('open-review')).toBeInTheDocument();

    await user.click(screen.getByTestId('job-resume'));

    await waitFor(() => expect(screen.getByTestId('job-state')).toHaveTextContent('En cours'));
    expect(backend.requests('discovery_resume')).toHaveLength(1);
    await act(() => backend.discovery.runAll());
    await waitFor(() => expect(screen.getByTestId('job-state')).toHaveTextContent('Terminée'));
  });

  it('offers to resume a job interrupted when the app closed', async () => {
    installFakeBackend();
    renderApp(`#/discovery/${SAMPLE_INTERRUPTED_JOB}`);

    expect(await screen.findByTestId('job-state')).toHaveTextContent('Interrompue');
    expect(screen.getByTestId('job-notice')).toHaveTextContent('Passerelle a été fermé');
    expect(screen.getByTestId('job-resume')).toBeInTheDocument();
    expect(screen.queryByTestId('job-cancel')).toBeNull();
    // Its sources left running say so too, not "running".
    const left = screen
      .getAllByTestId('job-source')
      .filter((s) => s.dataset.state === 'running' || s.dataset.state === 'pending');
    expect(left.length).toBeGreaterThan(0);
    for (const s of left) {
      expect(s).toHaveTextContent('Interrompue');
      expect(s).not.toHaveTextContent('En cours');
    }
  });

  it('says why a job stopped when the backend could not go on', async () => {
    const backend = installFakeBackend();
    renderApp(`#/discovery/${SAMPLE_INTERRUPTED_JOB}`);
    await screen.findByTestId('job-state');

    await act(() =>
      backend.emit('job_finished', {
        jobId: SAMPLE_INTERRUPTED_JOB,
        state: 'failed',
        error: 'findings store: disk full',
      }),
    );

    expect(await screen.findByTestId('job-notice')).toHaveTextContent(
      'La recherche s’est arrêtée : findings store: disk full',
    );
  });

  it('shows why a source failed, and a resume retries it', async () => {
    const backend = installFakeBackend({ discovery: { failingSource: CLIENTS_ID } });
    const { user } = await startJob(backend);

    await act(() => backend.discovery.runAll());

    await waitFor(() => expect(source(CLIENTS_ID).dataset.state).toBe('failed'));
    expect(source(CLIENTS_ID)).toHaveTextContent('does not answer');
    expect(screen.getByTestId('job-state')).toHaveTextContent('Terminée, avec des échecs');
    await user.click(screen.getByTestId('job-resume'));
    await act(() => backend.discovery.runAll());
    await waitFor(() => expect(source(CLIENTS_ID).dataset.state).toBe('done'));
    expect(screen.getByTestId('job-state')).toHaveTextContent('Terminée');
  });
});
