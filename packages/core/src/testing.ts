/**
 * The fake-service kit every provider's fake is built with (Node only):
 * - {@link createFakeService} and the {@link FakeService} surface every fake has
 *   (`url`, `baseUrl`, `settings`, `log`, `faults`, `seed`, `emit`, `close`);
 * - the server ({@link createFakeServer}) with a `URLPattern` route table, JSON and form
 *   parsing, the request log and fault injection for the fault matrix;
 * - the service's error-body hook, a token registry with revoke, a token-bucket rate limiter
 *   with an injectable clock, delivery to callback URLs, the variants of a delete's answer;
 * - test helpers: a callback recorder, a recording clock, a manual clock, a closed port.
 *
 * @module
 */
export { bearerToken, createTokenRegistry, type TokenCheck, type TokenRefusal, type TokenRegistry } from './testing/auth.js';
export { type ParsedBody, parseBody, readBody } from './testing/body.js';
export {
  type CallbackRecorder,
  createCallbackRecorder,
  type RecordedCallback,
} from './testing/callback-recorder.js';
export { type ManualClock, manualClock, type RecordingClock, recordingClock } from './testing/clock.js';
export { closedPortUrl } from './testing/closed-port.js';
export { deleteAnswer, type FakeDeleteAnswer, type FakeDeleteBodies } from './testing/delete-answer.js';
export { type DeliveryPayload, type DeliveryResult, deliver, deliverAll } from './testing/delivery.js';
export {
  defaultErrorBody,
  errorKindOf,
  type FakeError,
  type FakeErrorBody,
  type FakeErrorKind,
} from './testing/error-body.js';
export {
  createFakeService,
  type FakeService,
  type FakeServiceKit,
  type FakeServiceOptions,
  type FakeServiceParts,
} from './testing/fake-service.js';
export {
  createFaultPlayer,
  createFaultQueue,
  type Fault,
  type FaultInjector,
  type FaultOptions,
  type FaultPlayer,
  type FaultQueue,
} from './testing/faults.js';
export { type FakeHandler, type FakeRequest, type FakeResponse, sendFakeResponse } from './testing/http.js';
export { type LoggedRequest, type RequestLog, requestsSince } from './testing/log.js';
export { createTokenBucket, type TokenBucket, type TokenBucketOptions, type TokenBucketResult } from './testing/rate-limit.js';
export { createRouteTable, type RouteMatch, type RouteTable } from './testing/routes.js';
export { createFakeServer, type FakeServer, type FakeServerOptions } from './testing/server.js';
