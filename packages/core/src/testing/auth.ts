/**
 * Auth for fakes: a registry of tokens, each issued to a principal (a user, an instance, an API
 * key's account), that can be revoked or expired, and the bearer-header reader.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Why a token was refused. */
export type TokenRefusal = 'missing' | 'unknown' | 'revoked' | 'expired';

/** What {@link TokenRegistry.check} finds. */
export type TokenCheck<Principal> =
  | {
      /** The token is valid. */
      ok: true;
      /** Whom it was issued to. */
      principal: Principal;
    }
  | {
      /** The token is refused. */
      ok: false;
      /** Why. */
      reason: TokenRefusal;
      /** Whom it was issued to, for a revoked or expired token. */
      principal?: Principal | undefined;
    };

/** Tokens issued to principals, with revoke and expire. */
export interface TokenRegistry<Principal> {
  /** Issues `token` (default: 32 random bytes, base64url) to `principal` and returns it. */
  issue(principal: Principal, token?: string): string;
  /** Whether `token` (`undefined` or `''` = none sent) is valid, and whose it is. */
  check(token: string | undefined): TokenCheck<Principal>;
  /** Revokes one token; `false` when it was not issued. A revoked token answers `revoked`. */
  revoke(token: string): boolean;
  /** Revokes every valid token of `principal`; returns how many. */
  revokeAll(principal: Principal): number;
  /** Marks one token expired; `false` when it was not issued. */
  expire(token: string): boolean;
  /** The valid tokens of `principal`, oldest first. */
  tokensOf(principal: Principal): string[];
}

/**
 * Creates an empty token registry. Principals are compared with `===`.
 *
 * @example
 * ```ts
 * const tokens = createTokenRegistry<string>();
 * const token = tokens.issue('user-1');
 * tokens.check(bearerToken(request.headers)); // { ok: true, principal: 'user-1' }
 * tokens.revoke(token); // now { ok: false, reason: 'revoked', principal: 'user-1' }
 * ```
 */
export function createTokenRegistry<Principal>(): TokenRegistry<Principal> {
  const entries = new Map<string, { principal: Principal; state: 'valid' | 'revoked' | 'expired' }>();
  const change = (token: string, state: 'revoked' | 'expired') => {
    const entry = entries.get(token);
    if (!entry) return false;
    entry.state = state;
    return true;
  };
  return {
    issue(principal, token = randomBytes(32).toString('base64url')) {
      entries.set(token, { principal, state: 'valid' });
      return token;
    },
    check(token) {
      if (token === undefined || token === '') return { ok: false, reason: 'missing' };
      const entry = entries.get(token);
      if (!entry) return { ok: false, reason: 'unknown' };
      if (entry.state === 'valid') return { ok: true, principal: entry.principal };
      return { ok: false, reason: entry.state, principal: entry.principal };
    },
    revoke: (token) => change(token, 'revoked'),
    revokeAll(principal) {
      let count = 0;
      for (const entry of entries.values()) {
        if (entry.principal === principal && entry.state === 'valid') {
          entry.state = 'revoked';
          count++;
        }
      }
      return count;
    },
    expire: (token) => change(token, 'expired'),
    tokensOf: (principal) =>
      [...entries].filter(([, entry]) => entry.principal === principal && entry.state === 'valid').map(([token]) => token),
  };
}

/**
 * The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), or
 * `undefined` when there is none.
 *
 * @example
 * ```ts
 * bearerToken({ authorization: 'Bearer abc' }); // 'abc'
 * ```
 */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  if (typeof header !== 'string' || !/^Bearer /i.test(header)) return undefined;
  const token = header.slice(7).trim();
  return token === '' ? undefined : token;
}
