import { Inject, Optional } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CheckoutOpened, Envelope, PaymentAttemptFailed, PaymentSessionClosed, PaymentSucceeded, RefundFailed, RefundRequested, RefundSucceeded, Topics, causedBy, isMessage,
} from '@payments/contracts';
import { HandlerContext, UnprocessableMessageError } from '@payments/messaging';
import { ConsumerHandler, InboxHandlers } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { OrderCommand } from './domain/order.commands';
import { OrderError } from './domain/order.errors';
import { OrderCommandsService } from './order-commands.service';
import { DisputeMessagesService } from './disputes/dispute-messages.service';
import { ReconciliationMessagesHandler } from './reconciliation/reconciliation-messages.handler';
import { SubscriptionError } from './subscriptions/domain/subscription.decider';
import { SubscriptionCommandsService } from './subscriptions/subscription-commands.service';
import { subscriptionCommandFor } from './subscriptions/subscription.routing';

/** checkout.events, payments.provider-events and orders.commands -> commands on the order aggregate. */
export function commandFor(envelope: Envelope): { orderId: string; command: OrderCommand } | null {
  if (isMessage(envelope, CheckoutOpened)) {
    const opened = envelope.payload;
    return {
      orderId: opened.orderId,
      command: {
        type: 'PlaceOrder',
        data: {
          orderId: opened.orderId, userId: opened.userId, lines: opened.lines, amountMinor: opened.amountMinor,
          currency: opened.currency, breakdown: opened.breakdown, provider: opened.provider, providerReference: opened.providerReference,
        },
      },
    };
  }
  if (isMessage(envelope, PaymentSucceeded)) {
    const { orderId, providerEventId, providerPaymentId, amountMinor, currency, succeededAt } = envelope.payload;
    return { orderId, command: { type: 'RecordPaymentSucceeded', data: { providerEventId, providerPaymentId, amountMinor, currency, succeededAt } } };
  }
  if (isMessage(envelope, PaymentAttemptFailed)) {
    const { orderId, providerEventId, providerPaymentId, reason, failedAt } = envelope.payload;
    return { orderId, command: { type: 'RecordPaymentAttemptFailed', data: { providerEventId, providerPaymentId, reason, failedAt } } };
  }
  if (isMessage(envelope, PaymentSessionClosed)) {
    const { orderId, providerEventId, reason } = envelope.payload;
    return { orderId, command: { type: 'FailOrder', data: { reason, providerEventId } } };
  }
  if (isMessage(envelope, RefundRequested)) {
    const { orderId, refundId, amountMinor } = envelope.payload;
    return { orderId, command: { type: 'RequestRefund', data: amountMinor === undefined ? { refundId } : { refundId, amountMinor } } };
  }
  if (isMessage(envelope, RefundSucceeded)) {
    const { orderId, refundId, amountMinor } = envelope.payload;
    return { orderId, command: { type: 'RecordRefundSucceeded', data: { refundId, amountMinor } } };
  }
  if (isMessage(envelope, RefundFailed)) {
    const { orderId, refundId, reason } = envelope.payload;
    return { orderId, command: { type: 'RecordRefundFailed', data: { refundId, reason } } };
  }
  return null;
}

/**
 * What the consumer should do with a command the order refused. Provider facts are never refused
 * for want of an order (they wait on the stream), so every refusal left (another session for a
 * placed order, a refund for an unknown order or one that contradicts it) is one no retry changes:
 * an UnprocessableMessageError, dead-lettered at once. Anything else (a concurrent append) is retried.
 */
export function handlerFailure(error: unknown): unknown {
  if (error instanceof OrderError || error instanceof SubscriptionError) return new UnprocessableMessageError(error.code, error.message);
  return error;
}

/** A refund request the order turns down for a reason the requester should hear (not a conflict). */
const REFUSED_REFUND_CODES: ReadonlySet<string> = new Set(['ORDER.NOT_REFUNDABLE', 'ORDER.REFUND_EXCEEDS_REMAINDER', 'ORDER.INVALID_AMOUNT']);

export function isRefusedRefund(error: unknown): error is OrderError {
  return error instanceof OrderError && REFUSED_REFUND_CODES.has(error.code);
}

@InboxHandlers()
export class OrderLedgerHandler implements ConsumerHandler {
  constructor(
    private readonly orders: OrderCommandsService,
    private readonly subscriptions: SubscriptionCommandsService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly disputes: DisputeMessagesService,
    @Optional() private readonly reconciliation?: ReconciliationMessagesHandler,
  ) {}

  @EventPattern([Topics.checkoutEvents, Topics.providerEvents, Topics.ordersCommands, Topics.settlementReports])
  async handle(@Payload() envelope: Envelope, @Ctx() { sql }: HandlerContext): Promise<void> {
    if (await this.disputes.handle(sql, envelope)) return;
    // Settlement reports and payouts; refund outcomes pass on to the order once their provider id is noted.
    if (await this.reconciliation?.handle(envelope, sql)) return;
    const forSubscription = subscriptionCommandFor(envelope);
    if (forSubscription) {
      await this.subscriptions.execute(sql, forSubscription.subscriptionId, forSubscription.command, causedBy(envelope)).catch((error: unknown) => {
        throw handlerFailure(error);
      });
      return;
    }
    const routed = commandFor(envelope);
    if (!routed) return;
    const { command } = routed;
    const events = await this.orders.execute(sql, routed.orderId, command, causedBy(envelope)).catch(async (error: unknown) => {
      if (command.type !== 'RequestRefund' || !isRefusedRefund(error)) throw handlerFailure(error);
      // The gateway checked its read model; the order, counting pending refunds, has the last word.
      await this.orders.rejectRefund(sql, routed.orderId, command.data.refundId, error, causedBy(envelope));
      this.logger.warn({ orderId: routed.orderId, refundId: command.data.refundId, code: error.code }, 'refund refused by the order');
      return null;
    });
    if (events === null) return;
    // A new message saying what the order already records (the same session reported again, a
    // payment event seen before): applied as a no-op, nothing appended.
    if (events.length === 0) {
      this.logger.info(
        { orderId: routed.orderId, command: routed.command.type, messageId: envelope.id, messageType: envelope.type },
        'order already records this message; nothing appended',
      );
    }
  }
}
