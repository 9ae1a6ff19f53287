// The client's requests against the official Swagger 2.0 file (2.9.178), through
// openapi-request-validator. Without the spec file they fail when CI=true, and elsewhere are
// skipped with one line saying why.
import { describe, expect, it } from 'vitest';
import { createCircuit } from '../src/index.js';
import { createCircuitFake } from '../src/testing.js';
import { apiError, missingId, userA, userB } from './helpers.js';
import { type CheckedRequest, checkedFetch, type Spec, spec, specMissing, specPresent } from './spec.js';

const url = 'https://bot.example.com/circuit';
const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();
const wire = (method: string, path: string, body = '', contentType = 'application/x-www-form-urlencoded') => ({
  method,
  url: `https://circuitsandbox.net/rest/v2${path}`,
  headers: new Headers({
    accept: 'application/json',
    authorization: 'Bearer t0ken',
    ...(body === '' ? {} : { 'content-type': contentType }),
  }),
  body,
});

if (!specPresent) {
  if (process.env.CI === 'true') {
    it('the spec file is there (required when CI=true)', () => {
      throw new Error(`contract tests cannot run: ${specMissing}`);
    });
  } else {
    console.info(`[circuit] contract tests skipped: ${specMissing}`);
  }
}

describe.skipIf(!specPresent)('requests match the official Swagger file (openapi-request-validator)', () => {
  const contract = spec as Spec;

  describe('the validator reads Swagger 2 formData parameters', () => {
    it('finds the eight operations of the OutgoingWebhooksApi', () => {
      const ids = contract.operations.filter((operation) => /^\/webhooks(\/presence)?(\/\{id\})?$/.test(operation.template));
      expect(ids.map((operation) => operation.operationId).sort()).toEqual([
        'addPresenceWebHook',
        'addWebHook',
        'getWebHook',
        'getWebHookById',
        'removeWebHook',
        'removeWebHooks',
        'updatePresenceWebHook',
        'updateWebHook',
      ]);
    });

    it('accepts a valid form body with repeated keys', () => {
      const body = form([
        ['url', url],
        ['filter', 'CONVERSATION.CREATE'],
        ['filter', 'CONVERSATION.ADD_ITEM'],
      ]);
      const result = contract.check(wire('POST', '/webhooks', body));
      expect(result.operationId).toBe('addWebHook');
      expect(result.form).toEqual({ url, filter: ['CONVERSATION.CREATE', 'CONVERSATION.ADD_ITEM'] });
      expect(result.problems).toEqual([]);
    });

    it('flags a missing required formData field, a value outside the enum and an overlong string', () => {
      expect(contract.check(wire('POST', '/webhooks', form([['url', url]]))).problems.join()).toMatch(/required property 'filter'/);
      expect(
        contract
          .check(
            wire(
              'POST',
              '/webhooks',
              form([
                ['url', url],
                ['filter', 'CONVERSATION.NOPE'],
              ]),
            ),
          )
          .problems.join(),
      ).toMatch(/allowed values/);
      expect(
        contract
          .check(
            wire(
              'POST',
              '/webhooks',
              form([
                ['url', `https://e.example/${'a'.repeat(2048)}`],
                ['filter', 'CONVERSATION.CREATE'],
              ]),
            ),
          )
          .problems.join(),
      ).toMatch(/must NOT have more than 2048 characters/);
      const tooLongUser = form([
        ['url', url],
        ['userIds', 'u'.repeat(6501)],
      ]);
      expect(contract.check(wire('POST', '/webhooks/presence', tooLongUser)).problems.join()).toMatch(/6500/);
    });

    it('flags what the validator itself cannot see: a JSON body, a missing Accept, unknown fields, a wrong path', () => {
      const json = contract.check(wire('POST', '/webhooks', JSON.stringify({ url, filter: ['CONVERSATION.CREATE'] }), 'application/json'));
      expect(json.problems.join()).toContain('application/json is not in consumes');
      const noAccept = wire('GET', '/webhooks');
      noAccept.headers.delete('accept');
      expect(contract.check(noAccept).problems.join()).toContain('not application/json');
      const extra = form([
        ['url', url],
        ['filter', 'CONVERSATION.CREATE'],
        ['name', 'x'],
      ]);
      expect(contract.check(wire('POST', '/webhooks', extra)).problems.join()).toContain('"name" is not a parameter');
      expect(contract.check(wire('PATCH', '/webhooks/x')).problems.join()).toContain('no operation PATCH');
    });
  });

  describe('every operation the client sends', () => {
    it('covers all eight operations, success and error paths, with zero violations and spec-exact encoding', async () => {
      const fake = await createCircuitFake({ maxWebhooks: 3, maxPresenceUserIds: 2 });
      const checker = checkedFetch();
      const client = createCircuit({ ...fake.settings, fetch: checker.fetch, retry: 0 });
      const stranger = createCircuit({ baseUrl: fake.baseUrl, token: 'unknown-token', fetch: checker.fetch, retry: 0 });
      try {
        const hook = await client.webhooks.create({ url, filter: ['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM'] });
        await client.webhooks.list().toArray();
        await client.webhooks.get(hook.id);
        await client.webhooks.update(hook.id, { url: `${url}/2` });
        await client.webhooks.update(hook.id, { filter: ['CONVERSATION.CREATE', 'USER.USER_UPDATED'] });
        const presence = await client.presence.create({ url: `${url}/presence`, userIds: [userA, userB] });
        await client.presence.update(presence.id, { userIds: [userB] });
        await client.presence.update(presence.id, { url: `${url}/presence/2`, userIds: [userA] });
        await apiError(client.presence.update(presence.id, { userIds: [userA, userB, fake.userId] }));
        await apiError(client.webhooks.get(missingId));
        await apiError(client.webhooks.update(missingId, { url }));
        await apiError(client.presence.update(missingId, { url }));
        await apiError(stranger.webhooks.list().toArray());
        await client.webhooks.create({ url: `${url}/3`, filter: ['CONVERSATION.CREATE'] });
        await apiError(client.webhooks.create({ url: `${url}/4`, filter: ['CONVERSATION.CREATE'] }));
        await apiError(client.presence.create({ url: `${url}/5`, userIds: [userA] }));
        await client.webhooks.delete(hook.id);
        await apiError(client.webhooks.delete(hook.id));
        await client.webhooks.deleteAll({ confirm: true });
        await apiError(stranger.webhooks.deleteAll({ confirm: true }));
      } finally {
        await fake.close();
      }
      const checked = checker.take();
      expect(checked.length).toBe(20);
      expect(checked.filter((request) => request.problems.length > 0)).toEqual([]);
      expect(new Set(checked.map((request) => request.operationId))).toEqual(
        new Set([
          'addWebHook',
          'getWebHook',
          'getWebHookById',
          'updateWebHook',
          'removeWebHook',
          'removeWebHooks',
          'addPresenceWebHook',
          'updatePresenceWebHook',
        ]),
      );
      const byId = (id: string) => checked.find((request) => request.operationId === id)!;
      expect(byId('addWebHook').form).toEqual({ url, filter: ['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM'] });
      expect(byId('addPresenceWebHook').form).toEqual({ url: `${url}/presence`, userIds: [userA, userB] });
      expect(byId('getWebHook').form).toEqual({});
    });
  });

  describe('documented deviations from the 2.9.178 file', () => {
    it("arrayFormat 'comma' is not what collectionFormat: multi means: the spec reads one value", async () => {
      const fake = await createCircuitFake();
      const checker = checkedFetch();
      const client = createCircuit({ ...fake.settings, fetch: checker.fetch, arrayFormat: 'comma' });
      try {
        const hook = await client.webhooks.create({ url, filter: ['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM'] });
        // The fake, like the generated Circuit clients' servers, splits the comma-joined value.
        expect(hook.filter).toEqual(['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM']);
        expect(fake.log.at(-1)!.rawBody).toBe(
          'url=https%3A%2F%2Fbot.example.com%2Fcircuit&filter=CONVERSATION.ADD_ITEM%2CCONVERSATION.UPDATE_ITEM',
        );
        const presence = await client.presence.create({ url, userIds: [userA, userB] });
        expect(presence.subscriptionIds).toEqual([userA, userB]);
      } finally {
        await fake.close();
      }
      const [create, presence] = checker.take() as [CheckedRequest, CheckedRequest];
      expect(create.form.filter).toEqual(['CONVERSATION.ADD_ITEM,CONVERSATION.UPDATE_ITEM']);
      expect(create.problems.join()).toMatch(/allowed values/);
      // Read by the spec, the user ids become a single id containing a comma.
      expect(presence.form.userIds).toEqual([`${userA},${userB}`]);
    });

    it('an event name outside the enum (the CircuitKnownEvent | string escape hatch) is flagged, and sent only when asked', async () => {
      const fake = await createCircuitFake({ extraEvents: ['CONVERSATION.ARCHIVED'] });
      const checker = checkedFetch();
      const client = createCircuit({ ...fake.settings, fetch: checker.fetch });
      try {
        const hook = await client.webhooks.create({ url, filter: ['CONVERSATION.ARCHIVED'] });
        expect(hook.filter).toEqual(['CONVERSATION.ARCHIVED']);
      } finally {
        await fake.close();
      }
      expect(checker.take()[0]!.problems.join()).toMatch(/allowed values/);
    });

    it('PUT /webhooks/{id} lists six filter values in 2.9.178 (2.9.235 lists all eight); the client allows all eight', async () => {
      const fake = await createCircuitFake();
      const checker = checkedFetch();
      const client = createCircuit({ ...fake.settings, fetch: checker.fetch });
      try {
        const hook = await client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] });
        const updated = await client.webhooks.update(hook.id, { filter: ['USER.INCOMING_CALL'] });
        expect(updated.filter).toEqual(['USER.INCOMING_CALL']);
      } finally {
        await fake.close();
      }
      const [create, update] = checker.take();
      expect(create!.problems).toEqual([]);
      expect(update!.operationId).toBe('updateWebHook');
      expect(update!.problems.join()).toMatch(/allowed values/);
    });
  });
});
