import { Inject, Injectable } from '@nestjs/common';
import { EntitlementGranted, Envelope, OrderPaid, buildMessage, causedBy, isMessage } from '@payments/contracts';
import { HandlerContext } from '@payments/messaging';
import { CLOCK, Clock, ConsumerHandler, IDS, IdGenerator, Outbox } from '@payments/nest-runtime';
import { grantsForPaidOrder } from './domain/entitlement-grants';

/** orders.events -> entitlements: a paid order grants access, once, and tells the LMS. */
@Injectable()
export class GrantOnOrderPaidHandler implements ConsumerHandler {
  constructor(
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  async handle(envelope: Envelope, { sql }: HandlerContext): Promise<void> {
    if (!isMessage(envelope, OrderPaid)) return;
    const grantedAt = this.clock.now();
    for (const grant of grantsForPaidOrder(envelope.payload)) {
      const inserted = await sql.query<{ entitlement_id: string }>(
        `INSERT INTO entitlements.entitlements (entitlement_id, user_id, product_id, kind, order_id, granted_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ON CONSTRAINT entitlements_once_per_order DO NOTHING
         RETURNING entitlement_id`,
        [this.ids.uuid(), grant.userId, grant.productId, grant.kind, grant.orderId, grantedAt],
      );
      if (inserted.length === 0) continue;
      await this.outbox.enqueue(sql, [
        {
          topic: EntitlementGranted.topic,
          envelope: buildMessage(EntitlementGranted, {
            key: grant.userId,
            origin: causedBy(envelope),
            occurredAt: grantedAt,
            payload: { entitlementId: inserted[0].entitlement_id, ...grant, grantedAt: grantedAt.toISOString() },
          }),
        },
      ]);
    }
  }
}
