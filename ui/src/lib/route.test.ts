import { describe, expect, it } from 'vitest';

import { DEFAULT_INBOX } from './inboxQuery';
import { HOME, navScreenOf, parseRoute, routeHref, type Route } from './route';

describe('routes', () => {
  it('open the inbox for an empty or unknown address', () => {
    expect(parseRoute('')).toEqual(HOME);
    expect(parseRoute('#/')).toEqual(HOME);
    expect(parseRoute('#/nowhere')).toEqual(HOME);
  });

  it('keep the inbox filters in the address of an opened request', () => {
    const route: Route = {
      screen: 'dsar',
      id: 1012,
      inbox: { ...DEFAULT_INBOX, states: ['Open'], overdueOnly: true },
    };
    const href = routeHref(route);
    expect(href).toBe('#/inbox/1012?state=Open&overdue=1');
    expect(parseRoute(href)).toEqual(route);
  });

  it('round-trip every screen', () => {
    const routes: Route[] = [
      { screen: 'inbox', inbox: { ...DEFAULT_INBOX, q: 'léa', page: 2 } },
      { screen: 'assets', registry: { q: 'crm', page: 3 } },
      { screen: 'actors', registry: { q: '', page: 1 } },
      { screen: 'contracts', registry: { q: '', page: 1 } },
      { screen: 'connections' },
      { screen: 'discovery' },
      { screen: 'launch', id: 1001, inbox: { ...DEFAULT_INBOX, states: ['Open'] } },
      { screen: 'job', jobId: 'job-20261201-1001' },
      { screen: 'review', jobId: 'job 1' },
      { screen: 'mapping' },
      { screen: 'imports' },
      { screen: 'import', planId: 'plan-1' },
      { screen: 'audit', audit: { requestId: null, page: 1 } },
      { screen: 'audit', audit: { requestId: 1001, page: 2 } },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('place a request under the inbox in the navigation', () => {
    expect(navScreenOf({ screen: 'dsar', id: 1, inbox: DEFAULT_INBOX })).toBe('inbox');
    expect(navScreenOf({ screen: 'launch', id: 1, inbox: DEFAULT_INBOX })).toBe('inbox');
  });

  it('place a job and its review under discovery', () => {
    expect(parseRoute('#/discovery/job-3/review')).toEqual({ screen: 'review', jobId: 'job-3' });
    expect(navScreenOf({ screen: 'job', jobId: 'job-3' })).toBe('discovery');
    expect(navScreenOf({ screen: 'review', jobId: 'job-3' })).toBe('discovery');
    expect(routeHref({ screen: 'launch', id: 12, inbox: DEFAULT_INBOX })).toBe(
      '#/inbox/12/discovery',
    );
  });

  it("keep the audit log's filter and page in the address", () => {
    expect(routeHref({ screen: 'audit', audit: { requestId: 1001, page: 2 } })).toBe(
      '#/audit?request=1001&page=2',
    );
    expect(parseRoute('#/audit')).toEqual({ screen: 'audit', audit: { requestId: null, page: 1 } });
    expect(parseRoute('#/audit?request=x&page=0')).toEqual({
      screen: 'audit',
      audit: { requestId: null, page: 1 },
    });
  });

  it('ignore a request id that is not a positive number', () => {
    expect(parseRoute('#/inbox/abc').screen).toBe('inbox');
    expect(parseRoute('#/inbox/-4').screen).toBe('inbox');
  });
});
