/**
 * The `baseUrl` rule every provider follows (CONTRIBUTING.md): the factory takes the server root
 * and adds the service's API path; a base URL that already ends in the API path is the same
 * server; one that holds the API path before its end points inside the API and is refused.
 *
 * @module
 */
import { InputError } from './errors.js';
import { baseUrlSchema, parseInput } from './validation.js';

/** What a provider contributes to {@link serverRoot}. */
export interface ApiPathRule {
  /** The provider's id, for the error's context and message (`mattermost`). */
  provider: string;
  /** The API path the package adds to the server root, without slashes at its ends (`api/v4`). */
  apiPath: string;
  /** Other paths that name the same API at the end of a base URL (Circuit's `rest`). */
  aliases?: readonly string[] | undefined;
}

/**
 * The server root of a base URL, ending in `/`: `https://chat.example.com/` for
 * `https://chat.example.com`, `https://chat.example.com/` and `https://chat.example.com/api/v4`
 * alike. A path prefix (a reverse proxy's) is kept. The API path is matched ignoring case.
 *
 * @throws {@link InputError} (field `baseUrl`) when `baseUrl` is not an absolute http(s) URL
 * without credentials, query or fragment, or when it holds the API path before its end (such as
 * `…/api/v4/hooks`); the message then names the server root to pass.
 * @example
 * ```ts
 * const root = serverRoot(settings.baseUrl, { provider: 'mattermost', apiPath: 'api/v4' });
 * createTransport({ ...settings, baseUrl: `${root}api/v4/`, provider: 'mattermost', auth, readError });
 * ```
 */
export function serverRoot(baseUrl: unknown, rule: ApiPathRule): string {
  const context = { provider: rule.provider, operation: 'settings', field: 'baseUrl' };
  const url = parseInput(baseUrlSchema, baseUrl, context);
  // The schema has checked an absolute http(s) URL without query or fragment, ending in `/`.
  const pathStart = url.indexOf('/', url.indexOf('//') + 2);
  const origin = url.slice(0, pathStart);
  let path = url.slice(pathStart);
  for (const suffix of [rule.apiPath, ...(rule.aliases ?? [])]) {
    if (path.toLowerCase().endsWith(`/${suffix.toLowerCase()}/`)) {
      path = path.slice(0, -(suffix.length + 1));
      break;
    }
  }
  const inside = path.toLowerCase().indexOf(`/${rule.apiPath.toLowerCase()}/`);
  if (inside >= 0) {
    throw new InputError(
      `[${rule.provider}] settings: invalid "baseUrl": pass the server root (${origin}${path.slice(0, inside + 1)}); the client adds /${rule.apiPath}`,
      context,
    );
  }
  return origin + path;
}
