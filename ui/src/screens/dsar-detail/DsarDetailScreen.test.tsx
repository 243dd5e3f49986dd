import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { installFakeBackend } from '../../test/fakeBackend';
import { DSARS } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const first = DSARS[0]!;

describe('the DSAR detail', () => {
  it("shows the request's title, state, rights and deadline", async () => {
    installFakeBackend();
    renderApp(`#/inbox/${first.id}`);

    expect(await screen.findByTestId('detail-title')).toHaveTextContent(first.title);
    expect(screen.getByTestId('screen-title')).toHaveTextContent(first.title);
    expect(screen.getByTestId('detail-state')).toHaveTextContent('Ouverte');
    expect(screen.getByText("Droit d'accès")).toBeInTheDocument();
    expect(screen.getByTestId('detail-summary')).toHaveTextContent(/en retard de \d+ j/);
  });

  it('shows every identity field of the requester', async () => {
    installFakeBackend();
    renderApp(`#/inbox/${first.id}`);

    expect(await screen.findByTestId('identity-given-name')).toHaveTextContent('Élodie');
    expect(screen.getByTestId('identity-family-name')).toHaveTextContent('Dupont-Moreau');
    expect(screen.getByTestId('identity-email')).toHaveTextContent(
      'elodie.dupont-moreau@exemple.fr',
    );
    expect(screen.getByTestId('identity-phone')).toHaveTextContent('+33 6 12 34 56 78');
    expect(screen.getByTestId('identity-address')).toHaveTextContent('12 rue des Lilas');
    expect(screen.getByTestId('identity-zip')).toHaveTextContent('69003');
    expect(screen.getByTestId('identity-city')).toHaveTextContent('Lyon');
    expect(screen.getByTestId('identity-country')).toHaveTextContent('France');
    expect(screen.getByTestId('identity-ref-id')).toHaveTextContent('CLI-004512');
    expect(screen.getByTestId('identity-validated')).toHaveTextContent('Identité vérifiée');
  });

  it('shows a dash for an identity field Dastra does not have', async () => {
    installFakeBackend();
    renderApp(`#/inbox/${DSARS[1]!.id}`);

    expect(await screen.findByTestId('identity-phone')).toHaveTextContent('—');
    expect(screen.getByTestId('identity-user-id')).toHaveTextContent('—');
    expect(screen.getByText('Aucune pièce jointe.')).toBeInTheDocument();
    expect(screen.getByTestId('detail-messages')).toHaveTextContent('Aucun message');
  });

  it('lists attachments with size and date, and counts the messages', async () => {
    installFakeBackend();
    renderApp(`#/inbox/${first.id}`);

    const file = await screen.findByTestId('attachment-row');
    expect(file).toHaveTextContent('piece-identite.pdf');
    expect(file).toHaveTextContent('240 Ko');
    expect(file).toHaveTextContent('20 nov. 2026');
    expect(screen.getByTestId('detail-messages')).toHaveTextContent('3 messages · dont 1 non lu');
    expect(screen.getByTestId('detail-channel')).toHaveTextContent('Formulaire');
    expect(screen.getByTestId('detail-person-category')).toHaveTextContent('Client');
    expect(screen.getByTestId('detail-description')).toHaveTextContent('copie de l');
  });

  it('says plainly when the request no longer exists, without a pointless retry', async () => {
    installFakeBackend();
    renderApp('#/inbox/999999');

    const error = await screen.findByTestId('error-state');
    expect(error).toHaveTextContent("n'existe pas ou plus dans Dastra");
    expect(screen.queryByTestId('error-retry')).toBeNull();
    expect(screen.getByTestId('back-to-inbox')).toHaveAttribute('href', '#/inbox');
  });

  it('links back to the inbox with the filters it was opened from', async () => {
    installFakeBackend();
    renderApp(`#/inbox/${first.id}?state=Open&purpose=Access&sort=familyName&dir=desc`);

    expect(await screen.findByTestId('back-to-inbox')).toHaveAttribute(
      'href',
      '#/inbox?state=Open&purpose=Access&sort=familyName&dir=desc',
    );
  });
});
