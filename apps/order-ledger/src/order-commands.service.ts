import { Inject, Injectable } from '@nestjs/common';
import {
  Contract,
  EnvelopeOrigin,
  OrderFlaggedForReview as OrderFlaggedForReviewMessage,
  OrderPaid as OrderPaidMessage,
  OrderPaymentAttemptFailed as OrderPaymentAttemptFailedMessage,
  OrderExpired as OrderExpiredMessage,
  OrderFailed as OrderFailedMessage,
  OrderPlaced as OrderPlacedMessage,
  OrderRefundFailed as OrderRefundFailedMessage,
  OrderRefunded as OrderRefundedMessage,
  RefundPaymentRequested,
  buildMessage,
  uuidV5,
} from '@payments/contracts';
import { OutboundMessage } from '@payments/messaging';
import { Sql } from '@payments/persistence';
import { CLOCK, Clock, Outbox } from '@payments/nest-runtime';
import { OrderCommand } from './domain/order.commands';
import { decide, evolve } from './domain/order.decider';
import { OrderError } from './domain/order.errors';
import { OrderEvent } from './domain/order.events';
import { OrderState, PlacedOrder, isSettled, refundedMinor } from './domain/order.state';
import { postingsForOrderPaid, postingsForRefund } from './domain/ledger-postings';
import { LedgerRepository } from './ledger.repository';
import { OrderStreamRepository } from './order-stream.repository';
import { UnmatchedFactsBook } from './unmatched/unmatched-facts.book';
import { DisputeBookings } from './disputes/dispute-bookings';
import { DisputePaymentsRepository } from './disputes/dispute-payments.repository';
import { SettlementExpectationsBook } from './reconciliation/settlement-expectations.book';

/** Namespace of the message ids of refund rejections (a fixed random UUID; never change it). */
const REFUND_REJECTION_NAMESPACE = '0b7f4f52-2d1e-4c9a-9a51-6d3c2f1e8a47';

/**
 * Runs one command against one order, in the caller's transaction: load the stream, decide, append
 * at the expected version, book the ledger and invoice for a payment, and enqueue the integration
 * events for orders.events. A concurrent append makes the whole transaction fail and retry.
 */
@Injectable()
export class OrderCommandsService {
  private readonly streams = new OrderStreamRepository();
  private readonly ledger = new LedgerRepository();
  private readonly unmatched = new UnmatchedFactsBook();
  private readonly disputes = new DisputeBookings(this.ledger);
  private readonly disputePayments = new DisputePaymentsRepository();
  private readonly expectations = new SettlementExpectationsBook();

