import { EnvelopeOrigin, OrderDisputeChanged, buildMessage } from '@payments/contracts';
import { OutboundMessage } from '@payments/messaging';
import { Sql } from '@payments/persistence';
import { postingsForDisputeFee, postingsForDisputeReinstated, postingsForDisputeWithdrawn } from '../domain/ledger-postings';
import { OrderEvent } from '../domain/order.events';
import { PlacedOrder } from '../domain/order.state';
import { LedgerRepository } from '../ledger.repository';
import { DisputeLost, DisputeOpened, DisputeWon } from './domain/dispute.events';

/** Journal ids of a dispute's money: derived from the provider's dispute id, so each is booked once (reconciliation may book the fee first). */
export const disputeJournalIds = (disputeId: string) => ({
  withdrawn: `dispute:${disputeId}:withdrawn`,
  fee: `dispute-fee:${disputeId}`,
  reinstated: `dispute:${disputeId}:reinstated`,
});

type MovingMoney = DisputeOpened | DisputeWon | DisputeLost;

/**
 * A dispute event's money, in the transaction that appends it: the withdrawal and the fee when it
 * opens, the reinstatement when it is won (an inquiry books nothing), and OrderDisputeChanged on
 * orders.events for entitlements, the gateway and the LMS.
 */
export class DisputeBookings {
  constructor(private readonly ledger = new LedgerRepository()) {}

  /** The message to publish for `event`, after booking it; null for events that move no money. */
  async book(sql: Sql, event: OrderEvent, order: PlacedOrder, origin: EnvelopeOrigin, now: Date): Promise<OutboundMessage | null> {
    if (event.type !== 'DisputeOpened' && event.type !== 'DisputeWon' && event.type !== 'DisputeLost') return null;
    if (event.data.inquiry) return null;
    const { disputeId, currency } = event.data;
    const journals = disputeJournalIds(disputeId);
    if (event.type === 'DisputeOpened') {
      await this.ledger.postOnce(sql, journals.withdrawn, order.orderId, postingsForDisputeWithdrawn(event.data.amountMinor, currency), now);
      if (event.data.feeMinor > 0) await this.ledger.postOnce(sql, journals.fee, order.orderId, postingsForDisputeFee(event.data.feeMinor, currency), now);
    }
    if (event.type === 'DisputeWon') {
      await this.ledger.postOnce(sql, journals.reinstated, order.orderId, postingsForDisputeReinstated(event.data.amountMinor, currency), now);
    }
    return changedMessage(event, order, origin, now);
  }
}

const STAGE_OF = { DisputeOpened: 'opened', DisputeWon: 'won', DisputeLost: 'lost' } as const;

function changedMessage(event: MovingMoney, order: PlacedOrder, origin: EnvelopeOrigin, now: Date): OutboundMessage {
  const { disputeId, amountMinor, currency } = event.data;
  const feeMinor = order.disputes.find((dispute) => dispute.disputeId === disputeId)?.feeMinor ?? 0;
  const changedAt = event.type === 'DisputeOpened' ? event.data.openedAt : event.type === 'DisputeWon' ? event.data.wonAt : event.data.lostAt;
  return {
    topic: OrderDisputeChanged.topic,
    envelope: buildMessage(OrderDisputeChanged, {
      key: order.orderId,
      origin,
      occurredAt: now,
      payload: {
        orderId: order.orderId, userId: order.userId, disputeId, provider: order.provider, stage: STAGE_OF[event.type], amountMinor, currency, feeMinor, changedAt,
      },
    }),
  };
}
