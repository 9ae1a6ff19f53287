/**
 * The suite's entry: one `describe` per provider, every group of cases registered in the
 * order of the fault matrix.
 *
 * @module
 */
import { describe } from 'vitest';
import { badInputCases } from './bad-input.js';
import { bodyCases } from './body.js';
import { connectionCases } from './connection.js';
import { createSuiteContext } from './context.js';
import { redirectCases } from './redirects.js';
import { resourceCases } from './resources.js';
import { retryCases } from './retry.js';
import { secretCases } from './secrets-case.js';
import { serviceErrorCases } from './service-errors.js';
import type { ConformanceTarget } from './types.js';

/**
 * Registers the conformance tests (vitest `describe`/`it`) for one provider's client.
 *
 * @example
 * ```ts
 * testProvider({
 *   provider: 'mattermost',
 *   createClient: (settings) => createMattermost({ ...settings, token: 'secret-token' }),
 *   secrets: ['secret-token'],
 *   read: { call: (c, o) => c.incoming.get(id, o), ok: { status: 200, json: hook } },
 *   …
 * });
 * ```
 */
export function testProvider<Client>(target: ConformanceTarget<Client>): void {
  describe(`${target.provider}: conformance (fault matrix F1–F28, bad input)`, () => {
    const context = createSuiteContext(target);
    connectionCases(context);
    retryCases(context);
    bodyCases(context);
    redirectCases(context);
    serviceErrorCases(context);
    resourceCases(context);
    secretCases(context);
    badInputCases(context);
  });
}
