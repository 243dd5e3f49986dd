// Where the window is: the screen and its list state, kept in the address's hash
// (`#/inbox?state=Open&overdue=1`, `#/inbox/12?state=Open`), so a request opened from a filtered
// inbox leads back to that same inbox. Discovery: `#/inbox/12/discovery` prepares a search of
// request 12, `#/discovery` lists recent jobs, `#/discovery/<job>` follows one and
// `#/discovery/<job>/review` reviews its findings. `#/mapping` is the mapping studio.
// `#/audit?request=12&page=2` reads the log. Imports: `#/imports` lists past imports and
// plans a new one, `#/imports/<plan>` previews, applies and reports one.

import {
  DEFAULT_INBOX,
  DEFAULT_REGISTRY,
  inboxFromParams,
  inboxToParams,
  registryFromParams,
  registryToParams,
  type InboxState,
  type RegistryState,
} from './inboxQuery';

export const REGISTRY_SCREENS = ['assets', 'actors', 'contracts'] as const;
export type RegistryScreen = (typeof REGISTRY_SCREENS)[number];

/** Screens in the navigation that are not built yet. */
export const PLANNED_SCREENS = [] as const;
export type PlannedScreen = (typeof PLANNED_SCREENS)[number];

/** Every screen the navigation lists. */
export type NavScreen =
  | 'inbox'
  | RegistryScreen
  | 'connections'
  | 'discovery'
  | 'mapping'
  | 'imports'
  | 'audit'
  | PlannedScreen;

/** The audit log's page and filter (`#/audit?request=1001&page=2`). */
export type AuditState = { requestId: number | null; page: number };
export const DEFAULT_AUDIT: AuditState = { requestId: null, page: 1 };

export type Route =
  | { screen: 'inbox'; inbox: InboxState }
  | { screen: 'dsar'; id: number; inbox: InboxState }
  | { screen: RegistryScreen; registry: RegistryState }
  | { screen: 'connections' }
  | { screen: 'launch'; id: number; inbox: InboxState }
  | { screen: 'discovery' }
  | { screen: 'job'; jobId: string }
  | { screen: 'review'; jobId: string }
  | { screen: 'audit'; audit: AuditState }
  | { screen: 'imports' }
  | { screen: 'import'; planId: string }
  | { screen: 'mapping' }
  | { screen: PlannedScreen };

export const HOME: Route = { screen: 'inbox', inbox: DEFAULT_INBOX };

/** The route an address hash names; an unknown address opens the inbox. */
export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#/, '');
  const [path = '', query = ''] = text.split('?', 2);
  const parts = path.split('/').filter(Boolean);
  const params = new URLSearchParams(query);
  const [head, id, sub] = parts;

  if (head === 'inbox' || head === undefined) {
    const inbox = inboxFromParams(params);
    const n = Number(id);
    if (id !== undefined && Number.isInteger(n) && n > 0) {
      return sub === 'discovery'
        ? { screen: 'launch', id: n, inbox }
        : { screen: 'dsar', id: n, inbox };
    }
    return { screen: 'inbox', inbox };
  }
  if (head === 'discovery') {
    if (id === undefined) return { screen: 'discovery' };
    const jobId = decodeURIComponent(id);
    return sub === 'review' ? { screen: 'review', jobId } : { screen: 'job', jobId };
  }
  const registry = REGISTRY_SCREENS.find((s) => s === head);
  if (registry) return { screen: registry, registry: registryFromParams(params) };
  if (head === 'connections') return { screen: 'connections' };
  if (head === 'imports') {
    return id === undefined
      ? { screen: 'imports' }
      : { screen: 'import', planId: decodeURIComponent(id) };
  }
  if (head === 'mapping') return { screen: 'mapping' };
  if (head === 'audit') return { screen: 'audit', audit: auditFromParams(params) };
  const planned = PLANNED_SCREENS.find((s) => s === head);
  if (planned) return { screen: planned };
  return HOME;
}

/** The address hash of a route (`#/inbox/12?state=Open`). */
export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'inbox':
      return withQuery('#/inbox', inboxToParams(route.inbox));
    case 'dsar':
      return withQuery(`#/inbox/${route.id}`, inboxToParams(route.inbox));
    case 'launch':
      return withQuery(`#/inbox/${route.id}/discovery`, inboxToParams(route.inbox));
    case 'job':
      return `#/discovery/${encodeURIComponent(route.jobId)}`;
    case 'review':
      return `#/discovery/${encodeURIComponent(route.jobId)}/review`;
    case 'import':
      return `#/imports/${encodeURIComponent(route.planId)}`;
    case 'audit':
      return withQuery('#/audit', auditToParams(route.audit));
    case 'assets':
    case 'actors':
    case 'contracts':
      return withQuery(`#/${route.screen}`, registryToParams(route.registry));
    default:
      return `#/${route.screen}`;
  }
}

/**
 * The screen a route belongs to in the navigation: a request and the preparation of its search
 * belong to the inbox, a job and its review to discovery.
 */
export function navScreenOf(route: Route): NavScreen {
  switch (route.screen) {
    case 'dsar':
    case 'launch':
      return 'inbox';
    case 'job':
    case 'review':
      return 'discovery';
    case 'import':
      return 'imports';
    default:
      return route.screen;
  }
}

/** The route of a navigation entry, in its initial state. */
export function navRoute(screen: NavScreen): Route {
  if (screen === 'inbox') return HOME;
  if ((REGISTRY_SCREENS as readonly string[]).includes(screen)) {
    return { screen: screen as RegistryScreen, registry: DEFAULT_REGISTRY };
  }
  if (
    screen === 'connections' ||
    screen === 'discovery' ||
    screen === 'mapping' ||
    screen === 'imports'
  ) {
    return { screen };
  }
  if (screen === 'audit') return { screen, audit: DEFAULT_AUDIT };
  return { screen: screen as PlannedScreen };
}

function auditFromParams(params: URLSearchParams): AuditState {
  const positive = (text: string | null) => {
    const n = Number(text);
    return text !== null && Number.isInteger(n) && n > 0 ? n : null;
  };
  return { requestId: positive(params.get('request')), page: positive(params.get('page')) ?? 1 };
}

function auditToParams(state: AuditState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.requestId !== null) params.set('request', String(state.requestId));
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

function withQuery(path: string, params: URLSearchParams): string {
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}
