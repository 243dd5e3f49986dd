import { describe, expect, it } from 'vitest';

import { uploadPercent } from './evidence';

describe('uploadPercent', () => {
  it('rounds down, so 100 means every byte was sent', () => {
    expect(uploadPercent({ sent: 0, total: 2048 })).toBe(0);
    expect(uploadPercent({ sent: 1024, total: 2048 })).toBe(50);
    expect(uploadPercent({ sent: 2047, total: 2048 })).toBe(99);
    expect(uploadPercent({ sent: 2048, total: 2048 })).toBe(100);
  });

  it('never goes past 100, and an empty file is sent at once', () => {
    expect(uploadPercent({ sent: 4096, total: 2048 })).toBe(100);
    expect(uploadPercent({ sent: 0, total: 0 })).toBe(0);
    expect(uploadPercent({ sent: 1, total: 0 })).toBe(100);
  });
});
