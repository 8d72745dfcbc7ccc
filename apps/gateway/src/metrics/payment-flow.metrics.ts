import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { METRICS, ServiceMetrics } from '@payments/observability';

/**
 * What the operations overview charts, counted as the gateway's projector applies orders.events and
 * entitlement-granted (each message once, by the inbox): paid orders and failed payment attempts
 * by provider, and the time from the provider's payment to the access grant.
 */
@Injectable()
export class PaymentFlowMetrics {
  private readonly paid: Counter<'provider'>;
  private readonly failed: Counter<'provider'>;
  private readonly paymentToGrant: Histogram;

  constructor(@Inject(METRICS) metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.paid = new Counter({ name: 'payments_orders_paid_total', help: 'Orders paid, by provider', labelNames: ['provider'], registers });
    this.failed = new Counter({ name: 'payments_payment_attempts_failed_total', help: 'Failed payment attempts, by provider', labelNames: ['provider'], registers });
    this.paymentToGrant = new Histogram({
      name: 'payments_payment_to_grant_seconds',
      help: "From the provider's payment time (its verified webhook or status answer) to the access grant",
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers,
    });
  }

  orderPaid(provider: string): void {
    this.paid.inc({ provider });
  }

  attemptFailed(provider: string): void {
    this.failed.inc({ provider });
  }

  granted(paidAt: Date, grantedAt: Date): void {
    const seconds = (grantedAt.getTime() - paidAt.getTime()) / 1000;
    if (Number.isFinite(seconds) && seconds >= 0) this.paymentToGrant.observe(seconds);
  }
}
