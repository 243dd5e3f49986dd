import { describe, expect, it } from 'vitest';

import { enumLabel } from './dastraEnums';

describe('enumLabel', () => {
  it('translates a value it knows', () => {
    expect(enumLabel({ Access: "Droit d'accès" }, 'Access')).toBe("Droit d'accès");
  });

  it('shows a value from a newer Dastra as sent rather than hiding it', () => {
    expect(enumLabel({ Access: "Droit d'accès" }, 'DataRetention')).toBe('DataRetention');
  });

  it('does not mistake inherited object properties for labels', () => {
    expect(enumLabel({ Access: 'x' }, 'toString')).toBe('toString');
  });
});
