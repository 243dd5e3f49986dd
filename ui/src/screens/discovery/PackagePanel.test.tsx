import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { call } from '../../api';
import { installFakeBackend } from '../../test/fakeBackend';
import { SAMPLE_DONE_JOB } from '../../test/fakeDiscovery';
import { renderApp } from '../../test/render';

// The sample finished job of request 1001 has six findings (101–106), none decided yet.
async function openReview(options: { decided?: boolean; language?: 'en' } = {}) {
  const backend = installFakeBackend(options.language ? { preference: options.language } : {});
  if (options.decided) {
    await call('review_decide', {
      jobId: SAMPLE_DONE_JOB,
      findingIds: [101, 102, 103, 104, 105],
      decision: { decision: 'include' },
    });
    await call('review_decide', {
      jobId: SAMPLE_DONE_JOB,
      findingIds: [106],
      decision: { decision: 'exclude', reason: 'notThisPerson' },
    });
    await call('review_redact', {
      jobId: SAMPLE_DONE_JOB,
      findingId: 103,
      redactions: [{ field: 'body', span: { start: 0, end: 4 } }],
    });
  }
  const app = renderApp(`#/discovery/${SAMPLE_DONE_JOB}/review`);
  await screen.findAllByTestId('review-finding');
  return { backend, ...app };
}

async function buildReviewed() {
  const app = await openReview({ decided: true });
  await app.user.click(screen.getByTestId('package-build'));
  await screen.findByTestId('package-result');
  return app;
}

describe('the response package', () => {
  it('waits for the review, and says why', async () => {
    const { backend } = await openReview();

    expect(screen.getByTestId('package-build')).toBeDisabled();
    expect(screen.getByTestId('package-build')).toHaveTextContent('Préparer le dossier de réponse');
    expect(screen.getByTestId('package-why')).toHaveTextContent(
      'Il reste 6 résultats à examiner : ils ne seront pas dans le dossier.',
    );
    expect(backend.requests('package_build')).toHaveLength(0);
  });

  it('builds anyway once the DPO confirms that undecided findings stay out', async () => {
    const { backend, user } = await openReview();

    await user.click(screen.getByTestId('package-build-anyway'));
    const dialog = screen.getByTestId('package-confirm-dialog');
    expect(dialog).toHaveTextContent('6 résultats n’ont pas de décision');
    await user.click(within(dialog).getByText('Annuler'));
    expect(backend.requests('package_build')).toHaveLength(0);

    await user.click(screen.getByTestId('package-build-anyway'));
    await user.click(screen.getByTestId('package-confirm'));

    await screen.findByTestId('package-result');
    expect(backend.requests('package_build')).toEqual([{ jobId: SAMPLE_DONE_JOB }]);
    expect(screen.getByTestId('package-undecided')).toHaveAttribute('data-count', '6');
    expect(screen.getByTestId('package-included')).toHaveAttribute('data-count', '0');
  });

  it('shows the counts, the file, its contents and the report to read', async () => {
    const { backend, user } = await buildReviewed();
    const built = backend.responses.find((r) => r.cmd === 'package_build')!.res as {
      fileName: string;
      reportHtml: string;
    };

    expect(screen.getByTestId('package-build')).toBeEnabled();
    expect(screen.getByTestId('package-included')).toHaveTextContent('Inclus5');
    expect(screen.getByTestId('package-excluded')).toHaveTextContent('Exclus1');
    expect(screen.getByTestId('package-undecided')).toHaveTextContent('Non examinés0');
    expect(screen.getByTestId('package-redactions')).toHaveTextContent('Masquages1');
    expect(screen.getByTestId('package-file')).toHaveTextContent(/^passerelle-dsar-1001-/);
    expect(screen.getByTestId('package-size')).toHaveTextContent(/\d Ko$/);
    expect(screen.getByTestId('package-sha256')).toHaveTextContent(/^[0-9a-f]{64}$/);

    const files = screen.getByTestId('package-files');
    expect(files.tagName).toBe('DETAILS');
    expect(within(files).getByText('Contenu : 3 fichiers')).toBeInTheDocument();
    const rows = within(files).getAllByTestId('package-file-row');
    expect(rows.map((r) => r.dataset.name)).toEqual([
      'manifest.json',
      'rapport.html',
      'donnees.json',
    ]);
    expect(rows[1]).toHaveTextContent(/[0-9a-f]{64}/);

    expect(screen.queryByTestId('package-report')).toBeNull();
    await user.click(screen.getByTestId('package-report-open'));
    const report = screen.getByTestId('package-report');
    expect(report.tagName).toBe('IFRAME');
    expect(report).toHaveAttribute('sandbox', '');
    expect(report.getAttribute('srcdoc')).toBe(built.reportHtml);
    expect(report.getAttribute('srcdoc')).toContain('Réponse à la demande n° 1001');
    expect(screen.getByTestId('package-report-open')).toHaveTextContent('Masquer le rapport');
  });

  it('says the package is outdated when a decision changes after it was built', async () => {
    const { user } = await buildReviewed();
    expect(screen.queryByTestId('package-outdated')).toBeNull();

    const card = screen.getAllByTestId('review-finding').find((f) => f.dataset.id === '101')!;
    await user.click(within(card).getByTestId('finding-undo'));

    expect(await screen.findByTestId('package-outdated')).toHaveTextContent(
      'Des décisions ont changé depuis',
    );
    await user.click(screen.getByTestId('package-build-anyway'));
    await user.click(screen.getByTestId('package-confirm'));
    await waitFor(() => expect(screen.queryByTestId('package-outdated')).toBeNull());
    expect(screen.getByTestId('package-undecided')).toHaveAttribute('data-count', '1');
  });

  it('says why the package could not be built', async () => {
    const { backend, user } = await openReview({ decided: true });
    backend.fail('package_build', 'internal', 'package: disk full');

    await user.click(screen.getByTestId('package-build'));

    expect(await screen.findByTestId('package-error')).toHaveTextContent(
      'Le dossier n’a pas pu être préparé — package: disk full',
    );
  });
});

