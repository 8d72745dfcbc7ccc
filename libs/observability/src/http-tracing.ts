import { SpanKind, context, trace } from '@opentelemetry/api';
import { extractTraceContext, tracer } from './tracing';

interface TracedRequest { method: string; originalUrl?: string; url: string; headers: Record<string, string | string[] | undefined>; route?: { path?: string } }
interface TracedResponse { statusCode: number; once(event: 'finish' | 'close', listener: () => void): unknown }

/**
 * Express middleware: one server span per request, a child of the caller's `traceparent` when it
 * sent one, active for everything the request does (so messages it enqueues carry it on). Named
 * by the matched route once known, never by the raw URL (ids stay out of span names).
 */
export function httpTracing(request: TracedRequest, response: TracedResponse, next: () => void): void {
  const parent = extractTraceContext(request.headers);
  const span = tracer().startSpan(`${request.method} request`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method } }, parent);
  if (!span.isRecording()) {
    next();
    return;
  }
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    if (request.route?.path) span.updateName(`${request.method} ${request.route.path}`);
    span.setAttribute('http.response.status_code', response.statusCode);
    span.end();
  };
  response.once('finish', end);
  response.once('close', end);
  context.with(trace.setSpan(parent, span), next);
}
