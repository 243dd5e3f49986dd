import { describe, expect, it } from 'vitest';

import {
  clearFilters,
  DEFAULT_INBOX,
  hasFilters,
  inboxFromParams,
  inboxToParams,
  pageCount,
  toDsarListRequest,
  toggleSort,
  toRegistryListRequest,
  withFilters,
  type InboxState,
} from './inboxQuery';

const filtered: InboxState = {
  q: '  dupont ',
  states: ['Open', 'Processing'],
  purposes: ['Access'],
  overdueOnly: true,
  sortBy: 'familyName',
  asc: false,
  page: 3,
};

describe('toDsarListRequest', () => {
  it('asks for the newest requests first by default', () => {
    expect(toDsarListRequest(DEFAULT_INBOX)).toEqual({
      page: 1,
      size: 25,
      q: '',
      states: [],
      purposes: [],
      overdueOnly: false,
      sortBy: 'dateCreation',
      asc: false,
    });
  });

  it('sends the trimmed search, the filters, the sort and the page', () => {
    expect(toDsarListRequest(filtered, 50)).toEqual({
      page: 3,
      size: 50,
      q: 'dupont',
      states: ['Open', 'Processing'],
      purposes: ['Access'],
      overdueOnly: true,
      sortBy: 'familyName',
      asc: false,
    });
  });
});

describe('inbox address parameters', () => {
  it('round-trip every part of the state', () => {
    const back = inboxFromParams(new URLSearchParams(inboxToParams(filtered).toString()));
    expect(back).toEqual(filtered);
  });

  it('leave the defaults out, so the plain inbox has a plain address', () => {
    expect(inboxToParams(DEFAULT_INBOX).toString()).toBe('');
  });

  it('fall back to the defaults for values they cannot read', () => {
    const state = inboxFromParams(new URLSearchParams('page=-2&sort=password&dir=up&overdue=yes'));
    expect(state).toEqual(DEFAULT_INBOX);
  });
});

describe('filters and sort', () => {
  it('return to page 1 when a filter changes', () => {
    expect(withFilters(filtered, { overdueOnly: false }).page).toBe(1);
  });

  it('count only search and filters as narrowing the list', () => {
    expect(hasFilters(DEFAULT_INBOX)).toBe(false);
    expect(hasFilters({ ...DEFAULT_INBOX, sortBy: 'state', page: 2 })).toBe(false);
    expect(hasFilters({ ...DEFAULT_INBOX, q: 'x' })).toBe(true);
    expect(hasFilters(clearFilters(filtered))).toBe(false);
  });

  it('keep the sort when the filters are cleared', () => {
    expect(clearFilters(filtered)).toMatchObject({ sortBy: 'familyName', asc: false, page: 1 });
  });

  it('flip the order when the sorted column is clicked again', () => {
    const once = toggleSort(DEFAULT_INBOX, 'familyName');
    expect(once).toMatchObject({ sortBy: 'familyName', asc: true, page: 1 });
    expect(toggleSort(once, 'familyName').asc).toBe(false);
  });

  it('sort on creation newest first, and on the deadline most urgent first, when first asked', () => {
    const byName = toggleSort(DEFAULT_INBOX, 'familyName');
    expect(toggleSort(byName, 'dateCreation')).toMatchObject({
      sortBy: 'dateCreation',
      asc: false,
    });
    expect(toggleSort(byName, 'expiryTime')).toMatchObject({ sortBy: 'expiryTime', asc: true });
  });
});

describe('registers', () => {
  it('ask for pages of 100 rows with the trimmed search', () => {
    expect(toRegistryListRequest({ q: ' crm ', page: 2 })).toEqual({
      page: 2,
      size: 100,
      q: 'crm',
      asc: true,
    });
  });

  it('count at least one page, even when empty', () => {
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(40, 25)).toBe(2);
    expect(pageCount(50, 25)).toBe(2);
  });
});
