import * as v from 'valibot';
import { InputError } from './errors.js';

/** Where an input check runs, for the error message: `[provider] operation: …`. */
export interface InputContext {
  /** The provider id, such as `'mattermost'`. */
  provider: string;
  /** The operation, such as `'incoming.create'`, or `'settings'` for a factory. */
  operation: string;
  /** A prefix for the field path, such as `'changes'`. */
  field?: string | undefined;
}

/** valibot's default messages end in `but received <value>`: never echo a value. */
function cleanMessage(message: string): string {
  const cut = message.indexOf(' but received ');
  return cut === -1 ? message : message.slice(0, cut);
}

/** Turns the first valibot issue into an {@link InputError} naming the field. */
export function inputErrorFromIssues(issues: readonly v.BaseIssue<unknown>[], context: InputContext): InputError {
  const issue = issues[0];
  const path = issue ? v.getDotPath(issue) : null;
  const field = [context.field, path].filter((part) => part !== undefined && part !== null && part !== '').join('.');
  const where = field === '' ? 'input' : `"${field}"`;
  const message = issue ? cleanMessage(issue.message) : 'is invalid';
  return new InputError(`[${context.provider}] ${context.operation}: invalid ${where}: ${message}`, {
    provider: context.provider,
    operation: context.operation,
    field: field === '' ? 'input' : field,
  });
}

/**
 * Validates `value` against a valibot schema and returns its output, or throws an
 * {@link InputError} naming the first offending field. Never echoes the value.
 *
 * @throws {@link InputError} when `value` does not match.
 * @example
 * ```ts
 * const id = parseInput(mattermostId, input, { provider: 'mattermost', operation: 'incoming.get', field: 'id' });
 * ```
 */
export function parseInput<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: unknown,
  context: InputContext,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (!result.success) throw inputErrorFromIssues(result.issues, context);
  return result.output;
}

/**
 * A strict object schema for an input: every key it does not know (a typo such as `nmae`, even
 * one set to `undefined`) is refused with "is not a known field (check its spelling)", naming
 * the key, instead of being dropped; a value that is not an object "must be an object".
 *
 * @example
 * ```ts
 * const createInput = strictInput({ url: urlSchema(), filter: v.array(v.string()) });
 * parseInput(createInput, { url, filtre: [] }, context); // InputError: invalid "filtre": is not a known field (check its spelling)
 * ```
 */
export function strictInput<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return v.strictObject(entries, (issue) =>
    issue.expected === 'never' ? 'is not a known field (check its spelling)' : 'must be an object',
  );
}

/** Options of {@link idSchema}. */
export interface IdSchemaOptions {
  /** What the id is called in messages, such as `'a Mattermost id (26 lowercase letters and digits)'`. */
  description: string;
  /** The allow-list every valid id matches, anchored at both ends. */
  pattern: RegExp;
}

/**
 * A string id validated against an allow-list, so it can only ever be one safe path segment.
 *
 * @example
 * ```ts
 * const mattermostId = idSchema({ description: 'a Mattermost id (26 lowercase letters and digits)', pattern: /^[a-z0-9]{26}$/ });
 * ```
 */
export function idSchema(options: IdSchemaOptions) {
  const message = `must be ${options.description}`;
  return v.pipe(v.string(message), v.regex(options.pattern, message));
}

/** Allow-list for opaque ids: letters, digits, `-`, `_`, `.`, `~`, starting with a letter or digit, at most 128. */
export const opaqueIdPattern: RegExp = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$/;

/** An opaque id that is safe as one path segment (see {@link opaqueIdPattern}). */
export const opaqueId = /* @__PURE__ */ idSchema({
  description: 'an id of letters, digits, "-", "_", ".", "~" (at most 128, starting with a letter or digit)',
  pattern: opaqueIdPattern,
});

/** A UUID such as `8b637a4d-75e3-445a-88ea-01979d4008ef` (any case). */
export const uuid = /* @__PURE__ */ idSchema({
  description: 'a UUID (8-4-4-4-12 hexadecimal digits)',
  pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
});

/**
 * A positive integer id, given as a number or a string of digits; the output is the number.
 *
 * @example
 * ```ts
 * parseInput(integerId, '42', context); // 42
 * ```
 */
export const integerId = /* @__PURE__ */ v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,15}$/), v.transform(Number))], 'must be a positive integer'),
  v.check((value) => Number.isSafeInteger(value) && value > 0, 'must be a positive integer'),
);

/** Options of {@link urlSchema}. */
export interface UrlSchemaOptions {
  /** Only `https:` URLs (plain `http:` is then allowed only for loopback hosts when `allowHttpLoopback`). */
  httpsOnly?: boolean | undefined;
  /** With `httpsOnly`: still allow `http:` to `localhost`, `127.0.0.0/8` and `[::1]`. Default true. */
  allowHttpLoopback?: boolean | undefined;
  /** Longest accepted length. Default 2048. */
  maxLength?: number | undefined;
}

