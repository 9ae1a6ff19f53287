/**
 * The state the suite's cases share: the fault server, a second origin, the client factory with
 * the suite's defaults, and the collected errors.
 *
 * @module
 */
import { afterAll, beforeAll } from 'vitest';
import { createFakeServer, type FakeResponse, type FakeServer, type RecordingClock, recordingClock } from '../testing.js';
import type { ConformanceSettings, ConformanceTarget } from './types.js';

/** What every group of cases gets. */
export interface SuiteContext<Client> {
  /** The provider under test. */
  readonly target: ConformanceTarget<Client>;
  /** The fault server (started in `beforeAll`). */
  readonly server: FakeServer;
  /** A second origin, which must never be reached. */
  readonly other: FakeServer;
  /** Every error the cases caught, for the secret check. */
  readonly errors: unknown[];
  /** A client against the fault server, with a recording clock. */
  make(overrides?: Partial<ConformanceSettings>): { client: Client; clock: RecordingClock };
  /** Clears faults, sets the fallback answer, and returns the log's length (a mark). */
  fresh(answer: FakeResponse): number;
  /** Awaits `promise`, expecting it to fail; records and returns the error. */
  fails(promise: Promise<unknown>): Promise<unknown>;
}

/** Creates the context and registers the hooks that start and stop its servers. */
export function createSuiteContext<Client>(target: ConformanceTarget<Client>): SuiteContext<Client> {
  let server: FakeServer | undefined;
  let other: FakeServer | undefined;
  let fallback: FakeResponse = { status: 500, json: {} };
  const errors: unknown[] = [];

  beforeAll(async () => {
    server = await createFakeServer({ notFound: () => fallback });
    other = await createFakeServer({ notFound: () => ({ status: 200, json: {} }) });
  });
  afterAll(async () => {
    await server?.close();
    await other?.close();
  });

  const context: SuiteContext<Client> = {
    target,
    get server() {
      if (!server) throw new Error('the fault server is not started yet');
      return server;
    },
    get other() {
      if (!other) throw new Error('the second origin is not started yet');
      return other;
    },
    errors,
    make(overrides = {}) {
      const clock = recordingClock();
      const client = target.createClient({
        baseUrl: context.server.url,
        clock,
        timeout: 2_000,
        totalTimeout: 20_000,
        ...overrides,
      });
      return { client, clock };
    },
    fresh(answer) {
      context.server.clearFaults();
      fallback = answer;
      return context.server.log.length;
    },
    async fails(promise) {
      try {
        await promise;
      } catch (error) {
        errors.push(error);
        return error;
      }
      throw new Error('expected the call to fail, and it succeeded');
    },
  };
  return context;
}
