/** Why an entitlement decision was refused. */
export type EntitlementErrorCode =
  /** A status change the transition table does not allow (see TRANSITIONS). */
  | 'ENTITLEMENT.INVALID_TRANSITION'
  /** A subscription fact about an entitlement that is not a subscription's. */
  | 'ENTITLEMENT.NOT_A_SUBSCRIPTION'
  /** A dispute fact about an entitlement that is not a one-time order's. */
  | 'ENTITLEMENT.NOT_AN_ORDER';

export class EntitlementError extends Error {
  constructor(
    readonly code: EntitlementErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EntitlementError';
  }
}
