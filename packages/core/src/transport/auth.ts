/**
 * Credentials: checks them when the client is created (header-safe, at least 8 characters),
 * remembers them for redaction, and resolves token functions inside the call's budget.
 *
 * The client's credential header is never merged with a caller's header of the same name (in any
 * case) nor silently replaced: such a header is refused with an `InputError` (see `headers.ts`).
 *
 * @module
 */
import { InputError } from '../errors.js';
import type { Clock } from '../types.js';
import { assertHeaderSafe } from '../validation.js';
import { type Budget, withinBudget } from './budget.js';
import { assertSecretLength, type SecretSet } from './redaction.js';
import type { AuthStrategy, TokenSource } from './types.js';

/** The prepared credential of one client. */
export interface Credential {
  /** The header a fixed credential travels in (sent with every request), or `undefined`. */
  readonly fixed: Record<string, string> | undefined;
  /** The lower-case name of the credential header, or `undefined` for query or no credentials. */
  readonly headerName: string | undefined;
  /** Query parameters added to every request. */
  readonly query: Record<string, string> | undefined;
  /** Whether a 401 asks the token function again and retries once. */
  readonly refreshes: boolean;
  /** The header of a credential given as a function, asked within the budget; `undefined` otherwise. */
  resolve(budget: Budget, refresh: boolean, timedOut: () => Error): Promise<Record<string, string> | undefined>;
}

const tokenName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Checks `auth` and prepares it.
 *
 * @throws {@link InputError} for a credential that is not header-safe or shorter than 8 characters.
 */
export function prepareCredential(auth: AuthStrategy, provider: string, secrets: SecretSet, clock: Clock): Credential {
  const context = { provider, operation: 'settings' };
  const check = (value: unknown, field: string) => {
    assertHeaderSafe(value, { ...context, field });
    assertSecretLength(value, { ...context, field });
    secrets.add(value);
  };
  const none = { fixed: undefined, headerName: undefined, query: undefined, refreshes: false, resolve: async () => undefined };
  if (auth.type === 'query') {
    for (const [name, value] of Object.entries(auth.params)) check(value, name);
    return { ...none, query: auth.params };
  }
  if (auth.type !== 'bearer' && auth.type !== 'header') return none;
  const field = auth.type === 'bearer' ? 'token' : auth.name;
  if (auth.type === 'header' && !tokenName.test(auth.name)) {
    throw new InputError(`[${provider}] settings: invalid "auth.name": must be an HTTP header name`, { ...context, field: 'auth.name' });
  }
  const scheme = auth.type === 'bearer' ? (auth.scheme ?? 'Bearer') : '';
  if (auth.type === 'bearer' && !tokenName.test(scheme)) {
    throw new InputError(`[${provider}] settings: invalid "auth.scheme": must be an HTTP token`, { ...context, field: 'auth.scheme' });
  }
  const headerName = auth.type === 'bearer' ? 'authorization' : auth.name.toLowerCase();
  const header = (value: string) => ({ [headerName]: auth.type === 'bearer' ? `${scheme} ${value}` : value });
  const source: TokenSource = auth.type === 'bearer' ? auth.token : auth.value;
  if (typeof source !== 'function') {
    check(source, field);
    return { ...none, fixed: header(source), headerName };
  }
  return {
    fixed: undefined,
    headerName,
    query: undefined,
    refreshes: auth.type === 'bearer' && auth.refreshOnUnauthorized === true,
    // The token function runs inside the call: its wait counts against the deadline and the caller's signal.
    async resolve(budget, refresh, timedOut) {
      const operation = refresh ? 'token refresh' : 'token';
      const value = await withinBudget(source(), budget, clock, timedOut);
      assertHeaderSafe(value, { provider, operation, field });
      assertSecretLength(value, { provider, operation, field });
      secrets.add(value);
      return header(value);
    },
  };
}
