import { Counter, Registry } from 'prom-client';

/** Webhooks answered with an error, by code: the figures an operator alerts on. */
export interface WebhookMetrics {
  /** 4xx: never accepted, whatever the provider retries (WEBHOOK.SIGNATURE_INVALID, WEBHOOK.TOO_DEEP...). */
  readonly refused: Counter<'code'>;
  /** 5xx WEBHOOK.NOT_RECORDED: a valid event we could not record; the provider retries. */
  readonly notRecorded: Counter;
}

function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: L[]): Counter<L> {
  // Nest may build the filter more than once; the registry keeps one counter per name.
  return (registry.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
}

export function webhookMetrics(registry: Registry): WebhookMetrics {
  return {
    refused: counter(registry, 'payments_webhooks_refused_total', 'Webhook requests refused with a 4xx, by error code (WEBHOOK.SIGNATURE_INVALID: forged or signed with an unknown secret)', ['code']),
    notRecorded: counter(registry, 'payments_webhooks_not_recorded_total', 'Valid webhooks answered 500 because they could not be recorded (the provider retries)', []),
  };
}
