import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type PostResult = { readonly status: number } | { readonly error: string };

/**
 * POSTs exact bytes with node's http client and no keep-alive agent: the receiver sees the body as
 * signed, and no pooled socket outlives the sandbox.
 */
export function postRaw(url: string, headers: Record<string, string>, body: string, timeoutMs: number, signal: AbortSignal): Promise<PostResult> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const payload = Buffer.from(body, 'utf8');
    const request = send(target, {
      method: 'POST',
      agent: false,
      timeout: timeoutMs,
      signal,
      headers: { ...headers, 'content-length': String(payload.length), connection: 'close' },
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
      response.on('error', (error) => resolve({ error: error.message }));
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => resolve({ error: error.message }));
    request.end(payload);
  });
}
