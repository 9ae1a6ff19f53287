/**
 * `@hooks/core/receive`: the one mechanism behind every provider's receiver. Runtime-neutral
 * (Web APIs only): `fetch(request)` for Web-standard servers, `node(req, res)` for `node:http`
 * and Express (typed structurally, `node:http` is never imported).
 *
 * @packageDocumentation
 */
export { type DeliveryMediaType, decodeBody, defaultMaxDeliveryBytes, mediaTypeOf, readCappedText } from './receive/body.js';
export { type SecretSet, secretSet } from './receive/compare.js';
export { DeliveryError, type DeliveryErrorOptions, type DeliveryErrorReason, deliveryErrorStatus } from './receive/errors.js';
export { type NodeRequestLike, type NodeResponseLike, requestFromNode, writeToNode } from './receive/node.js';
export { createDeliveryReceiver, internalError, refusal } from './receive/receiver.js';
export { memorySeenStore } from './receive/seen.js';
export type {
  DeliveryAnswer,
  DeliveryBase,
  DeliveryContext,
  DeliveryErrorHandler,
  DeliveryFormat,
  DeliveryHandler,
  DeliveryOf,
  DeliveryReceiver,
  DeliveryReceiverOptions,
  DeliverySecretOptions,
  SeenStore,
} from './receive/types.js';
