export {
  ApiError,
  type ApiErrorOptions,
  type ApiErrorReason,
  ConnectionError,
  HooksError,
  type HooksErrorOptions,
  InputError,
  type InputErrorOptions,
  ResponseError,
  type ResponseErrorOptions,
  type ResponseErrorReason,
  reasonForStatus,
  TimeoutError,
  type TransportErrorOptions,
} from './errors.js';
export { collect, type Page, type Paginated, paginate, single } from './pagination.js';
export { maxBodyBytes } from './transport/body.js';
export { sharedBudget } from './transport/budget.js';
export { createTransport } from './transport/client.js';
export { parseRetryAfter, realClock } from './transport/clock.js';
export type {
  AuthStrategy,
  ErrorFacts,
  ErrorRefinement,
  Expectation,
  HttpMethod,
  ParamValue,
  RequestSpec,
  ServiceErrorInfo,
  TokenSource,
  Transport,
  TransportOptions,
} from './transport/types.js';
export type {
  CallOptions,
  Clock,
  EnsureResult,
  ListOptions,
  NormalizedWebhook,
  ProviderId,
  RetrySettings,
  TransportSettings,
  WebhookProvider,
  WebhookRef,
} from './types.js';
export {
  assertHeaderSafe,
  assertHeaders,
  baseUrlSchema,
  blockedPorts,
  boundedString,
  type IdSchemaOptions,
  type InputContext,
  idSchema,
  inputErrorFromIssues,
  integerId,
  joinPath,
  opaqueId,
  opaqueIdPattern,
  parseInput,
  type UrlSchemaOptions,
  urlProblem,
  urlSchema,
  uuid,
} from './validation.js';
