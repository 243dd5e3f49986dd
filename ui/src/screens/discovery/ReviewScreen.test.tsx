import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, onTestFinished, vi } from 'vitest';

import { installFakeBackend } from '../../test/fakeBackend';
import { SAMPLE_BIG_JOB, SAMPLE_DONE_JOB } from '../../test/fakeDiscovery';
import { renderApp } from '../../test/render';

// The sample finished job of request 1001 (Élodie Dupont-Moreau): 101 the CSV row, 102 the PDF
// letter, 103 the e-mail, 104 the customer row, 105 the ticket, 106 the possible namesake.
const finding = (id: number) =>
  screen.getAllByTestId('review-finding').find((f) => f.dataset.id === String(id))!;
const utf8 = (s: string) => new TextEncoder().encode(s).length;

async function openReview() {
  const backend = installFakeBackend();
  const app = renderApp(`#/discovery/${SAMPLE_DONE_JOB}/review`);
  await screen.findAllByTestId('review-finding');
  return { backend, ...app };
}

describe('the review of a job', () => {
  it('groups findings by source and file, and words where each one is', async () => {
    await openReview();

    expect(screen.getByTestId('review-remaining')).toHaveTextContent('6 à examiner');
    expect(finding(101)).toHaveTextContent('crm/clients.csv — ligne 2');
    expect(finding(102)).toHaveTextContent('courriers/lettre.pdf — page 2, ligne 1');
    expect(finding(104)).toHaveTextContent('table public.clients — id = 1');
    expect(finding(101)).toHaveTextContent("L'adresse e-mail et le nom complet correspondent.");
    expect(screen.getByRole('region', { name: 'Dossiers RH' })).toContainElement(finding(103));
    expect(screen.getByRole('region', { name: 'Boutique en ligne' })).toContainElement(
      finding(106),
    );

    expect(finding(106).dataset.confidence).toBe('possible');
    expect(finding(106)).toHaveTextContent('Possible — à confirmer');
    expect(finding(106)).toHaveTextContent('attend votre confirmation');
    expect(within(finding(106)).getByTestId('finding-include')).toHaveTextContent('Confirmer');
    expect(within(finding(101)).getByTestId('finding-include')).toHaveTextContent('Inclure');

    expect(finding(104)).toHaveTextContent('2 lignes liées dans public.commandes');
    const kinds = within(finding(103))
      .getAllByTestId('pii-span')
      .map((s) => s.dataset.kind);
    expect(kinds).toEqual(['nir', 'phone']);
    // The subject's own e-mail is a match, not a third party's data.
    expect(
      within(finding(101))
        .getAllByTestId('pii-span')
        .map((s) => s.dataset.kind),
    ).toEqual(['iban']);
    const issues = screen.getByTestId('review-issues');
    expect(issues).toHaveTextContent('2 éléments illisibles');
    expect(issues).toHaveTextContent('archives/scan-2019.pdf');
  });

  it('includes a finding and counts what is left', async () => {
    const { backend, user } = await openReview();

    await user.click(within(finding(101)).getByTestId('finding-include'));

    expect(finding(101).dataset.decision).toBe('include');
    expect(screen.getByTestId('review-remaining')).toHaveTextContent('5 à examiner');
    expect(backend.last('review_decide')).toEqual({
      jobId: SAMPLE_DONE_JOB,
      findingIds: [101],
      decision: { decision: 'include' },
    });
    await user.click(within(finding(101)).getByTestId('finding-undo'));
    await waitFor(() => expect(finding(101).dataset.decision).toBe('none'));
    expect(backend.last('review_decide')).toEqual({ jobId: SAMPLE_DONE_JOB, findingIds: [101] });
    expect(screen.getByTestId('review-remaining')).toHaveTextContent('6 à examiner');
  });

  it('excludes with a reason, and another reason needs a note', async () => {
    const { backend, user } = await openReview();

    await user.click(within(finding(105)).getByTestId('finding-exclude'));
    await user.selectOptions(screen.getByTestId('exclude-reason'), 'other');
    expect(screen.getByTestId('exclude-confirm')).toBeDisabled();
    await user.type(screen.getByTestId('exclude-note'), 'ticket du fils');
    await user.click(screen.getByTestId('exclude-confirm'));

    await waitFor(() => expect(finding(105).dataset.decision).toBe('exclude'));
    expect(finding(105)).toHaveTextContent('Exclu : Autre motif (ticket du fils)');
    expect(backend.last('review_decide')).toEqual({
      jobId: SAMPLE_DONE_JOB,
      findingIds: [105],
      decision: { decision: 'exclude', reason: 'other', note: 'ticket du fils' },
    });

    await user.click(within(finding(106)).getByTestId('finding-exclude'));
    await user.selectOptions(screen.getByTestId('exclude-reason'), 'notThisPerson');
    await user.click(screen.getByTestId('exclude-confirm'));
    await waitFor(() => expect(finding(106)).toHaveTextContent('Ne concerne pas la personne'));
    expect(backend.last('review_decide')?.decision).toEqual({
      decision: 'exclude',
      reason: 'notThisPerson',
    });
    expect(screen.getByTestId('review-remaining')).toHaveTextContent('4 à examiner');
  });

  it('includes a range selected with shift, then every certain finding at once', async () => {
    const { backend, user } = await openReview();

    await user.click(within(finding(101)).getByTestId('review-select'));
    await user.keyboard('{Shift>}');
    await user.click(within(finding(103)).getByTestId('review-select'));
    await user.keyboard('{/Shift}');
    expect(screen.getByTestId('review-selected')).toHaveTextContent('3 sélectionnés');
    await user.click(screen.getByTestId('bulk-include'));

    expect(backend.last('review_decide')?.findingIds).toEqual([101, 102, 103]);
    await waitFor(() =>
      expect(screen.getByTestId('review-remaining')).toHaveTextContent('3 à examiner'),
    );

    expect(screen.getByTestId('include-certain')).toHaveTextContent('(1)');
    await user.click(screen.getByTestId('include-certain'));
    expect(backend.last('review_decide')?.findingIds).toEqual([104]);
    await waitFor(() =>
      expect(screen.getByTestId('review-remaining')).toHaveTextContent('2 à examiner'),
    );
  });

  it('excludes a selection with one reason', async () => {
    const { backend, user } = await openReview();

    await user.click(within(finding(104)).getByTestId('review-select'));
    await user.click(within(finding(106)).getByTestId('review-select'));
    await user.click(screen.getByTestId('bulk-exclude'));
    await user.selectOptions(screen.getByTestId('exclude-reason'), 'duplicate');
    await user.click(screen.getByTestId('exclude-confirm'));

    expect(backend.last('review_decide')).toEqual({
      jobId: SAMPLE_DONE_JOB,
      findingIds: [104, 106],
      decision: { decision: 'exclude', reason: 'duplicate' },
    });
    await waitFor(() => expect(finding(106).dataset.decision).toBe('exclude'));
  });

  it('moves and decides with the keyboard', async () => {
    const { backend, user } = await openReview();
    expect(finding(101).dataset.focused).toBe('true');

    await user.keyboard('j');
    expect(finding(102).dataset.focused).toBe('true');
    await user.keyboard('i');
    expect(finding(102).dataset.decision).toBe('include');

    await user.keyboard('r');
    await waitFor(() => expect(backend.last('review_redact')?.findingId).toBe(102));
    expect(backend.last('review_redact')?.redactions).toHaveLength(1);

    await user.keyboard('{ArrowUp}');
    expect(finding(101).dataset.focused).toBe('true');
    await user.keyboard('x');
    expect(within(finding(101)).getByTestId('review-select')).toBeChecked();

    await user.keyboard('e');
    await user.selectOptions(await screen.findByTestId('exclude-reason'), 'duplicate');
    await user.click(screen.getByTestId('exclude-confirm'));
    await waitFor(() => expect(finding(101).dataset.decision).toBe('exclude'));
    expect(backend.last('review_decide')?.findingIds).toEqual([101]);

    await user.keyboard('jj{ArrowDown}k');
    expect(finding(103).dataset.focused).toBe('true');
    expect(screen.getByText(/j\/k ou ↑\/↓/)).toBeInTheDocument();
  });

  it('blacks out a third party e-mail with the byte span of a value with accents', async () => {
    const { backend, user } = await openReview();
    const letter = backend.responses.find((r) => r.cmd === 'review_list')!.res as {
      findings: { id: number; finding: { fields: { name: string; value: string }[] } }[];
    };
    const value = letter.findings.find((f) => f.id === 102)!.finding.fields[0]!.value;
    expect(value).toMatch(/^Madame Élodie Dupont-Moreau .* marc@exemple\.fr/);
    const start = utf8(value.slice(0, value.indexOf('marc@exemple.fr')));
    expect(start).toBeGreaterThan(value.indexOf('marc@exemple.fr'));

    const mail = within(finding(102)).getByTestId('pii-span');
    expect(mail.dataset.kind).toBe('email');
    await user.click(mail);

    expect(backend.last('review_redact')).toEqual({
      jobId: SAMPLE_DONE_JOB,
      findingId: 102,
      redactions: [{ field: 'text', span: { start, end: start + utf8('marc@exemple.fr') } }],
    });
    expect(within(finding(102)).getByTestId('finding-redacted')).toHaveTextContent(
      'marc@exemple.fr',
    );
    expect(finding(102)).toHaveTextContent('1 masquage');

    await user.click(within(finding(102)).getByTestId('pii-span'));
    await waitFor(() => expect(backend.last('review_redact')?.redactions).toEqual([]));
    expect(within(finding(102)).queryByTestId('finding-redacted')).toBeNull();
  });

  it('blacks out a whole field, and restores it', async () => {
    const { backend, user } = await openReview();
    const iban = within(finding(101))
      .getAllByTestId('redact-field')
      .find((b) => b.dataset.field === 'iban')!;

    await user.click(iban);

    expect(backend.last('review_redact')?.redactions).toEqual([{ field: 'iban' }]);
    expect(iban).toHaveAttribute('aria-pressed', 'true');
    expect(within(finding(101)).getByTestId('finding-redacted')).toHaveTextContent('FR76');
    await user.click(iban);
    await waitFor(() => expect(backend.last('review_redact')?.redactions).toEqual([]));
  });

  it('puts a refused decision back and says why', async () => {
    const { backend, user } = await openReview();
    backend.fail('review_decide', 'internal', 'findings store: database is locked');

    await user.click(within(finding(101)).getByTestId('finding-include'));

    expect(await screen.findByTestId('review-error')).toHaveTextContent(
      'findings store: database is locked',
    );
    expect(screen.getByTestId('review-error')).toHaveTextContent(
      'Ce changement n’a pas été enregistré',
    );
    expect(finding(101).dataset.decision).toBe('none');
    expect(screen.getByTestId('review-remaining')).toHaveTextContent('6 à examiner');
  });

  it('reads in English too', async () => {
    installFakeBackend({ preference: 'en' });
    renderApp(`#/discovery/${SAMPLE_DONE_JOB}/review`);

    expect(await screen.findByTestId('review-remaining')).toHaveTextContent('6 to review');
    expect(finding(102)).toHaveTextContent('courriers/lettre.pdf — page 2, line 1');
    expect(finding(102)).toHaveTextContent('The full name appears in the text');
  });
});

