/**
 * The last case of the fault matrix: no secret in any error the suite collected (F28).
 *
 * @module
 */
import { expect, it } from 'vitest';
import { HooksError } from '../errors.js';
import type { SuiteContext } from './context.js';
import { expectedSecretsFree } from './secrets.js';

/** Registers F28 for one provider's client. */
export function secretCases<Client>(context: SuiteContext<Client>): void {
  const { target, errors } = context;
  it('F28 no secret appears in any error text or serialization above', () => {
    expect(errors.length).toBeGreaterThan(30);
    for (const error of errors) {
      expect(HooksError.isInstance(error), `not a HooksError: ${String(error)}`).toBe(true);
      expectedSecretsFree(error, target.secrets);
    }
  });
}
