import { Inject, Injectable } from '@nestjs/common';
import { DisputeActionCompleted, DisputeReported, DisputeReportedV1, Envelope, EnvelopeOrigin, causedBy, isMessage } from '@payments/contracts';
import { UnprocessableMessageError } from '@payments/messaging';
import { CLOCK, Clock } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { Sql } from '@payments/persistence';
import { OrderCommand } from '../domain/order.commands';
import { OrderError } from '../domain/order.errors';
import { OrderCommandsService } from '../order-commands.service';
import { ORDER_LEDGER_CONFIG, OrderLedgerConfig } from '../order-ledger.config';
import { DisputePaymentsRepository } from './dispute-payments.repository';
import { disputeActionReportOf, disputeReportOf } from './domain/dispute-report';

/**
 * payments.provider-events' DisputeReported and checkout.events' DisputeActionCompleted -> the
 * order's dispute commands. A report that names our order goes to its stream (which keeps it until
 * the order is paid); one that names only the payment goes to the order that payment paid, or,
 * when no order has that payment yet, is kept and applied in the transaction that applies the
 * payment. Never retried in place, never dead-lettered for want of the payment.
 */
@Injectable()
export class DisputeMessagesService {
  private readonly payments = new DisputePaymentsRepository();

  constructor(
    private readonly orders: OrderCommandsService,
    @Inject(ORDER_LEDGER_CONFIG) private readonly config: OrderLedgerConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** False when the message is not about disputes. */
  async handle(sql: Sql, envelope: Envelope): Promise<boolean> {
    if (isMessage(envelope, DisputeReported)) {
      await this.reported(sql, envelope.payload, causedBy(envelope));
      return true;
    }
    if (isMessage(envelope, DisputeActionCompleted)) {
      const { orderId } = envelope.payload;
      await this.run(sql, orderId, { type: 'RecordDisputeAction', data: disputeActionReportOf(envelope.payload) }, causedBy(envelope));
      return true;
    }
    return false;
  }

  private async reported(sql: Sql, message: DisputeReportedV1, origin: EnvelopeOrigin): Promise<void> {
    const report = disputeReportOf(message, this.config.disputeFees);
    const command: OrderCommand = { type: 'RecordDisputeReported', data: report };
    if (message.orderId) return this.run(sql, message.orderId, command, origin);
    await this.payments.lock(sql, message.provider, message.providerPaymentId);
    const orderId = await this.payments.orderOf(sql, message.provider, message.providerPaymentId);
    if (orderId) return this.run(sql, orderId, command, origin);
    await this.payments.awaitPayment(sql, message.provider, report, this.clock.now());
    this.logger.info({ provider: message.provider, disputeId: message.disputeId, providerPaymentId: message.providerPaymentId }, 'dispute kept until its payment is applied');
  }

  private async run(sql: Sql, orderId: string, command: OrderCommand, origin: EnvelopeOrigin): Promise<void> {
    try {
      await this.orders.execute(sql, orderId, command, origin);
    } catch (error) {
      // The order refused the message itself (no retry changes that): dead-lettered at once.
      if (error instanceof OrderError) throw new UnprocessableMessageError(error.code, error.message);
      throw error;
    }
  }
}
