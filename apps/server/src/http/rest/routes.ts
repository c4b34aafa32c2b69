// The REST routes of the API: every operation's documented path and method, plus the legacy methods its REST
// adapter declares. Paths match with or without Django's trailing slash, case-insensitively.
import type { HttpMethod, Operation } from '@groupchat/api';

export interface Route {
  /** The path template, e.g. /api/im/group/{id}/quit */
  path: string;
  pattern: RegExp;
  byMethod: Map<HttpMethod, Operation>;
  /** The Allow header: every method served here, HEAD with GET, and OPTIONS. */
  allow: string;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export function buildRoutes(operations: Operation[]): Route[] {
  const byPath = new Map<string, Route>();
  for (const operation of operations) {
    const route = byPath.get(operation.path) ?? {
      path: operation.path,
      pattern: new RegExp(`^${operation.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`, 'i'),
      byMethod: new Map(),
      allow: '',
    };
    for (const method of [operation.method, ...(operation.rest.aliases ?? [])]) {
      if (route.byMethod.has(method)) throw new Error(`two operations serve ${method} ${operation.path}`);
      route.byMethod.set(method, operation);
    }
    byPath.set(operation.path, route);
  }
  const routes = [...byPath.values()];
  for (const route of routes) {
    const methods = [...route.byMethod.keys()];
    route.allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  }
  return routes;
}

export function matchRoute(routes: Route[], pathname: string): RouteMatch | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match) return { route, params: { ...match.groups } };
  }
  return undefined;
}
