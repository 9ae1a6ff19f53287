import { HooksError, type HooksErrorOptions } from '../errors.js';

/** Why a delivery was refused, each with the HTTP status the receiver answers. */
export type DeliveryErrorReason =
  | 'method-not-allowed'
  | 'too-large'
  | 'unsupported-media-type'
  | 'bad-request'
  | 'unauthorized'
  | 'not-found';

/** The HTTP status of each {@link DeliveryErrorReason}. */
export const deliveryErrorStatus: Readonly<Record<DeliveryErrorReason, number>> = {
  'method-not-allowed': 405,
  'too-large': 413,
  'unsupported-media-type': 415,
  'bad-request': 400,
  unauthorized: 401,
  'not-found': 404,
};

/** Options of {@link DeliveryError}. */
export interface DeliveryErrorOptions extends HooksErrorOptions {
  /** Why the delivery was refused. */
  reason: DeliveryErrorReason;
}

/**
 * A delivery was refused before any handler ran: wrong method, too large, wrong content type,
 * malformed or of the wrong shape, or not authentic. `status` is what the receiver answers.
 * The message names the problem (for a shape problem, the first offending field), never a value.
 *
 * @example
 * ```ts
 * try { await receiver.parse(request); }
 * catch (error) { if (DeliveryError.isInstance(error)) console.warn(error.status, error.message); }
 * ```
 */
export class DeliveryError extends HooksError {
  /** The stable class name used by `isInstance`. */
  static override readonly errorName: string = 'DeliveryError';
  /** Why the delivery was refused. */
  readonly reason: DeliveryErrorReason;
  /** The HTTP status the receiver answers with. */
  readonly status: number;

  constructor(message: string, options: DeliveryErrorOptions) {
    super(message, options);
    this.reason = options.reason;
    this.status = deliveryErrorStatus[options.reason];
  }
}
