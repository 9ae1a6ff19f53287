/**
 * The fault matrix on redirects: none is followed, to any origin (F23–F24).
 *
 * @module
 */
import { expect, it } from 'vitest';
import type { ResponseError } from '../errors.js';
import type { SuiteContext } from './context.js';

/** Registers these cases of the suite for one provider's client. */
export function redirectCases<Client>(context: SuiteContext<Client>): void {
  const { target, make, fresh, fails } = context;
  it('F23 302 and 307 to another origin are not followed: the other origin sees nothing', async () => {
    for (const status of [302, 307]) {
      for (const operation of [target.read, target.create]) {
        const { client } = make();
        const start = fresh(operation.ok);
        context.server.fault({ type: 'respond', status, headers: { location: `${context.other.url}/steal?token=1` } });
        const error = (await fails(operation.call(client))) as ResponseError;
        expect(error.reason).toBe('redirect');
        expect(error.message).toContain(context.other.url);
        expect(error.message).not.toContain('steal');
        expect(context.server.log.length - start).toBe(1);
      }
    }
    expect(context.other.log).toHaveLength(0);
  });

  it('F24 same-origin and scheme-changing redirects are not followed either', async () => {
    for (const location of ['/elsewhere', `${context.server.url.replace('http:', 'https:')}/x`]) {
      const { client } = make();
      const start = fresh(target.read.ok);
      context.server.fault({ type: 'respond', status: 301, headers: { location } });
      const error = (await fails(target.read.call(client))) as ResponseError;
      expect(error.reason).toBe('redirect');
      expect(context.server.log.length - start).toBe(1);
    }
  });
}
