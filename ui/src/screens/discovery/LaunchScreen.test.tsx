import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { installFakeBackend } from '../../test/fakeBackend';
import { SAMPLE_DONE_JOB } from '../../test/fakeDiscovery';
import { BOUTIQUE_ID, CLIENTS_ID, CRM_ID, RH_ID } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const rowOf = (kind: string) =>
  screen.getAllByTestId('identifier-row').find((r) => r.dataset.kind === kind)!;
const choice = (id: string) =>
  screen.getAllByTestId('source-choice').find((c) => c.dataset.id === id) as HTMLInputElement;

describe('preparing a discovery', () => {
  it('opens from the request, with the identifiers read from it and where each came from', async () => {
    installFakeBackend();
    const { user } = renderApp('#/inbox/1001?state=Open');

    await user.click(await screen.findByTestId('run-discovery'));

    await screen.findAllByTestId('identifier-row');
    expect(window.location.hash).toBe('#/inbox/1001/discovery?state=Open');
    expect(rowOf('email')).toHaveTextContent('elodie.dupont-moreau@exemple.fr');
    // Where each came from, in words: not the request's field names.
    expect(rowOf('email')).toHaveTextContent('du formulaire : adresse e-mail');
    expect(rowOf('fullName')).toHaveTextContent('du formulaire : prénom et nom');
    expect(screen.queryByText(/givenName|familyName|phoneNumber/)).toBeNull();
    expect(screen.getByTestId('screen-title')).toHaveTextContent('Élodie Dupont-Moreau');
  });

  it('starts a job with exactly the identifiers and sources chosen', async () => {
    const backend = installFakeBackend();
    const { user } = renderApp('#/inbox/1001/discovery');
    await screen.findAllByTestId('identifier-row');
    const before = backend.responses.find((r) => r.cmd === 'discovery_prepare')!.res as {
      identifiers: { kind: string }[];
    };

    await user.click(within(rowOf('phone')).getByTestId('identifier-remove'));
    await user.click(screen.getByTestId('identifier-add'));
    await user.selectOptions(screen.getByTestId('identifier-kind'), 'customerNumber');
    await user.type(screen.getByTestId('identifier-value'), '  CLI-9  ');
    await user.click(screen.getByTestId('identifier-save'));
    expect(rowOf('customerNumber')).toHaveTextContent('ajouté par vous');
    expect(rowOf('customerNumber')).toHaveTextContent('Numéro client');

    expect(choice(CRM_ID)).toBeDisabled();
    expect(choice(CRM_ID).closest('label')).toHaveTextContent('ligne de commande');
    await user.click(choice(BOUTIQUE_ID));
    await user.click(screen.getByTestId('discovery-start'));

    await waitFor(() =>
      expect(screen.getByTestId('screen-title')).toHaveTextContent(
        'Recherche pour la demande n° 1001',
      ),
    );
    const sent = backend.last('discovery_start')!;
    expect(sent.requestId).toBe(1001);
    expect(sent.sourceIds).toEqual([CLIENTS_ID, RH_ID]);
    expect(sent.identifiers.map((i) => i.kind)).toEqual([
      ...before.identifiers.map((i) => i.kind).filter((k) => k !== 'phone'),
      'customerNumber',
    ]);
    expect(sent.identifiers.at(-1)).toEqual({
      kind: 'customerNumber',
      value: 'CLI-9',
      label: null,
      provenance: { source: 'addedByDpo', note: null },
    });
  });

  it('shows what the backend refuses next to the button', async () => {
    installFakeBackend();
    const { user } = renderApp('#/inbox/1001/discovery');
    await screen.findAllByTestId('identifier-row');

    for (const id of [BOUTIQUE_ID, CLIENTS_ID, RH_ID]) await user.click(choice(id));
    await user.click(screen.getByTestId('discovery-start'));

    // Worded in French from the field the backend names, not its English sentence.
    const refusal = await screen.findByTestId('start-error');
    expect(refusal).toHaveTextContent('aucun endroit où chercher n’est choisi');
    expect(refusal).not.toHaveTextContent('no source');
    expect(screen.getByTestId('screen-title')).toHaveTextContent('Préparer la recherche');

    // Nothing to search for: the other refusal, in English once the language is switched.
    await user.selectOptions(screen.getByTestId('language-switch'), 'en');
    await screen.findByText('Who to look for');
    while (screen.queryAllByTestId('identifier-remove').length > 0) {
      await user.click(screen.getAllByTestId('identifier-remove')[0]!);
    }
    await user.click(screen.getByTestId('discovery-start'));
    await waitFor(() =>
      expect(screen.getByTestId('start-error')).toHaveTextContent(
        'there is no one to search for: add at least one identifier.',
      ),
    );
  });

  it('lists the earlier searches of the request and opens one', async () => {
    installFakeBackend();
    const { user } = renderApp('#/inbox/1001/discovery');

    const earlier = await screen.findByTestId('earlier-job');
    expect(earlier.dataset.id).toBe(SAMPLE_DONE_JOB);
    expect(earlier).toHaveTextContent('Terminée');
    expect(earlier).toHaveTextContent('6 résultats');
    await user.click(within(earlier).getByRole('link'));

    expect(await screen.findByTestId('job-state')).toHaveTextContent('Terminée');
    expect(window.location.hash).toBe(`#/discovery/${SAMPLE_DONE_JOB}`);
  });
});
