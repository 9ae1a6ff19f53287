/**
 * The route table: method + path patterns matched with `URLPattern` (global in Node 24), first
 * match wins, parameters percent-decoded.
 *
 * @module
 */
import type { FakeHandler } from './http.js';

/** A route that matched a request. */
export interface RouteMatch {
  /** The handler to run. */
  handler: FakeHandler;
  /** The pattern's parameters, percent-decoded. */
  params: Record<string, string>;
}

/** Routes by method and path. */
export interface RouteTable {
  /**
   * Adds a route. `pattern` is a `URLPattern` pathname: `:name` segments are parameters
   * (`/hooks/:id`, `/webhooks/:webhookId/triggers/:triggerId`). Routes are tried in the order added.
   */
  add(method: string, pattern: string, handler: FakeHandler): void;
  /**
   * The first route for `method` whose pattern matches `path`, or `undefined`. A parameter that
   * is not valid percent-encoding makes it throw a `URIError` (the server answers 500).
   */
  match(method: string, path: string): RouteMatch | undefined;
  /** The methods some route accepts for `path` (for 405 answers and `Allow`). */
  methodsFor(path: string): string[];
}

interface Route {
  method: string;
  pattern: URLPattern;
  handler: FakeHandler;
}

/**
 * Creates an empty route table.
 *
 * @example
 * ```ts
 * const routes = createRouteTable();
 * routes.add('GET', '/items/:id', (request) => ({ status: 200, json: { id: request.params.id } }));
 * routes.match('GET', '/items/a%20b')?.params; // { id: 'a b' }
 * ```
 */
export function createRouteTable(): RouteTable {
  const routes: Route[] = [];
  const exec = (route: Route, path: string) => route.pattern.exec({ pathname: path });
  return {
    add(method, pattern, handler) {
      routes.push({ method: method.toUpperCase(), pattern: new URLPattern({ pathname: pattern }), handler });
    },
    match(method, path) {
      const upper = method.toUpperCase();
      for (const route of routes) {
        if (route.method !== upper) continue;
        const result = exec(route, path);
        if (!result) continue;
        const params: Record<string, string> = {};
        for (const [name, value] of Object.entries(result.pathname.groups)) {
          if (value !== undefined) params[name] = decodeURIComponent(value);
        }
        return { handler: route.handler, params };
      }
      return undefined;
    },
    methodsFor(path) {
      return [...new Set(routes.filter((route) => exec(route, path)).map((route) => route.method))];
    },
  };
}
