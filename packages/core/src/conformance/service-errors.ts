/**
 * The fault matrix on the service's own error answers: 401, 403, 404, 409 read into typed errors (F25).
 *
 * @module
 */
import { expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import type { SuiteContext } from './context.js';

/** Registers these cases of the suite for one provider's client. */
export function serviceErrorCases<Client>(context: SuiteContext<Client>): void {
  const { target, make, fresh, fails } = context;
  it('F25 401, 403, 404, 409 with the service error body: typed errors with its code, no retry', async () => {
    const reasons = { 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 409: 'conflict' } as const;
    for (const status of [401, 403, 404, 409] as const) {
      const { client } = make();
      const { response, code } = target.errorBody(status);
      const start = fresh(target.read.ok);
      context.server.fault({
        type: 'respond',
        status,
        ...(response.json !== undefined ? { json: response.json } : { body: response.text ?? '' }),
        ...(response.headers ? { headers: response.headers } : {}),
      });
      const error = (await fails(target.read.call(client))) as ApiError;
      expect(ApiError.isInstance(error)).toBe(true);
      expect(error.status).toBe(status);
      expect(error.reason).toBe(reasons[status]);
      if (code !== undefined) expect(error.code).toBe(code);
      expect(error.provider).toBe(target.provider);
      expect(context.server.log.length - start).toBe(1);
    }
  });
}
