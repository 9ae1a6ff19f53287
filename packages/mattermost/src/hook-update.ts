/**
 * The update both hook kinds share: one update of a hook at a time in this client (the next one
 * reads what this one wrote), a read-modify-write that refuses to overwrite a change newer than
 * `expectedUpdatedAt`, read and write under one budget (core's `readModifyWrite`).
 *
 * @module
 */
import { type CallOptions, createKeyedSerializer, readModifyWrite } from '@hooks/core';
import type { MattermostUpdateOptions } from './types.js';

/** What one kind's update reads and writes. */
export interface HookUpdate<T> {
  operation: 'incoming.update' | 'outgoing.update';
  id: string;
  /** Whether the id may appear in a conflict error (not an incoming hook's: it is the secret of its posting URL). */
  idInErrors: boolean;
  options: MattermostUpdateOptions | undefined;
  read(options: CallOptions): Promise<T>;
  write(current: T, options: CallOptions): Promise<T>;
}

/** The updater of one resource: its serializer lives as long as the client. */
export function hookUpdater(): <T extends { updatedAt: Date }>(update: HookUpdate<T>) => Promise<T> {
  const updates = createKeyedSerializer();
  return ({ operation, id, idInErrors, options, read, write }) => {
    const { expectedUpdatedAt, ...callOptions } = options ?? {};
    return updates.run(id, () =>
      readModifyWrite({
        provider: 'mattermost',
        operation,
        id: idInErrors ? id : undefined,
        options: callOptions,
        read,
        version: (current) => current.updatedAt.getTime(),
        expected: expectedUpdatedAt?.getTime(),
        write,
      }),
    );
  };
}