const loopbackHosts = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Why `text` is not an acceptable http(s) URL, or `undefined` when it is. */
export function urlProblem(text: string, options: UrlSchemaOptions = {}): string | undefined {
  const maxLength = options.maxLength ?? 2048;
  if (text.length === 0) return 'must not be empty';
  if (text.length > maxLength) return `must be at most ${maxLength} characters`;
  // Control characters and spaces would be silently stripped or encoded by the URL parser.
  if (/[\u0000-\u0020\u007f]/.test(text)) return 'must not contain spaces or control characters';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an absolute http(s) URL';
  if (!/^https?:\/\//i.test(text)) return 'must be an absolute http(s) URL';
  if (url.hostname === '') return 'must have a host';
  if (url.username !== '' || url.password !== '') return 'must not contain credentials';
  if (options.httpsOnly && url.protocol !== 'https:') {
    const loopbackOk = (options.allowHttpLoopback ?? true) && loopbackHosts.test(url.hostname);
    if (!loopbackOk) return 'must be an https URL';
  }
  return undefined;
}

/**
 * A callback URL: absolute http(s), a host, no credentials, no whitespace; optionally https only.
 * The output is the string as given.
 *
 * @example
 * ```ts
 * const callbackUrl = urlSchema({ httpsOnly: true });
 * ```
 */
export function urlSchema(options: UrlSchemaOptions = {}) {
  return v.pipe(
    v.string('must be a URL string'),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const problem = urlProblem(dataset.value, options);
      if (problem !== undefined) addIssue({ message: problem });
    }),
  );
}

/**
 * A service base URL: an absolute http(s) URL without credentials, query or fragment.
 * The output always ends in `/`, ready for relative paths.
 *
 * @example
 * ```ts
 * parseInput(baseUrlSchema, 'https://chat.example.com/api/v4', context); // 'https://chat.example.com/api/v4/'
 * ```
 */
export const baseUrlSchema = v.pipe(
  urlSchema(),
  v.check((text) => {
    const url = new URL(text);
    return url.search === '' && url.hash === '' && !text.includes('?') && !text.includes('#');
  }, 'must not contain a query or fragment'),
  v.check((text) => !blockedPorts.has(Number(new URL(text).port)), 'must not use a port that fetch refuses (such as 1 or 6000)'),
  v.transform((text) => (text.endsWith('/') ? text : `${text}/`)),
);

/**
 * A string of bounded length.
 *
 * @example
 * ```ts
 * const displayName = boundedString({ max: 64 });
 * ```
 */
export function boundedString(options: { max: number; min?: number | undefined }) {
  const min = options.min ?? 0;
  return v.pipe(
    v.string('must be a string'),
    v.minLength(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`),
    v.maxLength(options.max, `must be at most ${options.max} characters`),
  );
}

/** Characters a header value can carry: visible ASCII, space and tab (no CR, LF, NUL or non-ASCII). */
const headerValuePattern = /^[\t\u0020-\u007e]*$/;

/**
 * Checks a value that will travel in a header (a token, an API key) and throws an
 * {@link InputError} that names the setting, never the value.
 *
 * @throws {@link InputError} when it is empty or has characters a header cannot carry.
 * @example
 * ```ts
 * assertHeaderSafe(settings.token, { provider: 'mattermost', operation: 'settings', field: 'token' });
 * ```
 */
export function assertHeaderSafe(value: unknown, context: InputContext): asserts value is string {
  const field = context.field ?? 'credential';
  let problem: string | undefined;
  if (typeof value !== 'string') problem = 'must be a string';
  else if (value.trim() === '') problem = 'must not be empty';
  else if (!headerValuePattern.test(value)) problem = 'contains characters a header cannot carry (CR, LF, control or non-ASCII)';
  if (problem !== undefined) {
    throw new InputError(`[${context.provider}] ${context.operation}: invalid "${field}": ${problem}`, {
      provider: context.provider,
      operation: context.operation,
      field,
    });
  }
}

/** An HTTP header name: an RFC 9110 token (no space, colon, CR/LF or non-ASCII). */
const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Checks every name and value of a header record (client or call headers) and throws an
 * {@link InputError} naming the header, never the value, before anything is sent.
 *
 * @throws {@link InputError} when a name is not an HTTP token or a value cannot travel in a header.
 * @example
 * ```ts
 * assertHeaders({ 'x-trace': '1' }, { provider: 'mattermost', operation: 'settings', field: 'headers' });
 * ```
 */
export function assertHeaders(headers: unknown, context: InputContext): asserts headers is Record<string, string> {
  const prefix = context.field ?? 'headers';
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new InputError(`[${context.provider}] ${context.operation}: invalid "${prefix}": must be an object of header names and values`, {
      provider: context.provider,
      operation: context.operation,
      field: prefix,
    });
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!headerNamePattern.test(name)) {
      throw new InputError(
        `[${context.provider}] ${context.operation}: invalid "${prefix}": a header name must be an HTTP token (letters, digits, "-"…; no space, colon or control character)`,
        { provider: context.provider, operation: context.operation, field: prefix },
      );
    }
    assertHeaderSafe(value, { ...context, field: `${prefix}.${name}` });
  }
}

/**
 * Ports `fetch` refuses to connect to (the Fetch standard's "bad ports"): a request to one fails
 * before anything leaves the machine, so a base URL on one is refused when the client is created.
 */
export const blockedPorts: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117,
  119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636,
  989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/**
 * Joins already-validated segments into a relative path, encoding each one.
 *
 * @example
 * ```ts
 * joinPath('hooks', 'incoming', id); // 'hooks/incoming/<id>'
 * ```
 */
export function joinPath(...segments: readonly (string | number)[]): string {
  // A plain loop: this runs on every call, and `map` + `join` allocate twice.
  let path = '';
  for (let index = 0; index < segments.length; index++) {
    path += (index === 0 ? '' : '/') + encodeURIComponent(String(segments[index]));
  }
  return path;
}
