import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, SpanProcessor } from '@opentelemetry/sdk-trace-node';

export interface TracingHandle {
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

/**
 * Registers the OpenTelemetry SDK (W3C trace context, AsyncLocalStorage context) when an OTLP
 * endpoint is configured (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`,
 * OTLP over HTTP/JSON) and `OTEL_SDK_DISABLED` is not `true`; otherwise registers nothing, and every
 * span is the API's no-op. `processor` replaces the exporter (tests read spans in memory).
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env, processor?: SpanProcessor): TracingHandle | null {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (env.OTEL_SDK_DISABLED === 'true' || (!endpoint && !processor)) return null;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || service }),
    // The exporter reads the endpoint variables itself (and appends /v1/traces to the generic one).
    spanProcessors: [processor ?? new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}
