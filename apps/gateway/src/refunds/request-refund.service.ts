import { Inject, Injectable } from '@nestjs/common';
import { RefundRequested, buildMessage } from '@payments/contracts';
import { CLOCK, Clock, DATABASE, IDS, IdGenerator, Outbox } from '@payments/nest-runtime';
import { Database, Sql } from '@payments/persistence';
import { AuthenticatedUser } from '../auth/token-claims';
import { GatewayError } from '../gateway.error';
import { IdempotencyRepository, IdempotencyScope, StoredResponse } from '../idempotency/idempotency.repository';
import { OrderReadModel } from '../orders/order-read-model.repository';
import { refundIdFor, refundRequestHash } from './refund-identity';
import { refundRefusal } from './refund.policy';
import { RefundAcceptedDto, RefundRequestDto } from './refund-request.dto';

export interface RefundCommand {
  readonly admin: AuthenticatedUser;
  readonly orderId: string;
  readonly idempotencyKey: string;
  readonly request: RefundRequestDto;
  /** The HTTP request id, carried as the message's correlation id. */
  readonly correlationId: string;
}

export interface RefundAnswer extends StoredResponse {
  /** True when this is the stored answer to an earlier request with the same key. */
  readonly replayed: boolean;
}

/**
 * Accepts an admin's refund request with Stripe idempotency semantics: one transaction checks the
 * key, validates against the read model, stores the answer and enqueues `RefundRequested` on
 * orders.commands in the gateway's outbox, so the record and the message exist together or not at all.
 */
@Injectable()
export class RequestRefundService {
  private readonly idempotency = new IdempotencyRepository();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly orders: OrderReadModel,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  async request(command: RefundCommand): Promise<RefundAnswer> {
    const orderId = command.orderId.toLowerCase();
    const key: IdempotencyScope = { scope: 'refund', principal: command.admin.id, key: command.idempotencyKey };
    const requestHash = refundRequestHash(orderId, command.request);
    const answer = await this.db.transaction(async (sql): Promise<RefundAnswer> => {
      if (!(await this.idempotency.tryLock(sql, key))) {
        throw new GatewayError('IDEMPOTENCY.IN_FLIGHT', 'a request with this Idempotency-Key is still being processed; retry shortly');
      }
      const stored = await this.idempotency.find(sql, key);
      if (stored) {
        if (stored.requestHash !== requestHash) {
          throw new GatewayError('IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was used with a different request');
        }
        return { statusCode: stored.statusCode, body: stored.body, replayed: true };
      }
      const response = await this.accept(sql, orderId, command);
      await this.idempotency.save(sql, key, { ...response, requestHash }, this.clock.now());
      return { ...response, replayed: false };
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
          ...(reason !== undefined ? { reason } : {}),
        },
      }),
    }]);
    const body: RefundAcceptedDto = { refundId, orderId, amountMinor: amountMinor ?? null, status: 'requested' };
    return { statusCode: 202, body: JSON.stringify(body) };
  }
}
