import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { Button } from './Button';
import { Dialog } from './Dialog';

function setup(onClose = vi.fn()) {
  render(
    <>
      <button type="button">before</button>
      <Dialog
        title="Supprimer « CRM » ?"
        onClose={onClose}
        actions={
          <>
            <Button onClick={onClose}>Annuler</Button>
            <Button variant="danger">Supprimer</Button>
          </>
        }
      >
        <p>Cette action est définitive.</p>
      </Dialog>
    </>,
  );
  return { onClose, user: userEvent.setup() };
}

describe('Dialog', () => {
  it('is a labelled modal dialog with the focus inside', () => {
    setup();
    const dialog = screen.getByRole('dialog', { name: 'Supprimer « CRM » ?' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
  });

  it('keeps Tab inside and closes on Escape', async () => {
    const { onClose, user } = setup();
    await user.tab();
    await user.tab();
    expect(screen.getByRole('dialog')).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
