import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';

import { MultiSelect } from './MultiSelect';

const OPTIONS = [
  { value: 'Open', label: 'Ouverte' },
  { value: 'Processing', label: 'En traitement' },
  { value: 'Closed', label: 'Clôturée' },
];

function Harness({ onChange }: { onChange?: (v: string[]) => void }) {
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <>
      <MultiSelect
        label="État"
        options={OPTIONS}
        selected={selected}
        onChange={(v) => {
          setSelected(v);
          onChange?.(v);
        }}
        clearLabel="Effacer"
        testId="filter-state"
      />
      <p>outside</p>
    </>
  );
}

describe('MultiSelect', () => {
  it('keeps the options in their own order whatever the order of the clicks', async () => {
    const seen: string[][] = [];
    const user = userEvent.setup();
    render(<Harness onChange={(v) => seen.push(v)} />);

    await user.click(screen.getByTestId('filter-state'));
    await user.click(screen.getByTestId('filter-state-Closed'));
    await user.click(screen.getByTestId('filter-state-Open'));

    expect(seen.at(-1)).toEqual(['Open', 'Closed']);
    expect(screen.getByTestId('filter-state')).toHaveTextContent('2');
  });

  it('closes on a click outside and on Escape', async () => {
    const user = userEvent.setup();
    render(<Harness />);

    await user.click(screen.getByTestId('filter-state'));
    expect(screen.getByRole('group')).toBeInTheDocument();
    await user.click(screen.getByText('outside'));
    expect(screen.queryByRole('group')).toBeNull();

    await user.click(screen.getByTestId('filter-state'));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('unticks everything at once', async () => {
    const seen: string[][] = [];
    const user = userEvent.setup();
    render(<Harness onChange={(v) => seen.push(v)} />);

    await user.click(screen.getByTestId('filter-state'));
    await user.click(screen.getByTestId('filter-state-Open'));
    await user.click(screen.getByText('Effacer'));

    expect(seen.at(-1)).toEqual([]);
    expect(screen.getByTestId('filter-state-Open')).not.toBeChecked();
  });
});
