// Route table: METHOD + a path pattern with {params} (matched case-insensitively on literal
// segments, as Graph does) → handler. `/me/…` is not routed here: the server rewrites it to
// `/users/{signed-in user}/…` after checking the token is delegated.
import { GraphError, type GraphVersion, type Handler } from './http.js';

interface Route {
  method: string;
  segments: string[];
  versions: readonly GraphVersion[];
  handler: Handler;
}

export interface RouteOptions {
  /** Versions the route exists on (default both). */
  versions?: readonly GraphVersion[];
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, options: RouteOptions = {}): this {
    this.routes.push({
      method: method.toUpperCase(),
      segments: pattern.split('/').filter(Boolean),
      versions: options.versions ?? ['v1.0', 'beta'],
      handler,
    });
    return this;
  }

  get(pattern: string, handler: Handler, options?: RouteOptions): this {
    return this.add('GET', pattern, handler, options);
  }
  post(pattern: string, handler: Handler, options?: RouteOptions): this {
    return this.add('POST', pattern, handler, options);
  }
  patch(pattern: string, handler: Handler, options?: RouteOptions): this {
    return this.add('PATCH', pattern, handler, options);
  }
  put(pattern: string, handler: Handler, options?: RouteOptions): this {
    return this.add('PUT', pattern, handler, options);
  }
  delete(pattern: string, handler: Handler, options?: RouteOptions): this {
    return this.add('DELETE', pattern, handler, options);
  }

  /** The handler and params for a request, or a Graph error (404 no route, 405 wrong method). */
  match(
    method: string,
    path: string,
    version: GraphVersion,
  ): { handler: Handler; params: Record<string, string>; pattern: string } {
    const parts = path.split('/').filter(Boolean);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (!route.versions.includes(version)) continue;
      pathMatched = true;
      // `pattern` lets the server count requests per route (Counters.byRoute).
      if (route.method === method.toUpperCase())
        return { handler: route.handler, params, pattern: '/' + route.segments.join('/') };
    }
    if (pathMatched)
      throw new GraphError(
        405,
        'Request_BadRequest',
        `The HTTP method '${method.toUpperCase()}' is not allowed on this resource.`,
      );
    throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${parts[parts.length - 1] ?? ''}'.`);
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const v = parts[i]!;
    if (p.startsWith('{') && p.endsWith('}')) params[p.slice(1, -1)] = v;
    else if (p.toLowerCase() !== v.toLowerCase()) return undefined;
  }
  return params;
}
