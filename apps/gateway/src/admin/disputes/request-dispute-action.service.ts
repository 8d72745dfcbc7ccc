import { Injectable } from '@nestjs/common';
import { DisputeActionRequested, buildMessage } from '@payments/contracts';
import { CLOCK, Clock, IDS, IdGenerator, Outbox } from '@payments/nest-runtime';
import { Inject } from '@nestjs/common';
import { Sql } from '@payments/persistence';
import { AuthenticatedUser } from '../../auth/token-claims';
import { GatewayError } from '../../gateway.error';
import { StoredResponse } from '../../idempotency/idempotency.repository';
import { redactedFreeText } from '../../request-body/client-text';
import { AdminAnswer, AdminActionService } from '../admin-action.service';
import { ServiceHttpClient } from '../service-http.client';
import { disputeActionRequestHash, disputeActionRequestIdFor } from './dispute-action-identity';
import { DisputeActionAcceptedDto, EXPLANATION_MAX_LENGTH } from './dispute-action.dto';

export interface DisputeActionCommand {
  readonly admin: AuthenticatedUser;
  readonly orderId: string;
  readonly disputeId: string;
  readonly action: 'accept' | 'submit-evidence';
  readonly explanation?: string;
  readonly idempotencyKey: string;
  /** The HTTP request id, carried as the message's correlation id. */
  readonly correlationId: string;
}

/** order-ledger's `GET /orders/:id/disputes`, as far as the gateway reads it. */
interface OrderDisputes {
  readonly provider: 'stripe' | 'cashfree';
  readonly disputes: readonly { readonly disputeId: string; readonly stage: 'none' | 'opened' | 'won' | 'lost' }[];
}

/**
 * An admin's action on a dispute (accept it, or submit evidence), idempotent and audited like every
 * admin action: one transaction checks the key, asks order-ledger (whose stream decides disputes)
 * that the dispute exists and is open, stores the answer, records the audit entry and enqueues
 * `DisputeActionRequested` on checkout.commands, which makes every provider call.
 */
@Injectable()
export class RequestDisputeActionService {
  constructor(
    private readonly actions: AdminActionService,
    private readonly services: ServiceHttpClient,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  async request(command: DisputeActionCommand): Promise<AdminAnswer> {
    const orderId = command.orderId.toLowerCase();
    const answer = await this.actions.perform({
      admin: command.admin,
      action: `dispute.${command.action}`,
      scope: 'dispute-action',
      subject: `order:${orderId}`,
      idempotencyKey: command.idempotencyKey,
      requestHash: disputeActionRequestHash(orderId, command.disputeId, command.action, command.explanation),
      // The explanation is free text: the audit notes only the dispute and whether one was given.
      request: { disputeId: command.disputeId, explanationGiven: command.explanation !== undefined },
      correlationId: command.correlationId,
      run: (sql) => this.accept(sql, orderId, command),
    });
    if (!answer.replayed) this.outbox.notify();
    return answer;
  }

  /** Refusals are not stored: the same key may succeed later. */
  private async accept(sql: Sql, orderId: string, command: DisputeActionCommand): Promise<StoredResponse> {
    const order = await this.services.json<OrderDisputes>('order-ledger', `/orders/${orderId}/disputes`);
    if (!order) throw new GatewayError('ORDER.NOT_FOUND', `no order ${orderId}`);
    const dispute = order.disputes.find((candidate) => candidate.disputeId === command.disputeId);
    if (!dispute || dispute.stage === 'none') throw new GatewayError('DISPUTE.NOT_FOUND', `order ${orderId} has no dispute ${command.disputeId}`);
    if (dispute.stage !== 'opened') throw new GatewayError('DISPUTE.CLOSED', `dispute ${command.disputeId} is already ${dispute.stage}`);
    const now = this.clock.now();
    const requestId = disputeActionRequestIdFor(command.admin.id, command.idempotencyKey);
    await this.outbox.enqueue(sql, [{
      topic: DisputeActionRequested.topic,
      envelope: buildMessage(DisputeActionRequested, {
        id: this.ids.uuid(),
        key: orderId,
        origin: { correlationId: command.correlationId },
        occurredAt: now,
        payload: {
          requestId, orderId, provider: order.provider, disputeId: command.disputeId, action: command.action,
          ...(command.explanation !== undefined ? { explanation: redactedFreeText(command.explanation, EXPLANATION_MAX_LENGTH) } : {}),
          requestedBy: command.admin.id, requestedAt: now.toISOString(),
        },
      }),
    }]);
    const body: DisputeActionAcceptedDto = { requestId, orderId, disputeId: command.disputeId, action: command.action, status: 'requested' };
    return { statusCode: 202, body: JSON.stringify(body) };
  }
}
