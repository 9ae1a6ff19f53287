/**
 * Checks the timing settings of a client or a call (timeouts, clock, fetch), so that no NaN,
 * negative or out-of-range value ever reaches a timer.
 *
 * @module
 */
import { InputError } from '../errors.js';

type Context = { provider: string; operation: string };

/**
 * Checks a timeout: a positive number of ms up to the largest timer, or `false`.
 *
 * @throws {@link InputError} naming `field`.
 */
export function checkTimeout(value: unknown, context: Context, field: string): void {
  if (value === undefined || value === false) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 2_147_483_647) {
    throw new InputError(
      `[${context.provider}] ${context.operation}: invalid "${field}": must be a positive number of milliseconds or false`,
      {
        ...context,
        field,
      },
    );
  }
}

/**
 * Checks that a setting that must be a function (or an object of functions) is one.
 *
 * @throws {@link InputError} naming `field`.
 */
export function checkFunctions(value: unknown, context: Context, field: string, members: readonly string[]): void {
  if (value === undefined) return;
  const ok =
    members.length === 0
      ? typeof value === 'function'
      : typeof value === 'object' &&
        value !== null &&
        members.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
  if (!ok) {
    const expected = members.length === 0 ? 'a function' : `an object with ${members.join(' and ')} functions`;
    throw new InputError(`[${context.provider}] ${context.operation}: invalid "${field}": must be ${expected}`, { ...context, field });
  }
}
