import { describe, expect, it } from 'vitest';

import { hasRedaction, redactedSpans, toggleRedaction, wholeFieldRedacted } from './redactions';

describe('redactions', () => {
  const span = { start: 3, end: 9 };

  it('adds a span, then takes it back', () => {
    const once = toggleRedaction([], 'text', span);
    expect(once).toEqual([{ field: 'text', span }]);
    expect(hasRedaction(once, 'text', span)).toBe(true);
    expect(toggleRedaction(once, 'text', { ...span })).toEqual([]);
  });

  it('tells a whole field from a span of it', () => {
    const list = toggleRedaction(toggleRedaction([], 'iban', null), 'text', span);
    expect(list).toEqual([{ field: 'iban' }, { field: 'text', span }]);
    expect(wholeFieldRedacted(list, 'iban')).toBe(true);
    expect(wholeFieldRedacted(list, 'text')).toBe(false);
    expect(redactedSpans(list, 'text')).toEqual([span]);
    expect(toggleRedaction(list, 'iban', null)).toEqual([{ field: 'text', span }]);
  });

  it('reads a whole-field redaction the backend sent with a null span', () => {
    expect(wholeFieldRedacted([{ field: 'iban', span: null }], 'iban')).toBe(true);
  });
});
