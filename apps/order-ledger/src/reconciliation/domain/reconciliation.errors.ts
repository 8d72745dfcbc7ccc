/** Why reconciliation refused a request or a message. */
export type ReconciliationErrorCode =
  /** A provider name that is neither `stripe` nor `cashfree`. */
  | 'RECONCILIATION.INVALID_PROVIDER'
  /** A settlement day that is not a calendar day as `YYYY-MM-DD`, or lies in the future. */
  | 'RECONCILIATION.INVALID_DATE'
  /** A listing filter (kind, status, limit, format) with a value it does not know. */
  | 'RECONCILIATION.INVALID_QUERY'
  /** No run with this id, or no run of this provider and day. */
  | 'RECONCILIATION.NOT_FOUND'
  /** A command a run cannot take in its status (see RUN_TRANSITIONS). */
  | 'RECONCILIATION.INVALID_TRANSITION'
  /** The parts of one run disagree on how many there are, or a part number lies outside them. */
  | 'RECONCILIATION.INCONSISTENT_PARTS';

export class ReconciliationError extends Error {
  constructor(
    readonly code: ReconciliationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReconciliationError';
  }
}
