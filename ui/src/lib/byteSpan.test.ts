import { describe, expect, it } from 'vitest';

import { byteLength, byteSpanOf, byteToIndex, indexToByte, segmentValue } from './byteSpan';

const utf8 = (s: string) => new TextEncoder().encode(s).length;

describe('byte offsets', () => {
  const value = 'Élodie écrit à marc@exemple.fr';

  it('count accented letters as two bytes', () => {
    expect(byteLength(value)).toBe(utf8(value));
    expect(indexToByte(value, 1)).toBe(2);
    expect(byteToIndex(value, 2)).toBe(1);
  });

  it('round-trip every character boundary, emoji and CJK included', () => {
    const mixed = 'a€😀é中b';
    for (let i = 0; i <= mixed.length; i += 1) {
      if (i === 3) continue; // inside the emoji's surrogate pair
      expect(byteToIndex(mixed, indexToByte(mixed, i)), String(i)).toBe(i);
    }
    expect(indexToByte(mixed, mixed.length)).toBe(utf8(mixed));
  });

  it('move an offset inside a character back to its start', () => {
    expect(byteToIndex('É', 1)).toBe(0);
    expect(byteToIndex('a😀', 3)).toBe(1);
    expect(indexToByte('a😀', 2)).toBe(1);
  });

  it('find the byte span of a part', () => {
    const span = byteSpanOf(value, 'marc@exemple.fr');
    const before = value.slice(0, value.indexOf('marc'));
    expect(span).toEqual({ start: utf8(before), end: utf8(before) + 15 });
    expect(byteSpanOf(value, 'absent')).toBeNull();
  });
});

describe('segmentValue', () => {
  it('cuts a value at matches, personal data and redactions, in bytes and in text', () => {
    const value = 'Élodie écrit à marc@exemple.fr';
    const name = byteSpanOf(value, 'Élodie')!;
    const mail = byteSpanOf(value, 'marc@exemple.fr')!;
    const parts = segmentValue(value, { matched: [name], pii: [mail], redacted: [mail] });
    expect(parts.map((p) => p.text)).toEqual(['Élodie', ' écrit à ', 'marc@exemple.fr']);
    expect(parts[0]).toMatchObject({ matched: true, pii: null, redacted: false });
    expect(parts[2]).toMatchObject({ matched: false, pii: 0, redacted: true, ...mail });
  });

  it('keeps the whole value as one piece when nothing marks it', () => {
    expect(segmentValue('abc', {})).toEqual([
      { text: 'abc', start: 0, end: 3, matched: false, pii: null, redacted: false },
    ]);
  });

  it('clamps spans that run past the end or split a character', () => {
    const parts = segmentValue('éa', { matched: [{ start: 2, end: 99 }] });
    expect(parts.map((p) => [p.text, p.matched])).toEqual([
      ['é', false],
      ['a', true],
    ]);
    const split = segmentValue('éa', { pii: [{ start: 1, end: 2 }] });
    expect(split.map((p) => [p.text, p.pii])).toEqual([
      ['é', 0],
      ['a', null],
    ]);
  });
});
