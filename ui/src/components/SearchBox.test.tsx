import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { SearchBox } from './SearchBox';

describe('SearchBox', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = (value = '') => {
    const onChange = vi.fn();
    const view = render(
      <SearchBox
        value={value}
        onChange={onChange}
        label="Rechercher"
        clearLabel="Effacer"
        testId="box"
      />,
    );
    return { onChange, view, input: screen.getByTestId('box') };
  };

  it('sends the text once typing pauses, not at every key', () => {
    const { onChange, input } = setup();
    fireEvent.change(input, { target: { value: 'd' } });
    act(() => void vi.advanceTimersByTime(100));
    fireEvent.change(input, { target: { value: 'dup' } });
    act(() => void vi.advanceTimersByTime(299));
    expect(onChange).not.toHaveBeenCalled();
    act(() => void vi.advanceTimersByTime(1));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith('dup');
  });

  it('sends at once on Enter', () => {
    const { onChange, input } = setup();
    fireEvent.change(input, { target: { value: 'lyon' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onChange).toHaveBeenCalledWith('lyon');
    act(() => void vi.advanceTimersByTime(1000));
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('clears with its button', () => {
    const { onChange, input } = setup('lyon');
    fireEvent.click(screen.getByRole('button', { name: 'Effacer' }));
    expect(onChange).toHaveBeenCalledWith('');
    expect(input).toHaveValue('');
  });

  it('follows a search changed elsewhere', () => {
    const { view, input } = setup('lyon');
    view.rerender(
      <SearchBox
        value=""
        onChange={vi.fn()}
        label="Rechercher"
        clearLabel="Effacer"
        testId="box"
      />,
    );
    expect(input).toHaveValue('');
  });

  it('keeps a space typed before a pause when the search in force comes back trimmed', () => {
    const { view, input, onChange } = setup();
    fireEvent.change(input, { target: { value: 'jean ' } });
    act(() => void vi.advanceTimersByTime(300));
    expect(onChange).toHaveBeenCalledWith('jean ');
    view.rerender(
      <SearchBox
        value="jean"
        onChange={onChange}
        label="Rechercher"
        clearLabel="Effacer"
        testId="box"
      />,
    );
    expect(input).toHaveValue('jean ');
  });
});