describe('a review of thousands of findings', () => {
  it('reads them page by page and draws only the cards in view', async () => {
    // jsdom lays nothing out: the scroller gets a window's height, each drawn row 200 px.
    const view = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800);
    const row = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      return this.dataset.index === undefined ? 0 : 200;
    });
    onTestFinished(() => {
      view.mockRestore();
      row.mockRestore();
    });
    const backend = installFakeBackend({ discovery: { bigJob: 3000 } });
    const { user } = renderApp(`#/discovery/${SAMPLE_BIG_JOB}/review`);

    await screen.findAllByTestId('review-finding', {}, { timeout: 8000 });
    expect(screen.getByTestId('review-remaining')).toHaveTextContent('3000 à examiner');
    // Six pages of 500, one after the other; one source, each file a group of one finding.
    expect(backend.requests('review_list').map((r) => r.offset)).toEqual([
      0, 500, 1000, 1500, 2000, 2500,
    ]);
    const drawn = screen.getAllByTestId('review-finding').length;
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(60);
    expect(screen.getByTestId('review-virtual').dataset.rows).toBe(String(1 + 3000 * 2));

    // Bulk decisions still reach every finding, drawn or not.
    await user.click(screen.getByTestId('include-certain'));
    await waitFor(() =>
      expect(screen.getByTestId('review-remaining').dataset.count).not.toBe('3000'),
    );
    const sent = backend.last('review_decide')!;
    expect(sent.findingIds.length).toBeGreaterThan(1000);
  }, 20_000);
});
