import { Context, ROOT_CONTEXT, Span, SpanKind, SpanOptions, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';

/** The tracer every service uses; a no-op until `startTracing` registered an SDK. */
export const tracer = () => trace.getTracer('course-payments');

/** Adds `traceparent` (and `tracestate`) for the active span to `carrier`; adds nothing when tracing is off. */
export function injectTraceHeaders(carrier: Record<string, string> = {}, from: Context = context.active()): Record<string, string> {
  propagation.inject(from, carrier);
  return carrier;
}

/** The context a `traceparent` header carries (Kafka headers or HTTP), or the root context. */
export function extractTraceContext(headers: Readonly<Record<string, string | string[] | undefined>>): Context {
  return propagation.extract(ROOT_CONTEXT, headers, {
    get: (carrier, key) => carrier[key],
    keys: (carrier) => Object.keys(carrier),
  });
}

/**
 * Runs `work` inside a new active span (a child of `parent`, else of the active span) and ends it:
 * a thrown error marks the span failed and is rethrown. With tracing off it only calls `work`.
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>, parent: Context = context.active()): Promise<T> {
  return tracer().startActiveSpan(name, options, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Wraps the named async methods of `target` in client spans `<prefix>.<method>` (provider calls); the rest pass through. */
export function tracedCalls<T extends object>(target: T, prefix: string, methods: readonly (keyof T & string)[]): T {
  const traced = new Set<string>(methods);
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string' || !traced.has(property)) return value;
      return (...args: unknown[]) => inSpan(`${prefix}.${property}`, { kind: SpanKind.CLIENT }, async () => (value as (...a: unknown[]) => Promise<unknown>).apply(object, args));
    },
  });
}

export { SpanKind };
