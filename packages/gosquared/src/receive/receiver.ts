import { InputError } from '@hooks/core';
import { createDeliveryReceiver, type DeliveryReceiver, type DeliveryReceiverOptions, secretSet } from '@hooks/core/receive';
import { type GoSquaredDelivery, goSquaredDeliverySchema } from './delivery.js';

/** Settings of {@link createGoSquaredReceiver}. */
export interface GoSquaredReceiverOptions extends DeliveryReceiverOptions {
  /**
   * Your site tokens (`GSN-…`). When given, a delivery that names a site (`site_token` of a chat
   * message, `siteDetails.acct` of a traffic alert) must name one of these (401 otherwise).
   * Smart Group deliveries name no site: protect them with a secret path or query token.
   */
  siteTokens?: readonly string[] | undefined;
}

/** A receiver of GoSquared webhook deliveries. */
export type GoSquaredReceiver = DeliveryReceiver<GoSquaredDelivery>;

function siteOf(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as { site_token?: unknown; siteDetails?: { acct?: unknown } };
  if (record.site_token !== undefined) return record.site_token;
  return typeof record.siteDetails === 'object' && record.siteDetails !== null ? record.siteDetails.acct : undefined;
}

/**
 * Receives GoSquared webhook deliveries and infers each one's event from its keys: traffic
 * spike or dip (by `boundary`), chat message, Smart Group enter or exit.
 *
 * GoSquared does not sign deliveries: a secret path segment or query token in the callback URL
 * (and the site-token check) is the only authenticity check it allows.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when an option is invalid.
 * @example
 * ```ts
 * const receiver = createGoSquaredReceiver({ queryTokens: [process.env.GS_HOOK_SECRET!], siteTokens: ['GSN-123456-X'] });
 * receiver.on('traffic_spike', (event) => console.log(`${event.concurrents} visitors`));
 * http.createServer(receiver.node).listen(3000);
 * ```
 */
export function createGoSquaredReceiver(options: GoSquaredReceiverOptions = {}): GoSquaredReceiver {
  const { siteTokens, ...rest } = options;
  if (siteTokens !== undefined && (!Array.isArray(siteTokens) || siteTokens.some((token) => typeof token !== 'string' || token === ''))) {
    throw new InputError('[gosquared] receiver: invalid "siteTokens": must be an array of non-empty strings', {
      provider: 'gosquared',
      operation: 'receiver',
      field: 'siteTokens',
    });
  }
  const sites = siteTokens === undefined ? undefined : secretSet(siteTokens);
  return createDeliveryReceiver<GoSquaredDelivery>(
    {
      provider: 'gosquared',
      mediaTypes: ['application/json'],
      schema: goSquaredDeliverySchema,
      authenticate: ({ body }) => {
        if (sites === undefined) return true;
        const site = siteOf(body);
        if (site === undefined) return true;
        return sites.matches(typeof site === 'string' ? site : undefined);
      },
      deliveryId: (delivery) => {
        if (delivery.event === 'chat_message') return delivery.message.id;
        if (delivery.event === 'traffic_spike' || delivery.event === 'traffic_dip') {
          return `${delivery.alert.id}:${delivery.time?.getTime() ?? ''}`;
        }
        return undefined;
      },
    },
    rest,
  );
}
