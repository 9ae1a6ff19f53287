export { type ApiPathRule, serverRoot } from './base-url.js';
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
export {
  collect,
  ListLimitError,
  type ListLimitErrorOptions,
  type Page,
  type Paginated,
  type PaginateOptions,
  paginate,
  single,
} from './pagination.js';
export { createEngine, type Engine, type EngineOptions } from './reconcile/engine.js';
export {
  ConflictError,
  type ConflictErrorOptions,
  type ConflictReason,
  IncompleteWriteError,
  type IncompleteWriteErrorOptions,
} from './reconcile/errors.js';
export {
  changesFromDiff,
  type DiffFieldsOptions,
  defineKind,
  diffFields,
  type FieldChange,
  type IdentityPart,
  type KindTable,
  redactDiff,
  sameValue,
} from './reconcile/kind.js';
export type {
  ApplyOptions,
  ApplyReport,
  ApplyResult,
  DeletionResult,
  Plan,
  PlanConflict,
  PlanDeletion,
  PlanEntry,
  PlanOptions,
} from './reconcile/plan-types.js';
export { createRateGate, mapBounded, type RateGate, type RateGateOptions } from './reconcile/pool.js';
export { defineProvider, type KitProvider, type ProviderDefinition } from './reconcile/provider-kit.js';
export {
  createKeyedSerializer,
  type KeyedSerializer,
  type ReadModifyWriteOptions,
  readModifyWrite,
} from './reconcile/serializer.js';
export type { AnyKind } from './reconcile/state.js';
export { type AllOrNothingOptions, allOrNothing, type StepContext } from './reconcile/steps.js';
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
  strictInput,
  type UrlSchemaOptions,
  urlProblem,
  urlSchema,
  uuid,
} from './validation.js';
