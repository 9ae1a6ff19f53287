import { createGoSquared, type GoSquaredSettings } from '../src/index.js';
import { createGoSquaredFake, type GoSquaredFake, type GoSquaredFakeOptions } from '../src/testing.js';

/** A fake and a client of it, with retries off unless asked for. */
export async function setup(fakeOptions: GoSquaredFakeOptions = {}, settings: Partial<GoSquaredSettings> = {}) {
  const fake = await createGoSquaredFake(fakeOptions);
  const client = createGoSquared({ ...fake.settings, retry: 0, ...settings });
  return { fake, client };
}

/** Resolves to the error a promise rejects with (fails the test when it resolves). */
export async function failure(promise: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure, and the call succeeded');
}

export type { GoSquaredFake };
