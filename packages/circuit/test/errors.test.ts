import { ApiError } from '@hooks/core';
import { describe, expect, it } from 'vitest';
import { readError, refineError } from '../src/errors.js';
import { apiError, expectEnumDeviation, missingId, useHarness, userA } from './helpers.js';

describe('readError (tolerant reading of Circuit error bodies)', () => {
  it('reads the observed JSON shape, with a string or a numeric code', () => {
    expect(
      readError({
        errorCode: '400',
        errorDescription: 'the request contains invalid data',
        validationErrors: ['One or more user do not exist.'],
      }),
    ).toEqual({ code: '400', message: ['the request contains invalid data', 'One or more user do not exist.'] });
    expect(readError({ errorCode: 403, errorDescription: 'quota' })).toEqual({ code: '403', message: ['quota'] });
  });

  it('tolerates missing parts, odd validation entries and OAuth-style bodies', () => {
    expect(readError({ errorDescription: 'only words' })).toEqual({ code: undefined, message: ['only words'] });
    expect(readError({ validationErrors: 'one line' })).toEqual({ code: undefined, message: ['one line'] });
    expect(readError({ errorCode: '400', validationErrors: [{ message: 'from an object' }, 42, null, ''] })).toEqual({
      code: '400',
      message: ['from an object', '42'],
    });
    expect(readError({ error: 'invalid_token', error_description: 'Access token expired' })).toEqual({
      code: 'invalid_token',
      message: ['Access token expired'],
    });
    expect(readError({ message: 'gateway says no' })).toEqual({ code: undefined, message: ['gateway says no'] });
  });

  it('returns nothing for bodies it does not know', () => {
    for (const body of [{}, [], null, 42, { unrelated: true }, 'plain words', '<html><body>Bad Gateway</body></html>']) {
      expect(readError(body)).toBeUndefined();
    }
  });

  it('reads the same fields from XML', () => {
    const xml =
      '<?xml version="1.0"?><error><errorCode>400</errorCode><errorDescription>an invalid URL &amp; more</errorDescription>' +
      '<validationErrors>url: bad</validationErrors><validationErrors>second</validationErrors></error>';
    expect(readError(xml)).toEqual({ code: '400', message: ['an invalid URL & more', 'url: bad', 'second'] });
  });

  it('refineError explains 401 with the operation scopes and 403 with the quota; nothing for other answers', () => {
    const facts = (status: number, operation: string) => ({
      status,
      reason: 'client' as const,
      code: undefined,
      operation,
      method: 'GET' as const,
    });
    expect(refineError(facts(401, 'webhooks.get'))?.hint).toContain('ALL, or READ_CONVERSATIONS and READ_USER');
    expect(refineError(facts(401, 'presence.update'))?.hint).toContain('ALL, or READ_USER');
    expect(refineError(facts(403, 'webhooks.create'))?.hint).toContain('maximum number of webhooks');
    expect(refineError(facts(403, 'webhooks.get'))).toBeUndefined();
    expect(refineError(facts(404, 'webhooks.get'))).toBeUndefined();
  });
});

describe('error answers over the wire', () => {
  const h = useHarness();

  it('a JSON error body gives the code and the service words (validation errors included)', async () => {
    h.fake.faults.inject({
      type: 'respond',
      status: 400,
      json: { errorCode: '400', errorDescription: 'the request contains invalid data', validationErrors: ['url: bad', 'filter: bad'] },
    });
    const error = await apiError(h.client.webhooks.get(missingId));
    expect(error.code).toBe('400');
    expect(error.details).toEqual(['the request contains invalid data', 'url: bad', 'filter: bad']);
    expect(error.message).toBe(
      '[circuit] webhooks.get failed: 400 Bad Request — the request contains invalid data; url: bad; filter: bad.',
    );
  });

  it('a plain-text 503 is retried, then reported with its text', async () => {
    const client = h.clientWith({ retry: { limit: 1, delay: () => 1 } });
    h.fake.faults.inject(
      { type: 'respond', status: 503, body: 'Service Unavailable', headers: { 'content-type': 'text/plain' } },
      { times: 2 },
    );
    const error = await apiError(client.webhooks.list().toArray());
    expect(error.status).toBe(503);
    expect(error.reason).toBe('server');
    expect(error.attempts).toBe(2);
    expect(error.message).toContain('Service Unavailable');
  });

  it('an XML error body is read like a JSON one: its code and the service words', async () => {
    h.fake.faults.inject({
      type: 'respond',
      status: 404,
      body: '<?xml version="1.0"?><error><errorCode>404</errorCode><errorDescription>gone</errorDescription></error>',
      headers: { 'content-type': 'application/xml' },
    });
    const error = await apiError(h.client.webhooks.get(missingId));
    expect(error.status).toBe(404);
    expect(error.code).toBe('404');
    expect(error.details).toEqual(['gone']);
    expect(error.message).toMatch(/404 Not Found — gone/);
  });

  it('every operation answers 401 with the scopes it needs, never echoing the token', async () => {
    const stale = h.clientWith({ token: 'stale-secret-token' });
    const calls: [string, () => Promise<unknown>, string][] = [
      [
        'webhooks.create',
        () => stale.webhooks.create({ url: 'https://a.example/h', filter: ['CONVERSATION.CREATE'] }),
        'READ_CONVERSATIONS and READ_USER',
      ],
      ['webhooks.list', () => stale.webhooks.list().toArray(), 'READ_CONVERSATIONS and READ_USER'],
      ['webhooks.get', () => stale.webhooks.get(missingId), 'READ_CONVERSATIONS and READ_USER'],
      ['webhooks.update', () => stale.webhooks.update(missingId, { url: 'https://a.example/h' }), 'READ_CONVERSATIONS and READ_USER'],
      ['webhooks.delete', () => stale.webhooks.delete(missingId), 'READ_CONVERSATIONS and READ_USER'],
      ['webhooks.deleteAll', () => stale.webhooks.deleteAll({ confirm: true }), 'READ_CONVERSATIONS and READ_USER'],
      ['presence.create', () => stale.presence.create({ url: 'https://a.example/p', userIds: [userA] }), '(ALL, or READ_USER)'],
      ['presence.update', () => stale.presence.update(missingId, { userIds: [userA] }), '(ALL, or READ_USER)'],
    ];
    for (const [operation, call, scopes] of calls) {
      const error = await apiError(call());
      expect([error.operation, error.status, error.reason]).toEqual([operation, 401, 'unauthorized']);
      expect(error.message).toContain(scopes);
      expect(`${error.message}${JSON.stringify(error)}`).not.toContain('stale-secret-token');
    }
    expect(h.fake.log).toHaveLength(8);
  });

  it('a server 400 on create (a filter name the server does not support) is a bad-request ApiError with its words', async () => {
    const error = await apiError(h.client.webhooks.create({ url: 'https://a.example/h', filter: ['SPACE.CREATE'] }));
    expect([error.status, error.reason, error.code]).toEqual([400, 'bad-request', '400']);
    expect(error.message).toContain('an unsupported event filter');
    expect(h.fake.webhooks()).toEqual([]);
    // A name outside the 2.9.178 enum: the documented escape hatch (see contract.test.ts).
    expectEnumDeviation(h.checker);
  });

  it('errors are core errors: ApiError with the provider, operation and a redacted URL', async () => {
    const error = await apiError(h.client.webhooks.delete(missingId));
    expect(error).toBeInstanceOf(ApiError);
    expect([error.provider, error.operation]).toEqual(['circuit', 'webhooks.delete']);
    expect(error.url).not.toContain('?');
  });
});
