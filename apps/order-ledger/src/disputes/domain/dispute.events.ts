import type { DisputeActionCompletedV1 } from '@payments/contracts';

type Event<Type extends string, Data> = Readonly<{ type: Type; data: Readonly<Data> }>;

/** Where one dispute of an order stands. `none`: only status updates of it came, no opening yet. */
export type DisputeStage = 'none' | 'opened' | 'won' | 'lost';

/** A provider's report about one dispute (webhook-ingest's DisputeReported), as the order decides on it. */
export interface DisputeReport {
  readonly providerEventId: string;
  readonly disputeId: string;
  readonly providerPaymentId: string;
  readonly stage: 'opened' | 'updated' | 'won' | 'lost';
  /** The provider's own status (`needs_response`, `CHARGEBACK_CREATED`). */
  readonly status: string;
  readonly amountMinor: number;
  readonly currency: string;
  /** The fee to book when the dispute opens: the one the provider stated, else the configured one (0: none). */
  readonly feeMinor: number;
  /** An inquiry / retrieval request: recorded, no money moves. */
  readonly inquiry: boolean;
  readonly reasonCode?: string;
  readonly respondBy?: string;
  readonly reportedAt: string;
}

/** What checkout's call for an admin's dispute action came to (DisputeActionCompleted, less what the stream already says). */
export type DisputeActionReport = Omit<DisputeActionCompletedV1, 'orderId' | 'provider'>;

/** One dispute as the order knows it. */
export interface DisputeRecord {
  readonly disputeId: string;
  readonly stage: DisputeStage;
  readonly providerPaymentId: string;
  /** The provider's latest status. */
  readonly status: string;
  /** Disputed (withdrawn, unless an inquiry). */
  readonly amountMinor: number;
  readonly currency: string;
  /** The dispute fee booked when it opened. */
  readonly feeMinor: number;
  readonly inquiry: boolean;
  readonly respondBy?: string;
  readonly seenProviderEventIds: readonly string[];
  readonly actions: readonly Omit<DisputeActionReport, 'disputeId'>[];
}

interface DisputeSubject {
  orderId: string;
  disputeId: string;
  providerEventId: string;
  status: string;
}

/** The dispute opened: its amount is withdrawn and its fee booked (an inquiry books nothing). */
export type DisputeOpened = Event<
  'DisputeOpened',
  DisputeSubject & {
    providerPaymentId: string; amountMinor: number; currency: string; feeMinor: number; inquiry: boolean;
    reasonCode?: string; respondBy?: string; openedAt: string;
  }
>;
/** An open dispute changed at the provider (evidence received, under review): the status only. */
export type DisputeStatusRecorded = Event<'DisputeStatusRecorded', DisputeSubject & { providerPaymentId: string; recordedAt: string }>;
/** Closed in our favour: the withdrawn amount is reinstated. */
export type DisputeWon = Event<'DisputeWon', DisputeSubject & { amountMinor: number; currency: string; inquiry: boolean; wonAt: string }>;
/** Closed against us (or accepted): the withdrawn amount is gone for good. */
export type DisputeLost = Event<'DisputeLost', DisputeSubject & { amountMinor: number; currency: string; inquiry: boolean; lostAt: string }>;
/** The opposite outcome of a dispute already closed: kept for audit, never applied. */
export type LateDisputeOutcomeRecorded = Event<
  'LateDisputeOutcomeRecorded',
  DisputeSubject & { outcome: 'won' | 'lost'; stageOnArrival: DisputeStage; recordedAt: string }
>;
/** An admin's action on the dispute, as the provider answered it. */
export type DisputeActionRecorded = Event<'DisputeActionRecorded', DisputeActionReport & { orderId: string; recordedAt: string }>;

export type DisputeEvent = DisputeOpened | DisputeStatusRecorded | DisputeWon | DisputeLost | LateDisputeOutcomeRecorded | DisputeActionRecorded;

const DISPUTE_EVENT_TYPES: ReadonlySet<string> = new Set<DisputeEvent['type']>([
  'DisputeOpened', 'DisputeStatusRecorded', 'DisputeWon', 'DisputeLost', 'LateDisputeOutcomeRecorded', 'DisputeActionRecorded',
]);

export const isDisputeEvent = (event: { type: string }): event is DisputeEvent => DISPUTE_EVENT_TYPES.has(event.type);
