import { Inject, Injectable } from '@nestjs/common';
import { EntitlementGranted, EntitlementRevoked, EntitlementValidityChanged, EnvelopeOrigin, buildMessage } from '@payments/contracts';
import { OutboundMessage } from '@payments/messaging';
import { IDS, IdGenerator, Outbox } from '@payments/nest-runtime';
import { Sql } from '@payments/persistence';
import { AccessDecision, AccessMessage, Entitlement } from '../domain/entitlement';
import { EntitlementMetrics } from './entitlement.metrics';
import { EntitlementsRepository } from './entitlements.repository';

/**
 * Writes what a decision changed in the caller's transaction: the entitlement, its change log row,
 * and the LMS message in the outbox, keyed by user id. A decision that changed nothing writes nothing.
 */
@Injectable()
export class AccessDecisionRecorder {
  readonly entitlements = new EntitlementsRepository();

  constructor(
    private readonly outbox: Outbox,
    @Inject(IDS) private readonly ids: IdGenerator,
    private readonly metrics: EntitlementMetrics,
  ) {}

  /** `previous` is what the decision started from: none means the entitlement is new. */
  async record(sql: Sql, previous: Entitlement | undefined, decision: AccessDecision, origin: EnvelopeOrigin, at: Date): Promise<void> {
    if (!decision.entitlement || !decision.change) return;
    if (previous) await this.entitlements.update(sql, decision.entitlement, at);
    else await this.entitlements.insert(sql, decision.entitlement, at);
    await this.logAndPublish(sql, decision, origin, at);
  }

  /** For an entitlement already stored as the decision left it. */
  async logAndPublish(sql: Sql, { entitlement, change, message }: AccessDecision, origin: EnvelopeOrigin, at: Date): Promise<void> {
    if (!entitlement || !change) return;
    await this.entitlements.appendChange(sql, entitlement.entitlementId, change);
    if (!message) return;
    await this.outbox.enqueue(sql, [this.outbound(message, origin, at)]);
    this.metrics.published(message);
  }

  private outbound(message: AccessMessage, origin: EnvelopeOrigin, occurredAt: Date): OutboundMessage {
    const input = { id: this.ids.uuid(), key: message.payload.userId, origin, occurredAt };
    switch (message.type) {
      case 'EntitlementGranted':
        return { topic: EntitlementGranted.topic, envelope: buildMessage(EntitlementGranted, { ...input, payload: message.payload }) };
      case 'EntitlementValidityChanged':
        return { topic: EntitlementValidityChanged.topic, envelope: buildMessage(EntitlementValidityChanged, { ...input, payload: message.payload }) };
      case 'EntitlementRevoked':
        return { topic: EntitlementRevoked.topic, envelope: buildMessage(EntitlementRevoked, { ...input, payload: message.payload }) };
    }
  }
}
