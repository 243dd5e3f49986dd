// The DSAR inbox's state (search, filters, sort, page), how it is kept in the address so the
// detail screen's back link returns to the same list, and the `dsar_list` request it makes.

import type { DsarListRequest } from '../bindings/DsarListRequest';
import type { RegistryListRequest } from '../bindings/RegistryListRequest';

/** The Dastra properties the inbox sorts on. */
export const INBOX_SORT_KEYS = [
  'expiryTime',
  'dateCreation',
  'familyName',
  'title',
  'state',
] as const;
export type InboxSortKey = (typeof INBOX_SORT_KEYS)[number];

export type InboxState = {
  q: string;
  states: string[];
  purposes: string[];
  overdueOnly: boolean;
  sortBy: InboxSortKey;
  asc: boolean;
  page: number;
};

/** Rows per inbox page: a screenful at 1280×800 without scrolling far. */
export const INBOX_PAGE_SIZE = 25;

/**
 * The inbox as it first opens: every request, the newest first, as a mailbox does. (Sorting on
 * the deadline would put long-closed requests on top: Dastra keeps their past deadline.)
 */
export const DEFAULT_INBOX: InboxState = {
  q: '',
  states: [],
  purposes: [],
  overdueOnly: false,
  sortBy: 'dateCreation',
  asc: false,
  page: 1,
};

/** The `dsar_list` request for a state of the inbox. */
export function toDsarListRequest(s: InboxState, size = INBOX_PAGE_SIZE): DsarListRequest {
  return {
    page: s.page,
    size,
    q: s.q.trim(),
    states: [...s.states],
    purposes: [...s.purposes],
    overdueOnly: s.overdueOnly,
    sortBy: s.sortBy,
    asc: s.asc,
  };
}

/** Whether the person narrowed the list (search or filters), as opposed to paging or sorting. */
export function hasFilters(s: InboxState): boolean {
  return s.q.trim() !== '' || s.states.length > 0 || s.purposes.length > 0 || s.overdueOnly;
}

/** A change of search or filters; the list starts again at page 1. */
export function withFilters(s: InboxState, patch: Partial<Omit<InboxState, 'page'>>): InboxState {
  return { ...s, ...patch, page: 1 };
}

/** The search and filters cleared, sort kept. */
export function clearFilters(s: InboxState): InboxState {
  return { ...s, q: '', states: [], purposes: [], overdueOnly: false, page: 1 };
}

/**
 * A click on a column header: the same column flips the order; another column sorts on it,
 * dates oldest-first (most urgent), names A to Z; the list starts again at page 1.
 */
export function toggleSort(s: InboxState, key: InboxSortKey): InboxState {
  const asc = s.sortBy === key ? !s.asc : key !== 'dateCreation';
  return { ...s, sortBy: key, asc, page: 1 };
}

/** The inbox state as address parameters; defaults are left out to keep addresses short. */
export function inboxToParams(s: InboxState): URLSearchParams {
  const p = new URLSearchParams();
  // Kept as typed (trailing space included) so the search box does not fight the typist.
  if (s.q.trim()) p.set('q', s.q);
  for (const state of s.states) p.append('state', state);
  for (const purpose of s.purposes) p.append('purpose', purpose);
  if (s.overdueOnly) p.set('overdue', '1');
  if (s.sortBy !== DEFAULT_INBOX.sortBy || s.asc !== DEFAULT_INBOX.asc) {
    p.set('sort', s.sortBy);
    p.set('dir', s.asc ? 'asc' : 'desc');
  }
  if (s.page > 1) p.set('page', String(s.page));
  return p;
}

/** The inbox state read from address parameters; anything unreadable falls back to the default. */
export function inboxFromParams(p: URLSearchParams): InboxState {
  const sort = p.get('sort');
  const sortBy = INBOX_SORT_KEYS.find((k) => k === sort) ?? DEFAULT_INBOX.sortBy;
  const dir = p.get('dir');
  return {
    q: p.get('q') ?? '',
    states: unique(p.getAll('state')),
    purposes: unique(p.getAll('purpose')),
    overdueOnly: p.get('overdue') === '1',
    sortBy,
    asc: dir === 'asc' ? true : dir === 'desc' ? false : DEFAULT_INBOX.asc,
    page: positiveInt(p.get('page')),
  };
}

/** A register's list state: the assets, actors and contracts screens. */
export type RegistryState = { q: string; page: number };

/** Rows per register page; the table is virtualized, so a page can be long. */
export const REGISTRY_PAGE_SIZE = 100;

export const DEFAULT_REGISTRY: RegistryState = { q: '', page: 1 };

/** The `asset_list`/`actor_list`/`contract_list` request for a register's state. */
export function toRegistryListRequest(
  s: RegistryState,
  size = REGISTRY_PAGE_SIZE,
): RegistryListRequest {
  return { page: s.page, size, q: s.q.trim(), asc: true };
}

export function registryToParams(s: RegistryState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set('q', s.q);
  if (s.page > 1) p.set('page', String(s.page));
  return p;
}

export function registryFromParams(p: URLSearchParams): RegistryState {
  return { q: p.get('q') ?? '', page: positiveInt(p.get('page')) };
}

/** The number of pages for `total` rows, at least one. */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}

function positiveInt(text: string | null): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}
