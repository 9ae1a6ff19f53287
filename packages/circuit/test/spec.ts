// Checks requests against the official Swagger 2.0 file of the Circuit REST API (2.9.178) with
// openapi-request-validator. The validator checks parameters (path, query, header, formData) as
// JSON Schema; it does not read `consumes`, `produces`, `collectionFormat` or the wire encoding,
// so this file does that part: it matches the path template, requires the content type the
// operation consumes, decodes the form body by each parameter's `collectionFormat`, refuses
// unknown or repeated scalar fields, and hands the decoded values to the validator. A token is
// required where the operation (or the document) has a `security` requirement and refused where it
// has none; an operation with an `in: body` parameter takes that body as JSON (the incoming-webhook
// post declares form `consumes` but a JSON body, and Circuit's docs send JSON).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import validatorModule from 'openapi-request-validator';

/**
 * Where the specs are: `HOOKS_SPECS_DIR` when set, else the monorepo's `shared/specs/` folder
 * next to the repository. The contract tests need the Circuit Swagger file in it.
 */
export const specsFolder: URL = process.env.HOOKS_SPECS_DIR
  ? pathToFileURL(`${resolve(process.env.HOOKS_SPECS_DIR)}/`)
  : new URL('../../../../shared/specs/', import.meta.url);
export const specUrl = new URL('circuit/circuitsandbox_rest_v2_2.9.178_swagger2.json', specsFolder);
/** Whether the Swagger file is there; without it nothing is checked against the spec. */
export const specPresent = existsSync(fileURLToPath(specUrl));
/** Why the contract checks cannot run, for the skip line or the CI failure. */
export const specMissing = `the Circuit Swagger file ${fileURLToPath(specUrl)} is missing (set HOOKS_SPECS_DIR to the shared/specs folder)`;

type Validator = { validateRequest(request: unknown): { errors: { path?: string; message: string; location?: string }[] } | undefined };
type ValidatorClass = new (args: { parameters: unknown[]; schemas?: unknown }) => Validator;
const OpenApiRequestValidator = ((validatorModule as unknown as { default?: ValidatorClass }).default ??
  validatorModule) as unknown as ValidatorClass;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'formData' | 'body';
  type?: string;
  collectionFormat?: 'csv' | 'ssv' | 'tsv' | 'pipes' | 'multi';
  required?: boolean;
}

interface SpecOperation {
  operationId: string;
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  consumes: string[];
  produces: string[] | undefined;
  parameters: Parameter[];
  /** Whether the operation has a security requirement (a bearer token). */
  secured: boolean;
  validator: Validator;
}

/** A request as sent on the wire. */
export interface WireRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

/** The verdict on one request. */
export interface CheckedRequest {
  method: string;
  path: string;
  operationId: string | undefined;
  /** The form body decoded by the spec's collection formats (what the server would read). */
  form: Record<string, string | string[]>;
  problems: string[];
}

/** The loaded spec: its operations and a checker for wire requests. */
export interface Spec {
  basePath: string;
  operations: SpecOperation[];
  check(request: WireRequest): CheckedRequest;
}

const separators = { csv: ',', ssv: ' ', tsv: '\t', pipes: '|' } as const;

