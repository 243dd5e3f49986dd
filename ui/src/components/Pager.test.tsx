import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { I18nProvider } from '../i18n';
import { Pager } from './Pager';

describe('Pager', () => {
  it('shows the range in French and moves one page at a time', async () => {
    const onPage = vi.fn();
    render(
      <I18nProvider language="fr">
        <Pager page={2} size={25} total={1240} onPage={onPage} />
      </I18nProvider>,
    );

    expect(screen.getByText(/^26–50 sur 1\s240$/)).toBeInTheDocument();
    expect(screen.getByText('Page 2 sur 50')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('pager-previous'));
    await user.click(screen.getByTestId('pager-next'));
    expect(onPage.mock.calls).toEqual([[1], [3]]);
  });

  it('cannot go before the first page or past the last', () => {
    render(
      <I18nProvider language="en">
        <Pager page={1} size={25} total={10} onPage={vi.fn()} />
      </I18nProvider>,
    );
    expect(screen.getByText('1–10 of 10')).toBeInTheDocument();
    expect(screen.getByTestId('pager-previous')).toBeDisabled();
    expect(screen.getByTestId('pager-next')).toBeDisabled();
  });
});