describe('attaching the package to the request', () => {
  it('sends exactly the state and message chosen, then says what was done', async () => {
    const { backend, user } = await buildReviewed();
    const fileName = screen.getByTestId('package-file').textContent!;

    await user.click(screen.getByTestId('package-attach-open'));
    const state = await screen.findByTestId('attach-state');
    await waitFor(() => expect(state).toHaveDisplayValue('Ne pas changer (Ouverte)'));
    await user.selectOptions(state, 'Closed');
    await user.type(screen.getByTestId('attach-message'), '  Voici vos données.  ');
    await user.click(screen.getByTestId('attach-confirm'));

    const result = await screen.findByTestId('attach-result');
    expect(result).toHaveTextContent('Joint à la demande');
    expect(result).toHaveTextContent('2 changements envoyés à la demande.');
    expect(result).toHaveTextContent('État de la demande : Clôturée.');
    expect(backend.requests('package_attach')).toEqual([
      { requestId: 1001, fileName, state: 'Closed', resolutionMessage: 'Voici vos données.' },
    ]);
    // The request is read again: its detail shows the new file and state.
    await waitFor(() => expect(backend.requests('dsar_get').length).toBeGreaterThanOrEqual(2));
    const detail = backend.responses.filter((r) => r.cmd === 'dsar_get').at(-1)!.res as {
      summary: { state: string };
      attachments: { fileName: string }[];
    };
    expect(detail.summary.state).toBe('Closed');
    expect(detail.attachments.map((a) => a.fileName)).toContain(fileName);
  });

  it('sends no state nor message when none is chosen, and says so the second time', async () => {
    const { backend, user } = await buildReviewed();

    await user.click(screen.getByTestId('package-attach-open'));
    await user.click(screen.getByTestId('attach-confirm'));
    expect(await screen.findByTestId('attach-result')).toHaveTextContent('Joint à la demande');
    expect(screen.getByTestId('attach-result')).toHaveTextContent('Aucun changement');
    await user.click(screen.getByTestId('attach-close'));

    await user.click(screen.getByTestId('package-attach-open'));
    await user.click(screen.getByTestId('attach-confirm'));

    expect(await screen.findByTestId('attach-result')).toHaveTextContent(
      'Déjà joint : rien n’a été renvoyé',
    );
    const [first, second] = backend.requests('package_attach');
    expect(first).toEqual({ requestId: 1001, fileName: expect.stringMatching(/\.zip$/) });
    expect(second).toEqual(first);
  });

  it('shows the error, and for an unknown outcome says to check Dastra first', async () => {
    const { backend, user } = await buildReviewed();
    backend.fail('package_attach', 'outcomeUnknown', 'dastra: the upload timed out');

    await user.click(screen.getByTestId('package-attach-open'));
    await user.click(screen.getByTestId('attach-confirm'));

    const error = await screen.findByTestId('attach-error');
    expect(error).toHaveTextContent('L’envoi a échoué — dastra: the upload timed out');
    expect(error).toHaveTextContent('Vérifiez les pièces jointes de la demande dans Dastra');
    expect(screen.getByTestId('attach-confirm')).toHaveTextContent('Réessayer');
    expect(screen.queryByTestId('attach-result')).toBeNull();
  });

  it('shows a plain error without the Dastra warning', async () => {
    const { backend, user } = await buildReviewed();
    backend.fail('package_attach', 'unauthorized', 'dastra: the API key was refused');

    await user.click(screen.getByTestId('package-attach-open'));
    await user.click(screen.getByTestId('attach-confirm'));

    const error = await screen.findByTestId('attach-error');
    expect(error).toHaveTextContent('the API key was refused');
    expect(error).not.toHaveTextContent('Vérifiez les pièces jointes');
  });

  it('reads in English too', async () => {
    const { user } = await openReview({ decided: true, language: 'en' });

    expect(screen.getByTestId('package-build')).toHaveTextContent('Prepare the response package');
    await user.click(screen.getByTestId('package-build'));
    await screen.findByTestId('package-result');
    expect(screen.getByTestId('package-undecided')).toHaveTextContent('Not reviewed0');
    expect(screen.getByTestId('package-report-open')).toHaveTextContent('Read the report');

    await user.click(screen.getByTestId('package-attach-open'));
    await waitFor(() =>
      expect(screen.getByTestId('attach-state')).toHaveDisplayValue('Leave as is (Open)'),
    );
    await user.click(screen.getByTestId('attach-confirm'));
    expect(await screen.findByTestId('attach-result')).toHaveTextContent('Attached to the request');
  });
});

