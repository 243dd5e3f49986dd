import { useCallback, useSyncExternalStore } from 'react';

import { parseRoute, routeHref, type Route } from '../lib/route';

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/** The route in the address, and a function to go elsewhere (recorded in the history). */
export function useRoute(): [Route, (to: Route) => void] {
  const hash = useSyncExternalStore(subscribe, currentHash, currentHash);
  const navigate = useCallback((to: Route) => {
    window.location.hash = routeHref(to);
  }, []);
  return [parseRoute(hash), navigate];
}
