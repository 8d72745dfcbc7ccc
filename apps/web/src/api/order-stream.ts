import { SseParser } from '../lib/sse-parser';
import { currentSession } from './session';
import { OrderStatusEvent } from './types';

const RECONNECT_MS = 1_000;

/**
 * Follows GET /api/orders/:id/events (Server-Sent Events). Read with fetch rather than EventSource
 * because the stream needs the bearer token in a header. Reconnects when the stream ends, until
 * `signal` aborts. `onEvent` gets each state of the order; `onError` a refusal (e.g. 404).
 */
export async function watchOrder(orderId: string, onEvent: (event: OrderStatusEvent) => void, signal: AbortSignal, onError?: (status: number) => void): Promise<void> {
  while (!signal.aborted) {
    try {
      const session = currentSession();
      const response = await fetch(`/api/orders/${encodeURIComponent(orderId)}/events`, {
        headers: { accept: 'text/event-stream', ...(session ? { authorization: `Bearer ${session.token}` } : {}) },
        signal,
      });
      if (!response.ok || !response.body) {
        onError?.(response.status);
        if (response.status < 500) return;
      } else {
        await readEvents(response.body, onEvent);
      }
    } catch (error) {
      if (signal.aborted) return;
      void error;
    }
    await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
  }
}

async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: OrderStatusEvent) => void): Promise<void> {
  const parser = new SseParser();
  const decoder = new TextDecoder();
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    for (const event of parser.feed(decoder.decode(value, { stream: true }))) {
      if (event.event === 'order') onEvent(JSON.parse(event.data) as OrderStatusEvent);
    }
  }
}
