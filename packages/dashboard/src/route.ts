import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { readonly page: 'overview' }
  | { readonly page: 'server' }
  | { readonly page: 'queue'; readonly accountId: string; readonly name: string };

/** Hash routes: #/, #/server, #/queues/{account}/{name}. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/server') return { page: 'server' };
  const match = /^\/queues\/(\d{12})\/([^/]+)$/.exec(path);
  if (match !== null)
    return { page: 'queue', accountId: match[1] ?? '', name: decodeURIComponent(match[2] ?? '') };
  return { page: 'overview' };
}

export function queueHref(accountId: string, name: string): string {
  return `#/queues/${accountId}/${encodeURIComponent(name)}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
