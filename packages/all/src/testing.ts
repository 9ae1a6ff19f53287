/**
 * `@hooks/all/testing`: the four providers' fake services, for tests of an app that depends on
 * `@hooks/all` alone.
 *
 * @example
 * ```ts
 * import { createHooks } from '@hooks/all';
 * import { createCircuitFake } from '@hooks/all/testing';
 *
 * const fake = await createCircuitFake();
 * const hooks = createHooks({ circuit: { baseUrl: fake.baseUrl, token: fake.token } });
 * await fake.close();
 * ```
 *
 * @module
 */
export * from '@hooks/circuit/testing';
export * from '@hooks/gosquared/testing';
export * from '@hooks/instance/testing';
export * from '@hooks/mattermost/testing';
