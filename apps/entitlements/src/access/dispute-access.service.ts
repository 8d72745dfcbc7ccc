import { Injectable } from '@nestjs/common';
import { EnvelopeOf, OrderDisputeChanged, causedBy } from '@payments/contracts';
import { UnprocessableMessageError } from '@payments/messaging';
import { Sql } from '@payments/persistence';
import { decideOnDispute } from '../domain/dispute-access.decider';
import { EntitlementError } from '../domain/entitlement.errors';
import { AccessDecisionRecorder } from './access-decision.recorder';
import { DecisionContexts } from './decision-context';

/**
 * OrderDisputeChanged -> the order's access by ENTITLEMENTS_DISPUTE_POLICY, in the inbox
 * transaction. Each dispute's stage is kept (it only moves on from opened), so a suspension lasts
 * while any dispute of the order is open, and a stage told again decides nothing new.
 */
@Injectable()
export class DisputeAccessService {
  constructor(
    private readonly recorder: AccessDecisionRecorder,
    private readonly contexts: DecisionContexts,
  ) {}

  async apply(sql: Sql, envelope: EnvelopeOf<typeof OrderDisputeChanged>): Promise<void> {
    const { orderId, disputeId, stage, changedAt } = envelope.payload;
    const moved = await sql.query(
      `INSERT INTO entitlements.order_disputes AS d (order_id, dispute_id, stage, changed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (order_id, dispute_id) DO UPDATE SET stage = EXCLUDED.stage, changed_at = EXCLUDED.changed_at
         WHERE d.stage = 'opened' AND EXCLUDED.stage <> 'opened'
       RETURNING stage`,
      [orderId, disputeId, stage, changedAt],
    );
    if (moved.length === 0) return;
    const [open] = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM entitlements.order_disputes WHERE order_id = $1 AND dispute_id <> $2 AND stage = 'opened'`, [orderId, disputeId],
    );
    const ctx = this.contexts.now();
    for (const current of await this.recorder.entitlements.forOrder(sql, orderId)) {
      try {
        const decision = decideOnDispute(current, { stage, otherOpenDisputes: open.n }, ctx);
        await this.recorder.record(sql, current, decision, causedBy(envelope), ctx.now);
      } catch (error) {
        if (error instanceof EntitlementError) throw new UnprocessableMessageError(error.code, error.message);
        throw error;
      }
    }
  }
}
