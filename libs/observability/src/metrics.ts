import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per service process, with Node's default metrics and the counters every service shares. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly messagesHandled: Counter<'topic' | 'outcome'>;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route'>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.messagesHandled = new Counter({
      name: 'payments_messages_handled_total',
      help: 'Kafka messages handled, by topic and outcome (applied, duplicate, dead_lettered)',
      labelNames: ['topic', 'outcome'],
      registers: [this.registry],
    });
    this.httpRequests = new Counter({
      name: 'payments_http_requests_total',
      help: 'HTTP requests served, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.httpDuration = new Histogram({
      name: 'payments_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
  }
}
