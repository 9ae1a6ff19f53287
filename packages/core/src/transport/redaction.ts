/**
 * How a secret is kept out: every credential and per-request secret is matched in every form in
 * which it can appear in text (raw, percent-encoded in either hex case, `encodeURIComponent` and
 * `URLSearchParams` forms, `+` for a space) and replaced by `[redacted]`. Every text that reaches
 * an error (message, details, code, request id, status text, url) passes through here.
 *
 * @module
 */
import { InputError } from '../errors.js';

/** The shortest credential accepted: shorter ones could not be told apart from ordinary text. */
export const minSecretLength = 8;

const mask = '[redacted]';
const encoder = new TextEncoder();
const hexDigit = (digit: string) => (/[a-f]/i.test(digit) ? `[${digit.toLowerCase()}${digit.toUpperCase()}]` : digit);

/** One character as a pattern: itself, or any percent-encoding of its UTF-8 bytes; a space may be `+`. */
function charPattern(char: string): string {
  const bytes = [...encoder.encode(char)]
    .map((byte) => {
      const hex = byte.toString(16).padStart(2, '0');
      return `%${hexDigit(hex[0]!)}${hexDigit(hex[1]!)}`;
    })
    .join('');
  const literal = char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  return char === ' ' ? `(?: |\\+|${bytes})` : `(?:${literal}|${bytes})`;
}

/** A pattern matching `secret` in every encoding, character by character. */
function secretPattern(secret: string): string {
  let out = '';
  for (const char of secret) out += charPattern(char);
  return out;
}

/** A set of secrets and the one regular expression that finds any of them. */
export class SecretSet {
  readonly #values = new Set<string>();
  #pattern: RegExp | undefined;

  /** Adds a secret (values shorter than 4 characters are ignored: they would mask ordinary words). */
  add(value: string): void {
    if (value.length < 4 || this.#values.has(value)) return;
    this.#values.add(value);
    // Token functions may hand out new values forever: keep the newest 32.
    if (this.#values.size > 32) this.#values.delete(this.#values.values().next().value as string);
    this.#pattern = undefined;
  }

  /** Replaces every secret in `text`, in any encoding, with `[redacted]`. */
  redact(text: string, extra?: readonly string[]): string {
    if (this.#values.size === 0 && !extra?.length) return text;
    let pattern = this.#pattern;
    if (pattern === undefined) {
      pattern = this.#pattern = build(this.#values);
    }
    let out = this.#values.size === 0 ? text : text.replace(pattern, mask);
    if (extra?.length) out = out.replace(build(extra), mask);
    return out;
  }
}

function build(values: Iterable<string>): RegExp {
  // Longest first, so a secret that contains another is masked whole.
  const sorted = [...values].filter((value) => value.length >= 4).sort((a, b) => b.length - a.length);
  return sorted.length === 0 ? /(?!)/g : new RegExp(sorted.map(secretPattern).join('|'), 'g');
}

/**
 * Refuses a credential shorter than {@link minSecretLength}: it could not be redacted reliably.
 *
 * @throws {@link InputError} naming `field`, never the value.
 */
export function assertSecretLength(value: string, context: { provider: string; operation: string; field: string }): void {
  if (value.length < minSecretLength) {
    throw new InputError(
      `[${context.provider}] ${context.operation}: invalid "${context.field}": a credential must be at least ${minSecretLength} characters`,
      context,
    );
  }
}
