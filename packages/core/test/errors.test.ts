import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as built from '../dist/index.js';
import { ApiError, ConnectionError, HooksError, InputError, ResponseError, reasonForStatus, TimeoutError } from '../src/index.js';

const apiError = () =>
  new ApiError('[x] op failed: 404', {
    provider: 'x',
    operation: 'op',
    status: 404,
    reason: 'not-found',
    url: 'https://a.example/v1/items',
    attempts: 1,
    maybeApplied: false,
    code: 'E404',
  });

describe('error family', () => {
  it('isInstance follows the class hierarchy', () => {
    const timeout = new TimeoutError('t', { url: 'u', attempts: 1, maybeApplied: false });
    expect(TimeoutError.isInstance(timeout)).toBe(true);
    expect(ConnectionError.isInstance(timeout)).toBe(true);
    expect(HooksError.isInstance(timeout)).toBe(true);
    expect(ApiError.isInstance(timeout)).toBe(false);
    expect(InputError.isInstance(apiError())).toBe(false);
    expect(HooksError.isInstance(new Error('plain'))).toBe(false);
    expect(HooksError.isInstance({ name: 'ApiError', message: 'look-alike' })).toBe(false);
    expect(HooksError.isInstance(null)).toBe(false);
  });

  it('isInstance recognises errors made by another copy of core', () => {
    // dist/ and src/ are two separate module instances with their own classes.
    const foreign = new built.ApiError('m', { status: 500, reason: 'server', url: 'u', attempts: 3, maybeApplied: false });
    expect(foreign).not.toBeInstanceOf(ApiError);
    expect(ApiError.isInstance(foreign)).toBe(true);
    expect(HooksError.isInstance(foreign)).toBe(true);
    expect(built.ApiError.isInstance(apiError())).toBe(true);
    expect(built.ResponseError.isInstance(apiError())).toBe(false);
  });

  it('carries the name of its class, and survives JSON.stringify with its fields', () => {
    const error = apiError();
    expect(error.name).toBe('ApiError');
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toMatchObject({ name: 'ApiError', status: 404, reason: 'not-found', code: 'E404', provider: 'x' });
    expect(inspect(error)).toContain('E404');
  });

  it('InputError names the field', () => {
    const error = new InputError('[x] op: invalid "id": must be …', { field: 'id', provider: 'x', operation: 'op' });
    expect(error.field).toBe('id');
    expect(ResponseError.isInstance(error)).toBe(false);
  });

  it('maps statuses to reasons', () => {
    expect([400, 401, 403, 404, 409, 429, 500, 501, 503, 418].map(reasonForStatus)).toEqual([
      'bad-request',
      'unauthorized',
      'forbidden',
      'not-found',
      'conflict',
      'rate-limited',
      'server',
      'not-implemented',
      'server',
      'client',
    ]);
  });
});
