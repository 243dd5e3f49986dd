import { describe, expect, it } from 'vitest';

import {
  countryName,
  formatBytes,
  formatCount,
  formatDate,
  formatSeconds,
  formatShortDate,
  formatTime,
  parseDastraTime,
} from './format';

describe('parseDastraTime', () => {
  it('reads a timestamp without offset as UTC, as the backend does', () => {
    expect(parseDastraTime('2026-11-28T23:00:00')?.toISOString()).toBe('2026-11-28T23:00:00.000Z');
  });

  it('keeps the offset when Dastra wrote one', () => {
    expect(parseDastraTime('2026-11-28T23:00:00+02:00')?.toISOString()).toBe(
      '2026-11-28T21:00:00.000Z',
    );
  });

  it('accepts the seven fractional digits Dastra writes', () => {
    expect(parseDastraTime('2023-09-18T10:31:30.6882299')?.toISOString()).toBe(
      '2023-09-18T10:31:30.688Z',
    );
  });

  it('gives null for an absent or unreadable value', () => {
    expect(parseDastraTime(null)).toBeNull();
    expect(parseDastraTime('')).toBeNull();
    expect(parseDastraTime('next tuesday')).toBeNull();
  });
});

describe('formatDate', () => {
  it('writes a deadline as a French or English calendar date', () => {
    expect(formatDate('2026-12-03T00:00:00Z', 'fr', { utc: true })).toBe('3 déc. 2026');
    expect(formatDate('2026-12-03T00:00:00Z', 'en', { utc: true })).toBe('3 Dec 2026');
  });

  it('shows the UTC day of a deadline whatever the time zone', () => {
    expect(formatDate('2026-11-28T23:30:00', 'en', { utc: true })).toBe('28 Nov 2026');
  });

  it('gives null when there is no date', () => {
    expect(formatDate(null, 'fr')).toBeNull();
  });
});

describe('formatBytes', () => {
  it('uses French units and decimal comma in French', () => {
    expect(formatBytes(12_595, 'fr')).toBe('12,3\u00a0Ko');
  });

  it('uses English units in English', () => {
    expect(formatBytes(12_595, 'en')).toBe('12.3\u00a0KB');
    expect(formatBytes(512, 'en')).toBe('512\u00a0B');
    expect(formatBytes(3 * 1024 * 1024, 'en')).toBe('3\u00a0MB');
  });
});

describe('formatCount', () => {
  it('groups thousands as each language does', () => {
    expect(formatCount(1234, 'en')).toBe('1,234');
    expect(formatCount(1234, 'fr').replace(/\s/g, ' ')).toBe('1 234');
  });
});

describe('countryName', () => {
  it('names a country from its ISO code in the current language', () => {
    expect(countryName('FR', 'fr')).toBe('France');
    expect(countryName('de', 'en')).toBe('Germany');
  });

  it('gives null for no code', () => {
    expect(countryName(null, 'en')).toBeNull();
  });
});

describe('formatShortDate', () => {
  it('writes a compact day/month/year date for dense tables', () => {
    expect(formatShortDate('2025-03-14T00:00:00Z', 'fr')).toBe('14/03/2025');
    expect(formatShortDate('2025-03-14T00:00:00Z', 'en')).toBe('14/03/2025');
    expect(formatShortDate(null, 'en')).toBeNull();
  });
});

describe('formatTime', () => {
  it('gives the hour and minute in the 24-hour clock of either language', () => {
    const text = formatTime('2026-12-03T14:05:00', 'fr');
    expect(text).toMatch(/^\d{2}:\d{2}$/);
    expect(formatTime('2026-12-03T14:05:00', 'en')).toBe(text);
    expect(formatTime(null, 'fr')).toBeNull();
  });
});

describe('formatSeconds', () => {
  it('writes a duration with one decimal, in each language', () => {
    expect(formatSeconds(420, 'fr')).toBe('0,4');
    expect(formatSeconds(1250, 'en')).toBe('1.3');
    expect(formatSeconds(-5, 'en')).toBe('0.0');
  });
});