export function loadSpec(): Spec {
  const document = JSON.parse(readFileSync(specUrl, 'utf8')) as {
    basePath: string;
    consumes?: string[];
    produces?: string[];
    security?: unknown[];
    definitions: Record<string, unknown>;
    paths: Record<
      string,
      Record<string, { operationId: string; consumes?: string[]; produces?: string[]; parameters?: Parameter[]; security?: unknown[] }>
    >;
  };
  const operations: SpecOperation[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      const names: string[] = [];
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      const parameters = operation.parameters ?? [];
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        template,
        regex: new RegExp(`^${source}$`),
        names,
        consumes: operation.consumes ?? document.consumes ?? [],
        produces: operation.produces ?? document.produces,
        parameters,
        secured: (operation.security ?? document.security ?? []).length > 0,
        validator: new OpenApiRequestValidator({ parameters, schemas: document.definitions }),
      });
    }
  }
  // Literal segments win over parameters (`/webhooks/presence` before `/webhooks/{id}`).
  operations.sort((a, b) => a.names.length - b.names.length);

  function check(request: WireRequest): CheckedRequest {
    const url = new URL(request.url);
    const problems: string[] = [];
    const result: CheckedRequest = { method: request.method, path: url.pathname, operationId: undefined, form: {}, problems };
    if (!url.pathname.startsWith(`${document.basePath}/`)) {
      problems.push(`path ${url.pathname} is outside the basePath ${document.basePath}`);
      return result;
    }
    const relative = url.pathname.slice(document.basePath.length);
    const operation = operations.find((candidate) => candidate.method === request.method && candidate.regex.test(relative));
    if (!operation) {
      problems.push(`no operation ${request.method} ${relative} in the spec`);
      return result;
    }
    result.operationId = operation.operationId;
    const match = operation.regex.exec(relative)!;
    const params = Object.fromEntries(operation.names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));

    // Security: an OAuth 2 bearer token where the operation requires one, none where it does not.
    const authorization = request.headers.get('authorization');
    if (operation.secured && !/^Bearer \S+$/.test(authorization ?? '')) problems.push('no "Authorization: Bearer <token>" header');
    if (!operation.secured && authorization !== null) problems.push('an Authorization header on an operation without security');
    // Produces: the client must ask for JSON, which every operation that declares `produces` offers.
    const accept = request.headers.get('accept');
    if (accept !== 'application/json') problems.push(`Accept is ${JSON.stringify(accept)}, not application/json`);
    if (operation.produces && !operation.produces.includes('application/json')) problems.push('operation does not produce JSON');

    // Consumes + formData decoding.
    const formParameters = operation.parameters.filter((parameter) => parameter.in === 'formData');
    const contentType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const form: Record<string, string | string[]> = {};
    const bodyParameter = operation.parameters.find((parameter) => parameter.in === 'body');
    let json: unknown;
    if (bodyParameter) {
      if (contentType !== 'application/json') problems.push(`content type ${contentType || '(none)'} is not JSON for a body parameter`);
      try {
        json = JSON.parse(request.body);
      } catch {
        problems.push('the body is not JSON');
      }
      const reference = (bodyParameter as { schema?: { $ref?: string } }).schema?.$ref ?? '';
      const model = document.definitions[reference.replace('#/definitions/', '')] as { properties?: Record<string, unknown> } | undefined;
      if (model?.properties && typeof json === 'object' && json !== null) {
        for (const key of Object.keys(json))
          if (!Object.hasOwn(model.properties, key)) problems.push(`body field "${key}" is not in the model`);
      }
    } else if (request.body !== '') {
      if (!operation.consumes.includes(contentType)) problems.push(`content type ${contentType || '(none)'} is not in consumes`);
      if (formParameters.length === 0) problems.push('a body was sent to an operation without form parameters');
      if (contentType === 'application/x-www-form-urlencoded') {
        const fields = new URLSearchParams(request.body);
        for (const key of new Set(fields.keys())) {
          const parameter = formParameters.find((candidate) => candidate.name === key);
          if (!parameter) {
            problems.push(`form field "${key}" is not a parameter of ${operation.operationId}`);
            continue;
          }
          const values = fields.getAll(key);
          if (parameter.type === 'array') {
            const format = parameter.collectionFormat ?? 'csv';
            if (format === 'multi') form[key] = values;
            else {
              if (values.length > 1) problems.push(`form field "${key}" is repeated, but its collectionFormat is ${format}`);
              form[key] = values[0]!.split(separators[format]);
            }
          } else {
            if (values.length > 1) problems.push(`scalar form field "${key}" is repeated`);
            form[key] = values[0]!;
          }
        }
      }
    } else if (formParameters.some((parameter) => parameter.required)) {
      problems.push('required form parameters, but no body');
    }
    result.form = form;

    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      if (!operation.parameters.some((parameter) => parameter.in === 'query' && parameter.name === key)) {
        problems.push(`query parameter "${key}" is not in the spec`);
      }
      query[key] = url.searchParams.getAll(key);
    }

    const headers = Object.fromEntries(request.headers.entries());
    const verdict = operation.validator.validateRequest({ headers, params, query, body: bodyParameter ? json : { ...form } });
    for (const error of verdict?.errors ?? []) problems.push(`${error.location ?? ''} ${error.path ?? ''}: ${error.message}`.trim());
    return result;
  }

  return { basePath: document.basePath, operations, check };
}

/** The spec, when the file is there. */
export const spec: Spec | undefined = specPresent ? loadSpec() : undefined;

/** A `fetch` that records the verdict on every request it sends (when the spec is loaded), then sends it. */
export interface CheckedFetch {
  fetch: typeof fetch;
  /** Every verdict so far. */
  readonly checked: CheckedRequest[];
  /** Returns the verdicts so far and forgets them. */
  take(): CheckedRequest[];
}

export function checkedFetch(): CheckedFetch {
  let checked: CheckedRequest[] = [];
  return {
    get checked() {
      return checked;
    },
    take() {
      const out = checked;
      checked = [];
      return out;
    },
    async fetch(input, init) {
      if (spec) {
        const probe = input instanceof Request ? input.clone() : new Request(input, init);
        const body = probe.body ? await probe.text() : '';
        checked.push(spec.check({ method: probe.method, url: probe.url, headers: probe.headers, body }));
      }
      return fetch(input, init);
    },
  };
}
