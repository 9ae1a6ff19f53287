/**
 * The secret check every error of the suite goes through: no configured secret in the message,
 * the stack, `JSON.stringify`, `util.inspect` or the error's URL.
 *
 * @module
 */
import { inspect } from 'node:util';
import { expect } from 'vitest';

/** Asserts that no string of `secrets` appears in any rendering of `error`. */
export function expectedSecretsFree(error: unknown, secrets: string[]): void {
  const texts = [
    String((error as Error)?.message),
    String((error as Error)?.stack),
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: false }),
    String((error as { url?: unknown })?.url ?? ''),
  ];
  for (const secret of secrets) {
    for (const text of texts) {
      expect(text.includes(secret), `a secret appeared in ${text.slice(0, 120)}…`).toBe(false);
    }
  }
}
