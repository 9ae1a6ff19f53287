// Event flags (issue 14): unknown flag names are refused before any request unless the client
// lists them in `extraFlags`; the events row's id and timestamps are kept; `chatsDelete` is
// marked deprecated in the published types.
import { readdirSync, readFileSync } from 'node:fs';
import { InputError } from '@hooks/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInstance, eventFlagNames, instanceProvider } from '../src/index.js';
import { createInstanceFake, type InstanceFake } from '../src/testing.js';

let fake: InstanceFake;
beforeEach(async () => {
  fake = await createInstanceFake();
});
afterEach(() => fake.close());

const url = 'https://example.com/hooks/codechat/flags';
const refusal = async (promise: Promise<unknown>) => {
  const start = fake.log.length;
  const error = await promise.catch((caught: unknown) => caught);
  expect(InputError.isInstance(error), String(error)).toBe(true);
  expect(fake.log.length).toBe(start);
  return error as InputError;
};

describe('unknown event flags', () => {
  it('a typo or a newer flag is an InputError before any request, in every operation', async () => {
    const instance = createInstance({ ...fake.settings });
    const seeded = fake.seed({ name: 'a', url });
    expect((await refusal(instance.webhooks.setEvents(seeded.webhookId, { qrcodeUpdated: false }))).field).toMatch(/^changes/);
    expect((await refusal(instance.webhooks.setEvents(seeded.webhookId, { callUpsert: true }))).message).toContain('extraFlags');
    expect((await refusal(instance.webhooks.create({ name: 'b', url, events: { messagesUpserted: false } }))).field).toMatch(
      /^input\.events/,
    );
    const provider = instanceProvider(instance);
    expect((await refusal(provider.ensure({ name: 'c', url, events: { chatSet: false } }))).field).toMatch(/^spec\.events/);
    expect((await refusal(provider.update({ kind: 'webhook', id: seeded.webhookId }, { events: { newJWT: false } }))).field).toMatch(
      /^changes\.events/,
    );
    expect(fake.webhooks()).toHaveLength(1);
  });

  it('every documented flag is accepted', async () => {
    const instance = createInstance({ ...fake.settings });
    expect(instance.eventFlags).toEqual(eventFlagNames);
    const seeded = fake.seed({ name: 'a', url });
    const all = Object.fromEntries(eventFlagNames.map((flag) => [flag, false]));
    const webhook = await instance.webhooks.setEvents(seeded.webhookId, all);
    for (const flag of eventFlagNames) expect(webhook.events?.[flag]).toBe(false);
  });

  it('flags listed in extraFlags are accepted and sent', async () => {
    const newer = await createInstanceFake({ extraFlags: ['callUpsert'] });
    try {
      const instance = createInstance({ ...newer.settings, extraFlags: ['callUpsert'] });
      expect(instance.eventFlags).toEqual([...eventFlagNames, 'callUpsert']);
      const webhook = await instance.webhooks.create({ name: 'a', url, events: { callUpsert: false } });
      expect(webhook.events?.callUpsert).toBe(false);
      expect(newer.webhooks()[0]!.WebhookEvents.callUpsert).toBe(false);
    } finally {
      await newer.close();
    }
  });

  it('extraFlags itself is checked', () => {
    for (const extraFlags of [['has space'], ['webhookEventsId'], 'callUpsert', Array.from({ length: 65 }, (_, index) => `flag${index}`)]) {
      let caught: unknown;
      try {
        createInstance({ ...fake.settings, extraFlags: extraFlags as string[] });
      } catch (error) {
        caught = error;
      }
      expect(InputError.isInstance(caught) && caught.field.startsWith('extraFlags'), String(caught)).toBe(true);
    }
  });
});

describe('the events row of a webhook', () => {
  it('keeps webhookEventsId, createdAt and updatedAt as eventsMetadata, on every read', async () => {
    const instance = createInstance({ ...fake.settings });
    const created = await instance.webhooks.create({ name: 'a', url });
    const wire = fake.webhooks()[0]!.WebhookEvents;
    const expected = { id: wire.webhookEventsId, createdAt: new Date(wire.createdAt), updatedAt: new Date(wire.updatedAt) };
    expect(created.eventsMetadata).toEqual(expected);
    expect((await instance.webhooks.get(created.id)).eventsMetadata).toEqual(expected);
    expect((await instance.webhooks.list().toArray())[0]!.eventsMetadata).toEqual(expected);
    expect(Object.keys(created.events ?? {})).not.toContain('webhookEventsId');
  });

  it('setEvents takes the new updatedAt from the PATCH answer', async () => {
    const instance = createInstance({ ...fake.settings });
    const seeded = fake.seed({ name: 'a', url });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const webhook = await instance.webhooks.setEvents(seeded.webhookId, { messagesSet: false });
    const wire = fake.webhooks()[0]!.WebhookEvents;
    expect(webhook.eventsMetadata).toEqual({
      id: wire.webhookEventsId,
      createdAt: new Date(wire.createdAt),
      updatedAt: new Date(wire.updatedAt),
    });
    expect(webhook.eventsMetadata!.updatedAt.getTime()).toBeGreaterThan(new Date(seeded.WebhookEvents.updatedAt).getTime());
  });

  it('an events object without its metadata gives eventsMetadata undefined, not an error', async () => {
    const instance = createInstance({ ...fake.settings });
    const seeded = fake.seed({ name: 'a', url });
    const { webhookEventsId: _id, createdAt: _created, updatedAt: _updated, ...flags } = seeded.WebhookEvents;
    fake.faults.inject({ type: 'respond', status: 200, json: { ...seeded, WebhookEvents: flags } });
    const webhook = await instance.webhooks.get(seeded.webhookId);
    expect(webhook.eventsMetadata).toBeUndefined();
    expect(webhook.events?.messagesUpsert).toBe(true);
  });
});

describe('deprecated flags', () => {
  it('chatsDelete carries @deprecated in the published types', () => {
    const dist = new URL('../dist/', import.meta.url);
    const dts = readdirSync(dist)
      .filter((file) => file.endsWith('.d.ts'))
      .map((file) => readFileSync(new URL(file, dist), 'utf8'))
      .find((text) => text.includes('chatsDelete?: boolean'))!;
    const before = dts.slice(0, dts.indexOf('chatsDelete?: boolean'));
    const comment = before.slice(before.lastIndexOf('/**'));
    expect(comment).toContain('@deprecated');
    const otherComment = dts.slice(0, dts.indexOf('chatsUpsert?: boolean'));
    expect(otherComment.slice(otherComment.lastIndexOf('/**'))).not.toContain('@deprecated');
  });
});
