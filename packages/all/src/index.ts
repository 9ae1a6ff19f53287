/**
 * `@hooks/all`: one object over every `@hooks` provider (`createHooks`), plus everything an app
 * needs from the provider packages and `@hooks/core` (factories, adapters, the error family and
 * the public types), so an app can depend on `@hooks/all` alone. The fakes are at `@hooks/all/testing`.
 *
 * @module
 */

export type * from '@hooks/circuit';
export { circuitProvider, circuitSandboxUrl, createCircuit, postToCircuitIncomingWebhook } from '@hooks/circuit';
export type * from '@hooks/core';
export {
  ApiError,
  ConflictError,
  ConnectionError,
  HooksError,
  IncompleteWriteError,
  InputError,
  ListLimitError,
  ResponseError,
  TimeoutError,
} from '@hooks/core';
export type * from '@hooks/gosquared';
export { createGoSquared, goSquaredApiPath, goSquaredBaseUrl, goSquaredProvider } from '@hooks/gosquared';
export type * from '@hooks/instance';
export { createInstance, instanceProvider } from '@hooks/instance';
export type * from '@hooks/mattermost';
export { createMattermost, mattermostProvider, postToIncomingWebhook } from '@hooks/mattermost';
export { createHooks } from './hooks.js';
export type {
  ConfiguredProvider,
  HookRef,
  HookSpec,
  Hooks,
  HooksApplyReport,
  HooksApplyResult,
  HooksConfig,
  HooksDeletionResult,
  HooksOperations,
  HooksPlan,
  HooksPlanDeletion,
  HooksPlanEntry,
  HookWebhook,
  ListOptions,
  ListResult,
  ProviderAdapters,
  ProviderChanges,
  ProviderClients,
  ProviderFailure,
  ProviderKind,
  ProviderRaw,
  ProviderRawByKind,
  ProviderScopes,
  ProviderSettings,
  ProviderSpec,
  ProviderWebhook,
} from './types.js';
