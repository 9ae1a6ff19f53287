/**
 * Bad input and bad settings, refused with an `InputError` before any request.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import type { SuiteContext } from './context.js';
import { expectedSecretsFree } from './secrets.js';

/** Registers these cases of the suite for one provider's client. */
export function badInputCases<Client>(context: SuiteContext<Client>): void {
  const { target, make, fresh } = context;
  describe('bad input is refused before any request', () => {
    for (const bad of target.badInput) {
      it(bad.name, async () => {
        const { client } = make();
        const start = fresh(target.read.ok);
        let caught: unknown;
        try {
          await bad.call(client);
        } catch (error) {
          caught = error;
        }
        expect(InputError.isInstance(caught), `expected an InputError, got ${String(caught)}`).toBe(true);
        if (bad.field !== undefined) expect((caught as InputError).field.startsWith(bad.field)).toBe(true);
        expect(context.server.log.length - start).toBe(0);
        expectedSecretsFree(caught, target.secrets);
      });
    }
    for (const bad of target.badSettings) {
      it(`settings: ${bad.name}`, () => {
        let caught: unknown;
        try {
          bad.create();
        } catch (error) {
          caught = error;
        }
        expect(InputError.isInstance(caught), `expected an InputError, got ${String(caught)}`).toBe(true);
        if (bad.field !== undefined) expect((caught as InputError).field.startsWith(bad.field)).toBe(true);
        expectedSecretsFree(caught, target.secrets);
      });
    }
  });
}
