import { inspect } from 'node:util';
import { ApiError, HooksError, InputError } from '@hooks/core';
import { expect } from 'vitest';
import { createMattermost, type MattermostClient, type MattermostSettings } from '../src/index.js';
import { createMattermostFake, type MattermostFake, type MattermostFakeOptions } from '../src/testing.js';

/** One request as the client sent it (recorded through the `fetch` setting). */
export interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  /** The status and body of the answer. */
  status?: number;
  answer?: string;
  /** The answer's headers. */
  answerHeaders?: Headers;
}

/** What a scenario gets: a fresh fake and a client on it. */
export interface Env {
  fake: MattermostFake;
  client: MattermostClient;
  /** Another client on the same fake (other token, retry settings…), recorded like the first. */
  clientWith(settings: Partial<MattermostSettings>): MattermostClient;
  /** The fake's log length now, to compare with {@link Env.since}. */
  mark(): number;
  /** `METHOD /path` of every request the fake received since `mark`. */
  since(mark: number): string[];
  /** Registers cleanup run after the scenario. */
  defer(cleanup: () => Promise<unknown> | unknown): void;
}

/** A client behaviour exercised against the fake. */
export interface Scenario {
  name: string;
  /** Options of the fake this scenario runs against. */
  fake?: MattermostFakeOptions;
  run(env: Env): Promise<void>;
}

/** A `fetch` that records every request (and its answer) before passing it on. */
export function recordingFetch(sent: SentRequest[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const entry: SentRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: request.body === null ? '' : await request.clone().text(),
    };
    sent.push(entry);
    const response = await fetch(request);
    entry.status = response.status;
    entry.answer = await response.clone().text();
    entry.answerHeaders = response.headers;
    return response;
  };
}

/** Runs a scenario on a fresh fake; with `sent`, every client request is recorded there. */
export async function runScenario(scenario: Scenario, sent?: SentRequest[]): Promise<void> {
  const fake = await createMattermostFake(scenario.fake);
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const fetchSetting = sent ? { fetch: recordingFetch(sent) } : {};
  const clientWith = (settings: Partial<MattermostSettings>) =>
    createMattermost({ ...fake.settings, retry: { delay: () => 1 }, ...fetchSetting, ...settings });
  const env: Env = {
    fake,
    client: clientWith({}),
    clientWith,
    mark: () => fake.log.length,
    since: (mark) => fake.log.slice(mark).map((entry) => `${entry.method} ${entry.path}`),
    defer: (cleanup) => cleanups.push(cleanup),
  };
  try {
    await scenario.run(env);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await fake.close();
  }
}

/** Awaits a rejection and checks it is an `ApiError`. */
export async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected an ApiError, the call succeeded');
    },
    (caught: unknown) => caught,
  );
  expect(ApiError.isInstance(error), `expected an ApiError, got ${String(error)}`).toBe(true);
  return error as ApiError;
}

/** Runs a call that must throw an `InputError` (sync or async) and returns it. */
export async function inputError(call: () => unknown): Promise<InputError> {
  let caught: unknown;
  try {
    await call();
  } catch (error) {
    caught = error;
  }
  expect(InputError.isInstance(caught), `expected an InputError, got ${String(caught)}`).toBe(true);
  return caught as InputError;
}

/** Asserts that no text view of `error` contains `secret`. */
export function expectSecretFree(error: unknown, secret: string): void {
  expect(HooksError.isInstance(error)).toBe(true);
  for (const text of [
    String((error as Error).message),
    String((error as Error).stack),
    JSON.stringify(error),
    inspect(error, { depth: 8 }),
  ]) {
    expect(text.includes(secret)).toBe(false);
  }
}
