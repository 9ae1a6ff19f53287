const encoder = new TextEncoder();

/**
 * Compares the presented bytes with a secret without an early exit. The loop runs over the
 * presented value (whose length the sender knows) and reads the secret modulo its length, so
 * the time taken depends on neither the secret's content nor its length.
 */
function sameBytes(presented: Uint8Array, secret: Uint8Array): boolean {
  let difference = presented.length ^ secret.length;
  for (let index = 0; index < presented.length; index++) {
    difference |= presented[index]! ^ secret[index % secret.length]!;
  }
  return difference === 0;
}

/** A set of secrets that a presented value is compared with, in constant time. */
export interface SecretSet {
  /** How many secrets the set holds. */
  readonly size: number;
  /**
   * Tells whether `presented` equals one of the secrets. Every secret is compared in full (no
   * early exit, no short-circuit between secrets), so timing reveals neither which secret
   * matched nor how much of one did.
   */
  matches(presented: string | undefined): boolean;
}

/**
 * Prepares secrets for constant-time comparison (several at once, for rotation). Empty strings
 * are ignored: an empty secret never matches.
 *
 * @example
 * ```ts
 * const tokens = secretSet([process.env.OLD_TOKEN, process.env.NEW_TOKEN]);
 * if (!tokens.matches(presented)) return new Response(null, { status: 401 });
 * ```
 */
export function secretSet(secrets: readonly (string | undefined)[]): SecretSet {
  const kept = secrets
    .filter((secret): secret is string => typeof secret === 'string' && secret !== '')
    .map((secret) => encoder.encode(secret));
  return {
    size: kept.length,
    matches(presented) {
      if (typeof presented !== 'string' || presented === '' || kept.length === 0) return false;
      const given = encoder.encode(presented);
      let found = false;
      for (const secret of kept) found = sameBytes(given, secret) || found;
      return found;
    },
  };
}
