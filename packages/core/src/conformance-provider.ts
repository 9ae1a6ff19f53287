/**
 * The conformance suite at the provider-interface level: every provider built with
 * `defineProvider` runs it against its own fake. It covers create, get, list, update and delete;
 * an `ensure` twice whose second run writes nothing; identity, concurrency and pruning; and bad
 * kinds refused before any request. Needs vitest.
 *
 * @module
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, InputError } from './errors.js';
import { ConflictError } from './reconcile/errors.js';
import type { KitProvider } from './reconcile/provider-kit.js';
import type { NormalizedWebhook } from './types.js';

/** A running fake and a provider over it, fresh for each case. */
export interface ProviderFixture<Spec, Raw, Kind extends string, Changes> {
  /** The provider under test, configured so that `list()` and pruning cover the specs' scopes. */
  provider: KitProvider<Spec, Raw, Kind, Changes>;
  /** How many requests the fake has received so far, and how many of them were writes (not GET). */
  requests(): { all: number; writes: number };
  /** Stops the fake. */
  close(): Promise<void>;
}

/** What a provider gives the suite. */
export interface ProviderConformanceTarget<Spec, Raw, Kind extends string, Changes> {
  /** The provider's name, for the describe block. */
  name: string;
  /** Starts a fresh fake (with no registrations) and a provider over it. */
  start(): Promise<ProviderFixture<Spec, Raw, Kind, Changes>>;
  /** The prefix of every callback URL `spec(n)` makes. */
  urlPrefix: string;
  /** A valid spec, distinct for each `n`, with every callback URL under `urlPrefix`. */
  spec(n: number): Spec;
  /** The same identity as `spec`, one field changed. */
  changed(spec: Spec): Spec;
  /** A valid spec, distinct for each `n`, with its callback URLs outside `urlPrefix`. */
  outside(n: number): Spec;
  /** An update of a registration made from `spec(n)`, and how to see that it landed. */
  update: {
    /** The changes. */
    changes: Changes;
    /** Whether the webhook shows them. */
    landed(webhook: NormalizedWebhook<Raw, Kind>): boolean;
  };
  /** Two updates of different fields: both must land when sent at once. Skipped when absent. */
  concurrentUpdates?:
    | {
        /** The first change. */
        first: Changes;
        /** The second change. */
        second: Changes;
        /** Whether both show. */
        landed(webhook: NormalizedWebhook<Raw, Kind>): boolean;
      }
    | undefined;
  /** What two registrations with one identity give: a conflict (default) or the oldest one wins. */
  duplicates?: 'conflict' | 'oldest' | undefined;
  /** Specs with a kind the provider does not have. */
  badKinds: unknown[];
}

/**
 * Registers the suite for one provider.
 *
 * @example
 * ```ts
 * testProviderConformance({ name: 'mattermost', start, urlPrefix, spec, changed, outside, update, badKinds: [{ kind: 'nope' }] });
 * ```
 */
