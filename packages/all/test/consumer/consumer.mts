// A consumer program as an app writes it, type-checked (not run) under strict,
// exactOptionalPropertyTypes and noUncheckedIndexedAccess, with moduleResolution nodenext and
// bundler: by test/consumer-types.test.ts against the workspace build, and by
// scripts/pack-check.mjs against the packed tarballs.
//
// Under exactOptionalPropertyTypes an optional property accepts `undefined` only when its type
// says so; apps pass values read from configuration, which may be undefined. `Loose<T>` is T with
// every optional property present and possibly undefined: assigning it to T compiles only when
// every optional property of T accepts `undefined`.
import { createHooks, type HooksConfig } from '@hooks/all';
import { type CircuitSettings, createCircuit } from '@hooks/circuit';
import {
  ApiError,
  type CallOptions,
  HooksError,
  InputError,
  type ListOptions,
  type NormalizedWebhook,
  type RetrySettings,
  type TransportSettings,
} from '@hooks/core';
import { createGoSquared, type GoSquaredSettings } from '@hooks/gosquared';
import { createGoSquaredFake } from '@hooks/gosquared/testing';
import { createInstance, type InstanceSettings } from '@hooks/instance';
import { createMattermost, type MattermostSettings } from '@hooks/mattermost';

type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];
type Loose<T> = { [K in Exclude<keyof T, OptionalKeys<T>>]: T[K] } & { [K in OptionalKeys<T>]-?: T[K] | undefined };

declare function loose<T>(): Loose<T>;

// Every optional property of the public settings and options accepts `undefined`.
export const retry: RetrySettings = loose<RetrySettings>();
export const transport: TransportSettings = loose<TransportSettings>();
export const callOptions: CallOptions = loose<CallOptions>();
export const listOptions: ListOptions = loose<ListOptions>();
export const mattermostSettings: MattermostSettings = loose<MattermostSettings>();
export const circuitSettings: CircuitSettings = loose<CircuitSettings>();
export const goSquaredSettings: GoSquaredSettings = loose<GoSquaredSettings>();
export const instanceSettings: InstanceSettings = loose<InstanceSettings>();
export const hooksConfig: HooksConfig = loose<HooksConfig>();

// The same, as an app writes it: settings filled from a configuration that may leave things out.
interface AppConfig {
  retry: number | RetrySettings | undefined;
  timeout: number | false | undefined;
  headers: Record<string, string> | undefined;
  goSquaredBaseUrl: string | undefined;
}
declare const cfg: AppConfig;

export const goSquared = createGoSquared({ apiKey: 'key', siteToken: 'GSN-123456-X', retry: cfg.retry, baseUrl: cfg.goSquaredBaseUrl });
export const mattermost = createMattermost({
  baseUrl: 'https://chat.example.com',
  token: 'token',
  timeout: cfg.timeout,
  headers: cfg.headers,
});
export const circuit = createCircuit({ token: () => 'token', retry: cfg.retry });
export const instance = createInstance({ baseUrl: 'https://codechat.example.com', instanceId: 'main', token: 'jwt', retry: cfg.retry });

const hooks = createHooks({ mattermost, gosquared: { apiKey: 'key', siteToken: 'GSN-123456-X', retry: cfg.retry } });

export async function use(): Promise<string[]> {
  const { webhooks, failures } = await hooks.list({ timeout: cfg.timeout, limit: undefined });
  const first: NormalizedWebhook | undefined = webhooks[0]; // noUncheckedIndexedAccess: may be undefined
  const names = webhooks.map((webhook) => `${webhook.provider}:${webhook.id}:${first?.id ?? ''}`);
  for (const failure of failures) {
    if (failure.error instanceof ApiError) names.push(`${failure.provider}: ${failure.error.status} ${failure.error.reason}`);
    else if (failure.error instanceof InputError || failure.error instanceof HooksError) names.push(failure.error.message);
  }
  // The fakes' types build on node:http: an app that uses them has @types/node (an optional peer).
  const fake = await createGoSquaredFake();
  await fake.close();
  return names;
}
