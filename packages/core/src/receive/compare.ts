const encoder = new TextEncoder();

/** SHA-256 of a string's UTF-8 bytes (Web Crypto, so it runs on every runtime). */
async function digest(value: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(value)));
}

/** Compares two digests of equal length without an early exit. */
function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}

/** A set of secrets that a presented value is compared with, in constant time. */
export interface SecretSet {
  /** How many secrets the set holds. */
  readonly size: number;
  /**
   * Tells whether `presented` equals one of the secrets. Both sides are hashed first and every
   * secret is compared (no early exit), so neither the length nor the position of a match leaks
   * through timing.
   */
  matches(presented: string | undefined): Promise<boolean>;
}

/**
 * Prepares secrets for constant-time comparison (several at once, for rotation). Empty strings
 * are ignored: an empty secret never matches.
 *
 * @example
 * ```ts
 * const tokens = secretSet([process.env.OLD_TOKEN, process.env.NEW_TOKEN]);
 * if (!(await tokens.matches(presented))) return new Response(null, { status: 401 });
 * ```
 */
export function secretSet(secrets: readonly (string | undefined)[]): SecretSet {
  const kept = secrets.filter((secret): secret is string => typeof secret === 'string' && secret !== '');
  let digests: Promise<Uint8Array[]> | undefined;
  return {
    size: kept.length,
    async matches(presented) {
      if (typeof presented !== 'string' || presented === '' || kept.length === 0) return false;
      digests ??= Promise.all(kept.map(digest));
      const [given, expected] = await Promise.all([digest(presented), digests]);
      let found = false;
      for (const candidate of expected) found = sameDigest(given, candidate) || found;
      return found;
    },
  };
}
