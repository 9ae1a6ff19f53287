/**
 * How the Circuit fake reads request bodies and writes answers: content negotiation (JSON or
 * XML by `Accept`), the service's error body, and lenient list fields.
 *
 * @module
 */
import type { FakeRequest, FakeResponse } from '@hooks/core/testing';

/** An answer before rendering as JSON or XML. */
export interface Answer {
  /** HTTP status. */
  status: number;
  /** The body (a `WebHook`, a list of them, or an error object); none for an empty answer. */
  body?: unknown;
  /** A plain-text body, sent as is whatever `Accept` says (only for the varied DELETE answers). */
  text?: string;
  /** Extra headers. */
  headers?: Record<string, string>;
}

/** The answer formats the API produces. */
export type Format = 'json' | 'xml';

/** The form or JSON fields of a request, list fields read leniently. */
export interface Fields {
  /** Whether the field was sent. */
  has(name: string): boolean;
  /** The field's one value. */
  scalar(name: string): string | undefined;
  /** The field's values: repeated keys and comma-joined values alike. */
  list(name: string): string[] | undefined;
}

/** The service's error body: `{ errorCode: "<status>", errorDescription, validationErrors? }`. */
export const fail = (status: number, description: string, validationErrors?: string[]): Answer => ({
  status,
  body: { errorCode: String(status), errorDescription: description, ...(validationErrors ? { validationErrors } : {}) },
});

/** A 400 with one validation error. */
export const invalid = (description: string, detail: string): Answer => fail(400, description, [detail]);

/** Whether a value is an {@link Answer} rather than what a lookup found. */
export const isAnswer = (value: unknown): value is Answer => typeof (value as Answer).status === 'number';

/** Which format the `Accept` header allows, preferring the first range listed with the highest q. */
export function formatOf(accept: string | undefined): Format | undefined {
  if (accept === undefined || accept.trim() === '') return 'json';
  const ranges = accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
      const q = parameters.find((parameter) => parameter.startsWith('q='));
      return { type, q: q === undefined ? 1 : Number(q.slice(2)), index };
    })
    .filter((range) => range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { type } of ranges) {
    if (type === 'application/json' || type === 'application/*' || type === '*/*') return 'json';
    if (type === 'application/xml' || type === 'text/xml') return 'xml';
  }
  return undefined;
}

const xmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function xmlElement(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => xmlElement(name, item)).join('');
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => xmlElement(key, item))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${String(value).replace(/[&<>"']/g, (char) => xmlEscapes[char]!)}</${name}>`;
}

/** Renders an answer in the format the request asked for (`<webHook>`, `<webHooks>`, `<error>` in XML). */
export function render(answer: Answer, request: FakeRequest): FakeResponse {
  const format = formatOf(request.headers.accept) ?? 'json';
  const headers = { ...answer.headers };
  if (answer.text !== undefined) return { status: answer.status, text: answer.text, headers };
  if (answer.body === undefined) return { status: answer.status, headers };
  if (format === 'json') return { status: answer.status, json: answer.body, headers };
  const isError = answer.status >= 400;
  const inner = Array.isArray(answer.body)
    ? `<webHooks>${xmlElement('webHook', answer.body)}</webHooks>`
    : xmlElement(isError ? 'error' : 'webHook', answer.body);
  return {
    status: answer.status,
    text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${inner}`,
    headers: { ...headers, 'content-type': 'application/xml' },
  };
}

function splitList(values: unknown[]): string[] {
  return values
    .flatMap((value) => String(value).split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** Reads the body's fields, or answers 400/415 when it cannot be read. */
export function readFields(request: FakeRequest): Fields | Answer {
  if (request.rawBody === '') return { has: () => false, scalar: () => undefined, list: () => undefined };
  if (request.isForm) {
    const form = request.body as URLSearchParams;
    return {
      has: (name) => form.has(name),
      scalar: (name) => form.get(name) ?? undefined,
      list: (name) => (form.has(name) ? splitList(form.getAll(name)) : undefined),
    };
  }
  if (request.isJson) {
    if (request.jsonError || typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
      return invalid('a field constraint is violated', 'the body is not a JSON object');
    }
    const json = request.body as Record<string, unknown>;
    const present = (name: string) => Object.hasOwn(json, name) && json[name] !== null && json[name] !== undefined;
    return {
      has: present,
      scalar: (name) => (present(name) ? String(json[name]) : undefined),
      list: (name) => (present(name) ? splitList(Array.isArray(json[name]) ? (json[name] as unknown[]) : [json[name]]) : undefined),
    };
  }
  return fail(415, 'Unsupported Media Type');
}
