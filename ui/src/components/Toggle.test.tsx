import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { Toggle } from './Toggle';

describe('Toggle', () => {
  it('is a switch that reports the opposite of its state when clicked', async () => {
    const onChange = vi.fn();
    render(<Toggle label="En retard uniquement" checked={false} onChange={onChange} testId="t" />);

    const toggle = screen.getByRole('switch', { name: 'En retard uniquement' });
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    await userEvent.setup().click(toggle);
    expect(onChange).toHaveBeenCalledWith(true);
  });
});
