import { SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { extractTraceContext, inSpan, injectTraceHeaders, tracedCalls } from './tracing';
import { TracingHandle, startTracing } from './tracing.sdk';

describe('tracing when no endpoint is configured', () => {
  it('registers nothing, and spans and headers cost nothing', async () => {
    expect(startTracing('test', {})).toBeNull();
    expect(startTracing('test', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' })).toBeNull();
    expect(await inSpan('work', {}, async (span) => span.isRecording())).toBe(false);
    expect(injectTraceHeaders()).toEqual({});
  });
});

describe('tracing with the SDK registered', () => {
  const exporter = new InMemorySpanExporter();
  let handle: TracingHandle | null;
  beforeAll(() => {
    handle = startTracing('test', {}, new SimpleSpanProcessor(exporter));
  });
  afterAll(async () => {
    await handle?.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });
  beforeEach(() => exporter.reset());

  it('carries a span across a message as a W3C traceparent header, so the consumer span is its child', async () => {
    const headers = await inSpan('producer', { kind: SpanKind.PRODUCER }, async () => injectTraceHeaders({ 'message-id': 'm-1' }));
    expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    await inSpan('consumer', { kind: SpanKind.CONSUMER }, async () => undefined, extractTraceContext(headers));
    const [producer, consumer] = exporter.getFinishedSpans();
    expect(consumer.spanContext().traceId).toBe(producer.spanContext().traceId);
    expect(consumer.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
  });

  it('marks a span failed with the error, and rethrows it', async () => {
    await expect(inSpan('failing', {}, async () => { throw new Error('provider down'); })).rejects.toThrow('provider down');
    const [span] = exporter.getFinishedSpans();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'provider down' });
    expect(span.events.map((event) => event.name)).toEqual(['exception']);
  });

  it('wraps the named calls of an object in client spans, and leaves the others alone', async () => {
    const port = { name: 'stripe', refund: async (amount: number) => amount * 2, parse: (raw: string) => raw.length };
    const traced = tracedCalls(port, 'provider.stripe', ['refund']);
    expect(await traced.refund(21)).toBe(42);
    expect(traced.parse('four')).toBe(4);
    expect(traced.name).toBe('stripe');
    expect(exporter.getFinishedSpans().map((span) => [span.name, span.kind])).toEqual([['provider.stripe.refund', SpanKind.CLIENT]]);
  });
});