describe('the package after a reload, the workflow step and the upload', () => {
  it('finds the package built before a reload of the window, ready to attach', async () => {
    const { backend, unmount } = await buildReviewed();
    const fileName = screen.getByTestId('package-file').textContent!;
    unmount();

    // A new window on the same backend: nothing is built again.
    renderApp(`#/discovery/${SAMPLE_DONE_JOB}/review`);
    expect(await screen.findByTestId('package-file')).toHaveTextContent(fileName);
    expect(backend.requests('package_build')).toHaveLength(1);
    expect(screen.queryByTestId('package-outdated')).toBeNull();
    expect(screen.getByTestId('package-attach-open')).toBeEnabled();
  });

  it('offers the workflow steps, sends the one chosen, and shows the upload as it goes', async () => {
    const { backend, user } = await buildReviewed();
    await user.click(screen.getByTestId('package-attach-open'));

    const step = await screen.findByTestId('attach-step');
    await waitFor(() => expect(step).toHaveDisplayValue('Ne pas changer (Nouvelle demande)'));
    const options = within(step)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual([
      'Ne pas changer (Nouvelle demande)',
      'Vérification d’identité — état « Identité à vérifier »',
      'En cours de traitement — état « En traitement »',
      'Réponse envoyée — état « Clôturée »',
    ]);
    await user.selectOptions(step, '4');
    await user.click(screen.getByTestId('attach-confirm'));

    await screen.findByTestId('attach-result');
    expect(backend.last('package_attach')).toEqual({
      requestId: 1001,
      fileName: expect.stringMatching(/\.zip$/),
      workflowStep: 4,
    });
    const bar = await screen.findByTestId('attach-progress');
    await waitFor(() => expect(bar).toHaveAttribute('data-percent', '100'));
    expect(screen.getByTestId('attach-pending')).toHaveTextContent(/100 % envoyés \(.+ sur .+\)/);
  });

  it('leaves the step alone unless one is chosen', async () => {
    const { backend, user } = await buildReviewed();
    await user.click(screen.getByTestId('package-attach-open'));
    await waitFor(() =>
      expect(screen.getByTestId('attach-step')).toHaveDisplayValue(
        'Ne pas changer (Nouvelle demande)',
      ),
    );
    await user.selectOptions(screen.getByTestId('attach-state'), 'Processing');
    await user.click(screen.getByTestId('attach-confirm'));

    await screen.findByTestId('attach-result');
    expect(backend.last('package_attach')).not.toHaveProperty('workflowStep');
    expect(backend.last('package_attach')).toHaveProperty('state', 'Processing');
  });
});