export function testProviderConformance<Spec, Raw, Kind extends string, Changes>(
  target: ProviderConformanceTarget<Spec, Raw, Kind, Changes>,
): void {
  describe(`${target.name}: provider conformance`, () => {
    let fixture: ProviderFixture<Spec, Raw, Kind, Changes>;
    let provider: KitProvider<Spec, Raw, Kind, Changes>;
    beforeEach(async () => {
      fixture = await target.start();
      provider = fixture.provider;
    });
    afterEach(() => fixture.close());
    const listAll = async () => {
      const out: NormalizedWebhook<Raw, Kind>[] = [];
      for await (const webhook of provider.list()) out.push(webhook);
      return out;
    };
    const writesDuring = async <T>(work: () => Promise<T>): Promise<{ value: T; writes: number }> => {
      const before = fixture.requests().writes;
      const value = await work();
      return { value, writes: fixture.requests().writes - before };
    };

    it('creates, gets, lists, updates and deletes', async () => {
      const created = await provider.create(target.spec(1));
      expect((await provider.get(created)).id).toBe(created.id);
      expect((await listAll()).map((webhook) => webhook.id)).toContain(created.id);
      const updated = await provider.update(created, target.update.changes);
      expect(target.update.landed(updated)).toBe(true);
      expect(target.update.landed(await provider.get(created))).toBe(true);
      await provider.delete(created);
      const gone = await provider.get(created).catch((error: unknown) => error);
      expect(ApiError.isInstance(gone) && gone.reason).toBe('not-found');
    });

    it('ensures twice: created, then unchanged with no write', async () => {
      const first = await provider.ensure(target.spec(1));
      expect(first.action).toBe('created');
      const second = await writesDuring(() => provider.ensure(target.spec(1)));
      expect(second.value.action).toBe('unchanged');
      expect(second.value.webhook.id).toBe(first.webhook.id);
      expect(second.writes).toBe(0);
      expect(await listAll()).toHaveLength(1);
    });

    it('plans without writing, then applies the diff once', async () => {
      const planned = await writesDuring(() => provider.plan([target.spec(1), target.spec(2)]));
      expect(planned.writes).toBe(0);
      expect(planned.value.entries.map((entry) => entry.action)).toEqual(['create', 'create']);
      expect((await provider.apply(planned.value)).ok).toBe(true);
      const change = await provider.plan([target.changed(target.spec(1)), target.spec(2)]);
      expect(change.entries.map((entry) => entry.action)).toEqual(['update', 'unchanged']);
      expect(change.entries[0]!.diff?.length).toBeGreaterThan(0);
      const report = await provider.apply(change);
      expect(report.results.map((result) => result.action)).toEqual(['updated', 'unchanged']);
      const again = await provider.plan([target.changed(target.spec(1)), target.spec(2)]);
      expect(again.entries.map((entry) => entry.action)).toEqual(['unchanged', 'unchanged']);
    });

    it('creates once when two ensures of one spec run at once', async () => {
      const results = await Promise.all([provider.ensure(target.spec(1)), provider.ensure(target.spec(1))]);
      expect(results.map((result) => result.action).sort()).toEqual(['created', 'unchanged']);
      expect(await listAll()).toHaveLength(1);
    });

    it.runIf(target.concurrentUpdates !== undefined)('lands two concurrent updates of one registration', async () => {
      const updates = target.concurrentUpdates!;
      const created = await provider.create(target.spec(1));
      await Promise.all([provider.update(created, updates.first), provider.update(created, updates.second)]);
      expect(updates.landed(await provider.get(created))).toBe(true);
    });

    it('never takes over when two registrations share an identity', async () => {
      const older = await provider.create(target.spec(1));
      await provider.create(target.spec(1));
      const planned = await writesDuring(() => provider.plan([target.changed(target.spec(1))]));
      const entry = planned.value.entries[0]!;
      if ((target.duplicates ?? 'conflict') === 'conflict') {
        expect(entry.action).toBe('conflict');
        expect(entry.conflict?.reason).toBe('ambiguous');
        expect(entry.conflict?.candidates).toHaveLength(2);
        const report = await writesDuring(() => provider.apply(planned.value));
        expect(report.writes).toBe(0);
        expect(report.value.results[0]!.action).toBe('conflict');
        await expect(provider.ensure(target.spec(1))).rejects.toSatisfy((error) => ConflictError.isInstance(error));
      } else {
        expect(entry.webhook?.id).toBe(older.id);
      }
    });

    it('refuses two specs with one identity in one plan', async () => {
      const plan = await provider.plan([target.spec(1), target.changed(target.spec(1))]);
      expect(plan.entries.map((entry) => entry.conflict?.reason)).toEqual(['duplicate-spec', 'duplicate-spec']);
    });

    it('prunes only unwanted registrations inside the prefix, listing them first', async () => {
      const kept = await provider.ensure(target.spec(1));
      const extra = [await provider.create(target.spec(2)), await provider.create(target.spec(3))];
      const foreign = await provider.create(target.outside(4));
      const planned = await writesDuring(() => provider.plan([target.spec(1)], { prune: { urlPrefix: target.urlPrefix } }));
      expect(planned.writes).toBe(0);
      expect(planned.value.deletions.map((deletion) => deletion.webhook.id).sort()).toEqual(extra.map((webhook) => webhook.id).sort());
      const report = await provider.apply(planned.value);
      expect(report.deletions.map((deletion) => deletion.action)).toEqual(['deleted', 'deleted']);
      expect((await listAll()).map((webhook) => webhook.id).sort()).toEqual([kept.webhook.id, foreign.id].sort());
    });

    it('leaves a registration alone when it changed since the plan', async () => {
      const created = await provider.create(target.spec(1));
      const plan = await provider.plan([target.changed(target.spec(1))]);
      expect(plan.entries[0]!.action).toBe('update');
      await provider.update(created, target.update.changes);
      const report = await provider.apply(plan);
      expect(report.results[0]!.action).toBe('conflict');
      expect(ConflictError.isInstance(report.results[0]!.error) && report.results[0]!.error.conflict).toBe('changed-since-plan');
      expect(target.update.landed(await provider.get(created))).toBe(true);
    });

    it('refuses bad kinds before any request', async () => {
      const before = fixture.requests().all;
      for (const spec of target.badKinds) {
        const ref = spec as { kind: Kind; id: string };
        const calls: (() => Promise<unknown>)[] = [
          () => provider.create(spec as Spec),
          () => provider.ensure(spec as Spec),
          () => provider.plan([spec as Spec]),
          () => provider.ensureAll([target.spec(1), spec as Spec]),
          () => provider.get({ ...ref, id: 'abcdefgh' }),
          () => provider.update({ ...ref, id: 'abcdefgh' }, target.update.changes),
          () => provider.delete({ ...ref, id: 'abcdefgh' }),
        ];
        for (const call of calls) await expect(call()).rejects.toSatisfy((error) => InputError.isInstance(error));
      }
      expect(fixture.requests().all).toBe(before);
    });
  });
}
