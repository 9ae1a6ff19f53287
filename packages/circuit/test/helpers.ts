import { ApiError, InputError } from '@hooks/core';
import { afterEach, beforeEach, expect } from 'vitest';
import { type CircuitClient, type CircuitSettings, createCircuit } from '../src/index.js';
import { type CircuitFake, type CircuitFakeOptions, createCircuitFake } from '../src/testing.js';
import { type CheckedFetch, checkedFetch, spec } from './spec.js';

export interface Harness {
  fake: CircuitFake;
  client: CircuitClient;
  checker: CheckedFetch;
  /** Another client on the same fake (same spec checker). */
  clientWith(settings: Partial<CircuitSettings>): CircuitClient;
}

/**
 * Starts a fresh fake and a client before each test of the calling `describe`. After each test,
 * every request the client sent must match the official Swagger file (when it is there); a test
 * that sends a documented deviation calls `checker.take()` and asserts on it itself.
 */
export function useHarness(fakeOptions: CircuitFakeOptions = {}, settings: Partial<CircuitSettings> = {}): Harness {
  const harness = {} as Harness;
  beforeEach(async () => {
    harness.fake = await createCircuitFake(fakeOptions);
    harness.checker = checkedFetch();
    harness.clientWith = (extra) =>
      createCircuit({
        baseUrl: harness.fake.baseUrl,
        token: harness.fake.token,
        fetch: harness.checker.fetch,
        retry: 0,
        ...settings,
        ...extra,
      });
    harness.client = harness.clientWith({});
  });
  afterEach(async () => {
    const violations = harness.checker.take().filter((request) => request.problems.length > 0);
    await harness.fake.close();
    expect(violations, 'requests that do not match the official Swagger file').toEqual([]);
  });
  return harness;
}

/** Runs `call`, expects an ApiError and returns it. */
export async function apiError(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(ApiError.isInstance(error), `expected an ApiError, got ${String(error)}`).toBe(true);
  return error as ApiError;
}

/** Expects `call` to throw an InputError naming `field` before the fake saw any request. */
export async function refusedBeforeSending(fake: CircuitFake, call: () => Promise<unknown>, field: string): Promise<InputError> {
  const before = fake.log.length;
  const error = await call().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(InputError.isInstance(error), `expected an InputError, got ${String(error)}`).toBe(true);
  expect((error as InputError).field).toBe(field);
  expect(fake.log.length).toBe(before);
  return error as InputError;
}

export const userA = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const userB = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
export const userC = 'a3bb189e-8bf9-4888-9912-ace4e6543002';
export const missingId = '00000000-0000-4000-8000-000000000000';

/**
 * For a test that deliberately sends a value outside the 2.9.178 enum (the `CircuitEventFilter` escape
 * hatch): takes the recorded verdicts and expects the last one to be exactly that violation.
 * Without the shared folder nothing was checked, and there is nothing to assert.
 */
export function expectEnumDeviation(checker: CheckedFetch): void {
  const checked = checker.take();
  if (!spec) return;
  const last = checked.at(-1);
  expect(last?.problems.join()).toMatch(/must be equal to one of the allowed values/);
  expect(checked.slice(0, -1).filter((request) => request.problems.length > 0)).toEqual([]);
}
