/** Why the order aggregate refused a command. */
export type OrderErrorCode =
  /** PlaceOrder on a stream that already has an order. */
  | 'ORDER.ALREADY_PLACED'
  /** Any other command before PlaceOrder. For provider events this is a race between topics: retry. */
  | 'ORDER.NOT_FOUND'
  /** PlaceOrder whose lines, breakdown, amount or currency do not add up. */
  | 'ORDER.INVALID_ORDER'
  /** The command cannot apply in the order's current status (see TRANSITIONS). */
  | 'ORDER.INVALID_TRANSITION'
  /** A refund on an order that is not paid, or already fully refunded. */
  | 'ORDER.NOT_REFUNDABLE'
  /** A refund amount that is not a positive safe integer. */
  | 'ORDER.INVALID_AMOUNT'
  /** A refund larger than paid - refunded - pending refunds. */
  | 'ORDER.REFUND_EXCEEDS_REMAINDER'
  /** A refund id reused with a different amount. */
  | 'ORDER.REFUND_CONFLICT'
  /** A refund outcome for a refund id this order never requested. */
  | 'ORDER.REFUND_NOT_FOUND'
  /** A refund outcome whose amount differs from the amount requested. */
  | 'ORDER.REFUND_AMOUNT_MISMATCH'
  /** A dispute action's outcome for a dispute this order has no record of. */
  | 'ORDER.DISPUTE_NOT_FOUND';

export class OrderError extends Error {
  constructor(
    readonly code: OrderErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OrderError';
  }
}
