/**
 * What a provider hands the conformance suite: its client factory, the operations to call,
 * its error bodies and its bad-input cases.
 *
 * @module
 */
import type { FakeResponse } from '../testing.js';
import type { CallOptions, Clock, RetrySettings } from '../types.js';

/** The settings the suite hands to a target's `createClient`. */
export interface ConformanceSettings {
  /** The fault server's origin, `http://127.0.0.1:<port>` (the client adds its own base path). */
  baseUrl: string;
  /**
   * The clock that paces retry waits (the suite's records them and returns at once). `undefined`
   * in the cases that need ky's own real wait (abort during a backoff).
   */
  clock: Clock | undefined;
  /** Per-attempt timeout, in ms. */
  timeout: number;
  /** Total budget, in ms. */
  totalTimeout: number;
  /** Retry settings for the case. */
  retry?: RetrySettings | undefined;
}

/** One operation the suite calls, with the successful answer the fault server gives it. */
export interface ConformanceOperation<Client> {
  /** Calls the operation. */
  call(client: Client, options?: CallOptions): Promise<unknown>;
  /** The service's successful answer (status, JSON body). */
  ok: FakeResponse;
}

/** A call that must be refused before any request. */
export interface BadInputCase<Client> {
  /** What is wrong, for the test name. */
  name: string;
  /** Calls the client with the bad input. */
  call(client: Client): Promise<unknown> | unknown;
  /** The field the `InputError` must name (prefix match), when known. */
  field?: string | undefined;
}

/** What a provider gives the suite. */
export interface ConformanceTarget<Client> {
  /** The provider id (errors must carry it). */
  provider: string;
  /** Builds a client against the fault server. Must use every setting given. */
  createClient(settings: ConformanceSettings): Client;
  /** Every secret `createClient` configures: none may appear in any error. */
  secrets: string[];
  /** An idempotent read (GET of one registration). */
  read: ConformanceOperation<Client> & {
    /** A 200 answer of the wrong shape, and a path its issues must name. */
    wrongShape?:
      | {
          /** The body. */
          json: unknown;
          /** The dotted path an issue must start with. */
          path: string;
        }
      | undefined;
  };
  /** A non-idempotent create (POST). */
  create: ConformanceOperation<Client>;
  /** A delete (answered 204 or an empty 200 in F21). */
  remove: ConformanceOperation<Client>;
  /** The service's error body for a status, and the code the error must carry. */
  errorBody(status: 401 | 403 | 404 | 409): ServiceErrorCase;
  /** Calls refused before any request (bad ids, URLs, lengths, enums…). */
  badInput: BadInputCase<Client>[];
  /** Client factories that must throw an `InputError` (bad base URL, credential with CR/LF…). */
  badSettings: BadSettingsCase[];
}

/** A service error answer and the code the client must read from it. */
export interface ServiceErrorCase {
  /** The answer (status, body, headers). */
  response: FakeResponse;
  /** The code the `ApiError` must carry, when the body has one. */
  code?: string | undefined;
}

/** A client factory call that must throw an `InputError`. */
export interface BadSettingsCase {
  /** What is wrong, for the test name. */
  name: string;
  /** Calls the factory with the bad settings. */
  create(): unknown;
  /** The field the `InputError` must name (prefix match), when known. */
  field?: string | undefined;
}
