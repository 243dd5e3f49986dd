import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';

import { I18nProvider } from '../i18n';
import { installFakeBackend } from '../test/fakeBackend';
import { PathField } from './PathField';

function Field({ initial = '' }: { initial?: string }) {
  const [path, setPath] = useState(initial);
  return (
    <I18nProvider language="fr">
      <PathField
        kind="open"
        title="Chemin du fichier"
        filters={[{ name: 'CSV', extensions: ['csv'] }]}
        value={path}
        onChange={setPath}
        testId="p"
      />
    </I18nProvider>
  );
}

describe('PathField', () => {
  it('takes the file chosen in the chooser, which opens on the path typed', async () => {
    const backend = installFakeBackend();
    backend.chooser.answer = '/home/dpo/exports/fournisseurs.csv';
    render(<Field initial="/home/dpo/exports" />);

    await userEvent.setup().click(screen.getByTestId('p-browse'));

    await waitFor(() =>
      expect(screen.getByTestId('p')).toHaveValue('/home/dpo/exports/fournisseurs.csv'),
    );
    expect(backend.chooser.opened).toEqual([
      {
        kind: 'open',
        options: expect.objectContaining({
          title: 'Chemin du fichier',
          defaultPath: '/home/dpo/exports',
          directory: false,
          multiple: false,
          filters: [
            { name: 'CSV', extensions: ['csv'] },
            { name: 'Tous les fichiers', extensions: ['*'] },
          ],
        }),
      },
    ]);
  });

  it('keeps the typed path when the chooser is closed without a choice', async () => {
    const backend = installFakeBackend();
    backend.chooser.answer = null;
    render(<Field />);
    const user = userEvent.setup();
    await user.type(screen.getByTestId('p'), '/tmp/a.csv');

    await user.click(screen.getByTestId('p-browse'));

    await waitFor(() => expect(backend.chooser.opened).toHaveLength(1));
    expect(screen.getByTestId('p')).toHaveValue('/tmp/a.csv');
  });

  it('says when the chooser cannot open, and how to go on', async () => {
    const backend = installFakeBackend();
    backend.chooser.failure = 'no portal answered';
    render(<Field />);

    await userEvent.setup().click(screen.getByTestId('p-browse'));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Le sélecteur de fichiers n’a pas pu s’ouvrir : no portal answered. Saisissez le chemin à la place.',
    );
  });
});
