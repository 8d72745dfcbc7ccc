import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { METRICS, ServiceMetrics } from '@payments/observability';
import { AccessMessage } from '../domain/entitlement';

/** What the LMS was told, by kind of change. Counted as the message is enqueued, in its transaction. */
@Injectable()
export class EntitlementMetrics {
  private readonly granted: Counter<'kind'>;
  private readonly extended: Counter<'reason'>;
  private readonly suspended: Counter;
  private readonly revoked: Counter<'reason'>;
  private readonly disputed: Counter<'reason'>;

  constructor(@Inject(METRICS) metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.granted = new Counter({ name: 'payments_entitlements_granted_total', help: 'Entitlements granted, by product kind', labelNames: ['kind'], registers });
    this.extended = new Counter({ name: 'payments_entitlements_extended_total', help: 'Subscription entitlements extended by a paid period, by reason (renewal-paid, payment-recovered)', labelNames: ['reason'], registers });
    this.suspended = new Counter({ name: 'payments_entitlements_suspended_total', help: 'Subscription entitlements suspended because their validity passed unpaid', registers });
    this.disputed = new Counter({ name: 'payments_entitlements_dispute_changes_total', help: "One-time orders' entitlements suspended or reinstated around a dispute, by reason", labelNames: ['reason'], registers });
    this.revoked = new Counter({ name: 'payments_entitlements_revoked_total', help: 'Entitlements revoked, by reason', labelNames: ['reason'], registers });
  }

  published(message: AccessMessage): void {
    switch (message.type) {
      case 'EntitlementGranted':
        return this.granted.inc({ kind: message.payload.kind });
      case 'EntitlementValidityChanged':
        if (message.payload.reason === 'dispute-opened' || message.payload.reason === 'dispute-won') return this.disputed.inc({ reason: message.payload.reason });
        if (message.payload.reason === 'past-due-beyond-grace') return this.suspended.inc();
        return this.extended.inc({ reason: message.payload.reason });
      case 'EntitlementRevoked':
        return this.revoked.inc({ reason: message.payload.reason });
    }
  }
}
