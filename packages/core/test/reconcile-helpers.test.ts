import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, allOrNothing, ConflictError, createKeyedSerializer, IncompleteWriteError } from '../src/index.js';
import { createReferenceClient, type ReferenceClient } from './reference-provider.js';
import { type ReferenceService, startReferenceService } from './reference-service.js';

let service: ReferenceService;
let client: ReferenceClient;
beforeEach(async () => {
  service = await startReferenceService();
  client = createReferenceClient({ baseUrl: service.url, retry: 0 });
});
afterEach(() => service.close());

describe('keyed serializer', () => {
  it('runs work on one key in order, other keys alongside, and keeps nothing afterwards', async () => {
    const serializer = createKeyedSerializer();
    const events: string[] = [];
    const step = (name: string, ms: number) => async () => {
      events.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      events.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([
      serializer.run('a', step('a1', 30)),
      serializer.run('a', step('a2', 1)),
      serializer.run('b', step('b1', 1)),
      serializer.run(['b', 'a'], step('ab', 1)),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1', 'ab']);
    expect(events.indexOf('a2 start')).toBeGreaterThan(events.indexOf('a1 end'));
    expect(events.indexOf('b1 end')).toBeLessThan(events.indexOf('a1 end'));
    expect(events.indexOf('ab start')).toBeGreaterThan(events.indexOf('a2 end'));
    expect(serializer.size).toBe(0);
  });

  it('releases a key when the work fails', async () => {
    const serializer = createKeyedSerializer();
    await expect(serializer.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await serializer.run('a', async () => 'next')).toBe('next');
  });
});

describe('read-modify-write', () => {
  it('refuses to overwrite a newer change, writing nothing', async () => {
    const created = await client.hooks.create({ team: 'team1', name: 'a', url: 'https://app.example/a' });
    await client.hooks.update(created.id, { name: 'changed elsewhere' });
    const error = await client.hooks
      .update(created.id, { url: 'https://app.example/b' }, { expected: created.updatedAt })
      .catch((e: unknown) => e);
    expect(ConflictError.isInstance(error) && [error.reason, error.conflict, error.ids]).toEqual([
      'conflict',
      'changed-since-read',
      [created.id],
    ]);
    expect(service.hooks.get(created.id)?.url).toBe('https://app.example/a');
    expect(service.count('PUT')).toBe(1);
  });

  it('writes when the version is the expected one', async () => {
    const created = await client.hooks.create({ team: 'team1', name: 'a', url: 'https://app.example/a' });
    const updated = await client.hooks.update(created.id, { url: 'https://app.example/b' }, { expected: created.updatedAt });
    expect(updated.url).toBe('https://app.example/b');
  });
});

describe('all or nothing', () => {
  const createThenRename = (signal?: AbortSignal) =>
    allOrNothing({ provider: 'reference', operation: 'hooks.createNamed', signal, undoTimeout: 2_000 }, async (step) => {
      const created = await client.hooks.create({ team: 'team1', name: 'draft', url: 'https://app.example/a' }, { signal: step.signal });
      step.undo(created.id, (undoSignal) => client.hooks.delete(created.id, { signal: undoSignal }));
      return client.hooks.update(created.id, { name: 'final' }, { signal: step.signal });
    });

  it('completes', async () => {
    expect((await createThenRename()).name).toBe('final');
    expect(service.hooks.size).toBe(1);
  });

  it('undoes the create when a later step fails, and rethrows that step’s error', async () => {
    service.server.fault({ type: 'respond', status: 500, json: { message: 'down' } }, { match: (request) => request.method === 'PUT' });
    const error = await createThenRename().catch((e: unknown) => e);
    expect(ApiError.isInstance(error) && error.status).toBe(500);
    expect(service.hooks.size).toBe(0);
  });

  it('names the leftover id with maybeApplied when the undo fails too', async () => {
    service.server.fault(
      { type: 'respond', status: 500, json: { message: 'down' } },
      { match: (request) => request.method !== 'GET' && request.method !== 'POST', times: 5 },
    );
    const error = await createThenRename().catch((e: unknown) => e);
    const [leftover] = [...service.hooks.keys()];
    expect(IncompleteWriteError.isInstance(error) && [error.maybeApplied, error.leftoverIds]).toEqual([true, [leftover]]);
    expect(ApiError.isInstance((error as Error).cause)).toBe(true);
  });

  it('still undoes after an abort during a later step', async () => {
    service.server.fault({ type: 'stall-headers' }, { match: (request) => request.method === 'PUT' });
    const controller = new AbortController();
    const pending = createThenRename(controller.signal);
    while (service.count('PUT') === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error('user stopped'));
    await expect(pending).rejects.toThrow('user stopped');
    expect(service.hooks.size).toBe(0);
  });
});