  constructor(
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(sql: Sql, orderId: string, command: OrderCommand, origin: EnvelopeOrigin): Promise<OrderEvent[]> {
    const now = this.clock.now();
    const { state, version } = await this.streams.load(sql, orderId);
    const events = decide(command, state, now);
    if (events.length === 0) return events;
    await this.streams.append(sql, orderId, version, events, { correlationId: origin.correlationId, causationId: origin.causationId ?? null });
    const after = events.reduce(evolve, state);
    const messages: OutboundMessage[] = await this.unmatched.record(sql, orderId, state, events, origin, now);
    for (const event of events) {
      const message = await this.integrationMessage(sql, event, after, origin, now);
      if (message) messages.push(message);
    }
    await this.outbox.enqueue(sql, messages);
    await this.applyDisputesAwaitingPayment(sql, orderId, events, after, origin, now);
    return events;
  }

  /** A payment applied: remembered as this order's, and the disputes that waited for it decided now, in this transaction. */
  private async applyDisputesAwaitingPayment(
    sql: Sql, orderId: string, events: readonly OrderEvent[], order: OrderState, origin: EnvelopeOrigin, now: Date,
  ): Promise<void> {
    const paid = events.find((event) => event.type === 'OrderPaid');
    if (!paid || order.status === 'Initial') return;
    const waiting = await this.disputePayments.paymentApplied(sql, order.provider, paid.data.providerPaymentId, orderId, now);
    for (const report of waiting) await this.execute(sql, orderId, { type: 'RecordDisputeReported', data: report }, origin);
  }

  /**
   * An admin's refund the order refuses (not refundable, more than the remainder): nothing is
   * appended, but the refusal is published as OrderRefundFailed so whoever asked learns why. One
   * message per refund id, however often the request is redelivered.
   */
  async rejectRefund(sql: Sql, orderId: string, refundId: string, refusal: OrderError, origin: EnvelopeOrigin): Promise<void> {
    const { state } = await this.streams.load(sql, orderId);
    if (state.status === 'Initial') throw refusal;
    const now = this.clock.now();
    await this.outbox.enqueue(sql, [{
      topic: OrderRefundFailedMessage.topic,
      envelope: buildMessage(OrderRefundFailedMessage, {
        id: uuidV5(REFUND_REJECTION_NAMESPACE, refundId),
        key: orderId,
        origin,
        occurredAt: now,
        payload: { orderId, userId: state.userId, refundId, reason: `${refusal.code}: ${refusal.message}`.slice(0, 500), failedAt: now.toISOString() },
      }),
    }]);
  }

  private async integrationMessage(sql: Sql, event: OrderEvent, order: OrderState, origin: EnvelopeOrigin, now: Date): Promise<OutboundMessage | null> {
    if (order.status === 'Initial') return null;
    const placed: PlacedOrder = order;
    const key = placed.orderId;
    const envelopeOf = <T>(contract: Contract<T>, payload: T): OutboundMessage => ({
      topic: contract.topic,
      envelope: buildMessage(contract, { key, origin, occurredAt: now, payload }),
    });
    switch (event.type) {
      case 'OrderPlaced':
        return envelopeOf(OrderPlacedMessage, {
          orderId: key, userId: placed.userId, lines: placed.lines, amountMinor: placed.amountMinor, currency: placed.currency,
          breakdown: placed.breakdown, provider: placed.provider, placedAt: event.data.placedAt,
        });
      case 'OrderPaid': {
        await this.ledger.post(sql, `payment:${event.data.providerPaymentId}`, key, postingsForOrderPaid({ totalMinor: placed.amountMinor, taxMinor: placed.breakdown.taxMinor, currency: placed.currency }), now);
        await this.expectations.paymentBooked(sql, placed, event.data.providerPaymentId, event.data.paidAt);
        const invoiceNumber = await this.ledger.issueInvoice(
          sql, { orderId: key, amountMinor: placed.amountMinor, taxMinor: placed.breakdown.taxMinor, currency: placed.currency }, now,
        );
        return envelopeOf(OrderPaidMessage, {
          orderId: key, userId: placed.userId, lines: placed.lines, amountMinor: placed.amountMinor, currency: placed.currency,
          provider: placed.provider, providerPaymentId: event.data.providerPaymentId, invoiceNumber, paidAt: event.data.paidAt,
        });
      }
      case 'PaymentAttemptFailed':
        return envelopeOf(OrderPaymentAttemptFailedMessage, {
          orderId: key, userId: placed.userId, reason: event.data.reason, failedAt: event.data.failedAt,
        });
      case 'OrderFlaggedForReview':
        return envelopeOf(OrderFlaggedForReviewMessage, {
          orderId: key, userId: placed.userId, reason: event.data.reason, flaggedAt: event.data.flaggedAt,
        });
      case 'RefundRequested': {
        // Accepted against the remainder: checkout makes the provider call, keyed by the refund id.
        if (!isSettled(placed)) return null;
        const { refundId, amountMinor, currency, requestedAt } = event.data;
        return envelopeOf(RefundPaymentRequested, { orderId: key, refundId, providerPaymentId: placed.providerPaymentId, amountMinor, currency, requestedAt });
      }
      case 'RefundSucceeded': {
        if (!isSettled(placed)) return null;
        const { refundId, amountMinor, currency, succeededAt } = event.data;
        const refundedSoFar = refundedMinor(placed);
        const totals = { totalMinor: placed.amountMinor, taxMinor: placed.breakdown.taxMinor, currency };
        await this.ledger.post(sql, `refund:${refundId}`, key, postingsForRefund({ ...totals, refundMinor: amountMinor, alreadyRefundedMinor: refundedSoFar - amountMinor }), now);
        await this.expectations.refundBooked(sql, placed, { refundId, amountMinor, succeededAt });
        return envelopeOf(OrderRefundedMessage, {
          orderId: key, userId: placed.userId, refundId, amountMinor, refundedMinor: refundedSoFar, remainingMinor: placed.amountMinor - refundedSoFar,
          currency, fullyRefunded: refundedSoFar === placed.amountMinor, refundedAt: succeededAt,
        });
      }
      case 'OrderFailed':
        return envelopeOf(OrderFailedMessage, { orderId: key, userId: placed.userId, reason: event.data.reason.slice(0, 500), failedAt: event.data.failedAt });
      case 'OrderExpired':
        return envelopeOf(OrderExpiredMessage, { orderId: key, userId: placed.userId, expiredAt: event.data.expiredAt });
      case 'RefundFailed':
        return envelopeOf(OrderRefundFailedMessage, {
          orderId: key, userId: placed.userId, refundId: event.data.refundId, reason: event.data.reason, failedAt: event.data.failedAt,
        });
      default:
        return this.disputes.book(sql, event, placed, origin, now);
    }
  }
}
