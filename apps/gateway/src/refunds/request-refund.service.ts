import { Inject, Injectable } from '@nestjs/common';
import { RefundRequested, buildMessage } from '@payments/contracts';
import { CLOCK, Clock, IDS, IdGenerator, Outbox } from '@payments/nest-runtime';
import { Sql } from '@payments/persistence';
import { AdminAnswer, AdminActionService } from '../admin/admin-action.service';
import { AuthenticatedUser } from '../auth/token-claims';
import { GatewayError } from '../gateway.error';
import { StoredResponse } from '../idempotency/idempotency.repository';
import { OrderReadModel } from '../orders/order-read-model.repository';
import { refundIdFor, refundRequestHash } from './refund-identity';
import { refundRefusal } from './refund.policy';
import { REFUND_REASON_MAX_LENGTH, RefundAcceptedDto, RefundRequestDto } from './refund-request.dto';
import { redactedFreeText } from '../request-body/client-text';

export interface RefundCommand {
  readonly admin: AuthenticatedUser;
  readonly orderId: string;
  readonly idempotencyKey: string;
  readonly request: RefundRequestDto;
  /** The HTTP request id, carried as the message's correlation id. */
  readonly correlationId: string;
}

export type RefundAnswer = AdminAnswer;

/**
 * Accepts an admin's refund request with Stripe idempotency semantics (AdminActionService): one
 * transaction checks the key, validates against the read model, stores the answer, records the
 * audit entry and enqueues `RefundRequested` on orders.commands in the gateway's outbox, so the
 * record and the message exist together or not at all.
 */
@Injectable()
export class RequestRefundService {
  constructor(
    private readonly actions: AdminActionService,
    private readonly orders: OrderReadModel,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  async request(command: RefundCommand): Promise<RefundAnswer> {
    const orderId = command.orderId.toLowerCase();
    const answer = await this.actions.perform({
      admin: command.admin,
      action: 'refund.request',
      scope: 'refund',
      subject: `order:${orderId}`,
      idempotencyKey: command.idempotencyKey,
      requestHash: refundRequestHash(orderId, command.request),
      // The reason is free text: the audit notes only whether one was given.
      request: { amountMinor: command.request.amountMinor ?? null, reasonGiven: command.request.reason !== undefined },
      correlationId: command.correlationId,
      run: (sql) => this.accept(sql, orderId, command),
    });
    if (!answer.replayed) this.outbox.notify();
    return answer;
  }

  /** Refusals are not stored: the same key may succeed once the order is paid. */
  private async accept(sql: Sql, orderId: string, command: RefundCommand): Promise<StoredResponse> {
    const order = await this.orders.findById(orderId, sql);
    if (!order) throw new GatewayError('ORDER.NOT_FOUND', `no order ${orderId}`);
    const refusal = refundRefusal(order, command.request.amountMinor);
    if (refusal) throw refusal;
    const now = this.clock.now();
    const refundId = refundIdFor(command.admin.id, command.idempotencyKey);
    const { amountMinor, reason } = command.request;
    await this.outbox.enqueue(sql, [{
      topic: RefundRequested.topic,
      envelope: buildMessage(RefundRequested, {
        id: this.ids.uuid(),
        key: orderId,
        origin: { correlationId: command.correlationId },
        occurredAt: now,
        payload: {
          orderId, refundId, requestedBy: command.admin.id, requestedAt: now.toISOString(),
          ...(amountMinor !== undefined ? { amountMinor } : {}),
          ...(reason !== undefined ? { reason: redactedFreeText(reason, REFUND_REASON_MAX_LENGTH) } : {}),
        },
      }),
    }]);
    const body: RefundAcceptedDto = { refundId, orderId, amountMinor: amountMinor ?? null, status: 'requested' };
    return { statusCode: 202, body: JSON.stringify(body) };
  }
}
