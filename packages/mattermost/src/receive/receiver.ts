import { InputError } from '@hooks/core';
import { createDeliveryReceiver, type DeliveryReceiver, type DeliveryReceiverOptions, secretSet } from '@hooks/core/receive';
import { type MattermostReply, replyToWire } from '../message.js';
import { type MattermostDelivery, mattermostDeliverySchema } from './delivery.js';

/** Settings of {@link createMattermostReceiver}. */
export interface MattermostReceiverOptions extends DeliveryReceiverOptions {
  /**
   * The outgoing hooks' tokens (several while rotating with `regenToken`). A delivery whose
   * `token` matches none is answered 401 and reaches no handler. Compared in constant time.
   */
  tokens: readonly string[];
}

/** A receiver of Mattermost outgoing-webhook deliveries; handlers may return a {@link MattermostReply}. */
export type MattermostReceiver = DeliveryReceiver<MattermostDelivery, MattermostReply>;

/**
 * Receives Mattermost outgoing-webhook deliveries (form or JSON), checks the hook token in
 * constant time, and posts a handler's reply back the way Mattermost expects it.
 *
 * Mattermost does not sign deliveries: the token (plus, optionally, a secret path segment or
 * query token in the callback URL) is the only authenticity check it allows.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when `tokens` is empty or an option is invalid.
 * @example
 * ```ts
 * const receiver = createMattermostReceiver({ tokens: [process.env.MM_HOOK_TOKEN!] });
 * receiver.on('outgoing', (event) => ({ text: `Deploying ${event.text}`, responseType: 'comment' }));
 * http.createServer(receiver.node).listen(3000);
 * ```
 */
export function createMattermostReceiver(options: MattermostReceiverOptions): MattermostReceiver {
  const list = options?.tokens;
  if (!Array.isArray(list) || list.length === 0 || list.some((token) => typeof token !== 'string' || token === '')) {
    throw new InputError('[mattermost] receiver: invalid "tokens": must be a non-empty array of non-empty strings', {
      provider: 'mattermost',
      operation: 'receiver',
      field: 'tokens',
    });
  }
  const tokens = secretSet(list);
  const { tokens: _tokens, ...rest } = options;
  return createDeliveryReceiver<MattermostDelivery, MattermostReply>(
    {
      provider: 'mattermost',
      mediaTypes: ['application/x-www-form-urlencoded', 'application/json'],
      schema: mattermostDeliverySchema,
      authenticate: ({ body }) => {
        const token = typeof body === 'object' && body !== null ? (body as { token?: unknown }).token : undefined;
        return tokens.matches(typeof token === 'string' ? token : undefined);
      },
      deliveryId: (delivery) => (delivery.postId === '' ? undefined : delivery.postId),
      reply: (reply) => ({ body: JSON.stringify(replyToWire(reply)), contentType: 'application/json' }),
    },
    rest,
  );
}
