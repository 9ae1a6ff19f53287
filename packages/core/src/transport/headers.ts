/**
 * Which headers a request carries. Names are compared without regard to case. In order of
 * precedence: the credential, then the headers the provider must send (such as Circuit's
 * `accept`), then the call's headers, then the client's. A client or call header that names the
 * credential header is refused with an `InputError` (documented choice: never merged, never
 * silently replaced).
 *
 * @module
 */
import { InputError } from '../errors.js';
import { assertHeaders } from '../validation.js';

type Context = { provider: string; operation: string };

/** The headers every request of a client sends, lower-cased, and the names the caller may not set. */
export interface BaseHeaders {
  /** Sent with every request. */
  readonly headers: Record<string, string>;
  /** Lower-case names a provider fixes: a caller's header of the same name is dropped. */
  readonly providerNames: ReadonlySet<string>;
  /** The lower-case credential header name, if any. */
  readonly credentialName: string | undefined;
}

function refuseCredential(context: Context, field: string): never {
  throw new InputError(
    `[${context.provider}] ${context.operation}: invalid "${field}": the credential header is set by the client's credential setting, not by headers`,
    { ...context, field },
  );
}

/**
 * Merges the client's headers.
 *
 * @throws {@link InputError} for an invalid header name or value, or one that names the credential header.
 */
export function baseHeaders(
  context: Context,
  client: Record<string, string> | undefined,
  provider: Record<string, string> | undefined,
  credential: Record<string, string> | undefined,
  credentialName: string | undefined,
): BaseHeaders {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (client !== undefined) {
    assertHeaders(client, { ...context, field: 'headers' });
    for (const [name, value] of Object.entries(client)) {
      const lower = name.toLowerCase();
      if (lower === credentialName) refuseCredential(context, `headers.${name}`);
      headers[lower] = value;
    }
  }
  const providerNames = new Set<string>();
  for (const [name, value] of Object.entries(provider ?? {})) {
    providerNames.add(name.toLowerCase());
    headers[name.toLowerCase()] = value;
  }
  if (credential) Object.assign(headers, credential);
  return { headers, providerNames, credentialName };
}

/**
 * The call's own headers that go on top of the client's (provider-fixed names dropped).
 *
 * @throws {@link InputError} for an invalid header, or one that names the credential header.
 */
export function callHeaders(context: Context, base: BaseHeaders, call: Record<string, string>): Record<string, string> {
  assertHeaders(call, { ...context, field: 'options.headers' });
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(call)) {
    const lower = name.toLowerCase();
    if (lower === base.credentialName) refuseCredential(context, `options.headers.${name}`);
    if (!base.providerNames.has(lower)) out[lower] = value;
  }
  return out;
}
