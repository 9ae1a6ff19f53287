/**
 * GoSquared's multi-request writes for the provider: create with triggers, update of the
 * triggers in place, and replacement (GoSquared has no update call). Each is all-or-nothing or
 * says exactly what is left.
 *
 * @module
 */
import { ApiError, allOrNothing, type CallOptions, type StepContext, sharedBudget } from '@hooks/core';
import type { GoSquaredClient } from './gosquared.js';
import { provider } from './input.js';
import type { GoSquaredTrigger, GoSquaredTriggerCreateInput, GoSquaredTriggerType, GoSquaredWebhook } from './types.js';

/** One wanted webhook, checked: what create and replacement make. */
export interface WantedWebhook {
  url: string;
  name?: string | undefined;
  includeUnverified?: boolean | undefined;
  triggers: readonly GoSquaredTriggerCreateInput[];
}

/** A webhook whose `triggers` are filled in. */
export type CompleteWebhook = GoSquaredWebhook & { triggers: GoSquaredTrigger[] };

/**
 * `trigger`, or `trigger:value`: how a trigger appears in `events` and how triggers are compared.
 * A `chat_message` value has no meaning in GoSquared, so it is left out.
 */
export const render = (trigger: { trigger: string; value?: string | number | undefined }): string =>
  trigger.value === undefined || trigger.value === '' || trigger.trigger === 'chat_message'
    ? trigger.trigger
    : `${trigger.trigger}:${trigger.value}`;

/** What a `chat_message` trigger GoSquared reports without a value is re-created with (GoSquared requires one). */
const chatPlaceholder = 'all';

/** Turns a trigger GoSquared reports back into input (values may come back as strings). */
export function toInput(trigger: GoSquaredTrigger): GoSquaredTriggerCreateInput {
  const type = trigger.trigger as GoSquaredTriggerType;
  const { value } = trigger;
  if (type === 'traffic_dip' || type === 'traffic_spike') return { trigger: type, value: Number(value) };
  if (type === 'entered_smart_group' || type === 'exited_smart_group') return { trigger: type, value: String(value ?? '') };
  if (type === 'chat_message') return { trigger: type, value: value ?? chatPlaceholder };
  // A type added later: the client's validation decides.
  return { trigger: type, value } as GoSquaredTriggerCreateInput;
}

/** The triggers without repeats (by `trigger:value`), in order. */
export function unique(list: readonly GoSquaredTriggerCreateInput[]): GoSquaredTriggerCreateInput[] {
  const seen = new Set<string>();
  return list.filter((trigger) => {
    const key = render(trigger);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether two trigger lists fire on the same things (compared as sets of `trigger:value`). */
export function sameTriggers(left: readonly { trigger: string; value?: string | number | undefined }[], right: typeof left): boolean {
  const a = new Set(left.map(render));
  const b = new Set(right.map(render));
  return a.size === b.size && [...a].every((key) => b.has(key));
}

/** The writes of one client. */
export function goSquaredWrites(client: GoSquaredClient) {
  /** The webhook with its triggers, fetched separately unless GoSquared embedded them. */
  const complete = async (hook: GoSquaredWebhook, options?: CallOptions): Promise<CompleteWebhook> =>
    hook.triggers ? (hook as CompleteWebhook) : { ...hook, triggers: await client.triggers.list(hook.id, options).toArray() };

  /** Creates the webhook with its first trigger, registers its deletion as the undo, then adds the other triggers. */
  async function createSteps(wanted: WantedWebhook, options: CallOptions, step: StepContext): Promise<CompleteWebhook> {
    const [first, ...rest] = unique(wanted.triggers);
    const { url, name, includeUnverified } = wanted;
    const hook = await client.webhooks.create({ url, name, includeUnverified, ...first }, options);
    step.undo(String(hook.id), (signal) => deleteIfThere(hook.id, { signal }));
    for (const trigger of rest) await client.triggers.create(hook.id, trigger, options);
    if (hook.triggers && rest.length === 0) return hook as CompleteWebhook;
    return { ...hook, triggers: await client.triggers.list(hook.id, options).toArray() };
  }

  /** Deletes a webhook; one already gone counts as deleted. */
  const deleteIfThere = (id: number, options: CallOptions) =>
    client.webhooks.delete(id, options).catch((error: unknown) => {
      if (!(ApiError.isInstance(error) && error.reason === 'not-found')) throw error;
    });

  /** Deletes the old webhook of a replacement; one already gone (a DELETE that landed but whose answer was lost) counts as deleted. */
  async function deleteOld(id: number, options: CallOptions): Promise<void> {
    try {
      await client.webhooks.delete(id, options);
    } catch (error) {
      if (ApiError.isInstance(error) && error.reason === 'not-found') return;
      const gone = await client.webhooks.get(id, { signal: AbortSignal.timeout(10_000), retry: 0 }).then(
        () => false,
        (check: unknown) => ApiError.isInstance(check) && check.reason === 'not-found',
      );
      if (!gone) throw error;
    }
  }

  return {
    complete,

    /**
     * Creates a webhook with all its triggers; when a trigger cannot be added, the webhook is
     * deleted again (its own budget), or an `IncompleteWriteError` names it.
     */
    create(wanted: WantedWebhook, callOptions?: CallOptions): Promise<CompleteWebhook> {
      const options = sharedBudget(callOptions);
      return allOrNothing({ provider, operation: 'webhook.create', signal: options.signal }, (step) => createSteps(wanted, options, step));
    },

    /**
     * Replaces `current` by a new webhook: creates it with its triggers, then deletes the old one.
     * When that delete fails, the new one is deleted and the delete's error is thrown, so one spec
     * never has two live webhooks; when the new one cannot be deleted either, an
     * `IncompleteWriteError` names it (`leftoverIds`, `maybeApplied: true`).
     */
    replace(current: GoSquaredWebhook, wanted: WantedWebhook, callOptions?: CallOptions): Promise<CompleteWebhook> {
      const options = sharedBudget(callOptions);
      return allOrNothing({ provider, operation: 'webhook.replace', signal: options.signal }, async (step) => {
        const created = await createSteps(wanted, options, step);
        await deleteOld(current.id, options);
        return created;
      });
    },

    /**
     * Brings the triggers of `current` to `wanted` in place: adds the missing ones first, then
     * removes the others, so the webhook never goes without what it keeps firing on. All the
     * requests share one budget. Returns the webhook as it is now.
     */
    async setTriggers(current: CompleteWebhook, wanted: readonly GoSquaredTriggerCreateInput[], callOptions?: CallOptions) {
      const options = sharedBudget(callOptions);
      const wantedKeys = new Set(wanted.map(render));
      const seen = new Set<string>();
      const keep: GoSquaredTrigger[] = [];
      const remove: GoSquaredTrigger[] = [];
      for (const trigger of current.triggers) {
        const key = render(trigger);
        if (wantedKeys.has(key) && !seen.has(key)) keep.push(trigger);
        else remove.push(trigger);
        seen.add(key);
      }
      const add = unique(wanted).filter((trigger) => !seen.has(render(trigger)));
      for (const trigger of add) keep.push(await client.triggers.create(current.id, trigger, options));
      for (const trigger of remove) await client.triggers.delete(current.id, trigger.id, options);
      return { ...current, triggers: keep };
    },
  };
}
