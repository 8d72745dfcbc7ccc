import { IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProviderError } from '../port/provider.errors';
import { CashfreeHttpClient, CashfreeHttpOptions } from './cashfree-http.client';

/** One scripted answer of the stand-in server; `hang` never answers (a timeout). */
type Scripted = { status: number; body?: string; headers?: Record<string, string> } | 'hang';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A loopback server answering from a script: the failure modes Cashfree has (429 with
 * x-ratelimit-retry, 5xx, silence) that the provider-sandbox does not simulate.
 */
async function scriptedServer(script: Scripted[]) {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString() });
      const next = script.shift() ?? { status: 500 };
      if (next === 'hang') return;
      response.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(next.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/pg`,
    seen,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const order = '{"order_id":"ord_1","order_status":"ACTIVE"}';

describe('calling Cashfree over HTTP', () => {
  let server: Awaited<ReturnType<typeof scriptedServer>>;
  let waits: number[];
  const client = (options: Partial<CashfreeHttpOptions> = {}) =>
    new CashfreeHttpClient({
      baseUrl: server.url, appId: 'app_1', secretKey: 'cfsk_test_secret_1', apiVersion: '2023-08-01', timeoutMs: 2_000, maxRetries: 2,
      sleep: async (ms) => {
        waits.push(ms);
      },
      newRequestId: () => 'req-1',
      ...options,
    });
  const create = { method: 'POST' as const, path: '/orders', body: '{"order_amount":170.00}', idempotencyKey: '47bf8872-46fe-11ee-be56-0242ac120002', what: 'create order' };

  async function errorOf(call: Promise<unknown>): Promise<ProviderError> {
    const error = await call.then(() => undefined, (thrown: unknown) => thrown);
    if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
    return error;
  }

  beforeEach(() => {
    waits = [];
  });

  afterEach(async () => {
    await server?.stop();
  });

  it('sends the credentials, version, request id, idempotency key and the exact body', async () => {
    server = await scriptedServer([{ status: 200, body: order }]);
    expect(await client().call(create)).toEqual({ order_id: 'ord_1', order_status: 'ACTIVE' });
    expect(server.seen[0]).toMatchObject({
      method: 'POST', url: '/pg/orders', body: '{"order_amount":170.00}',
      headers: {
        'x-client-id': 'app_1', 'x-client-secret': 'cfsk_test_secret_1', 'x-api-version': '2023-08-01', 'x-request-id': 'req-1',
        'x-idempotency-key': create.idempotencyKey, 'content-type': 'application/json',
      },
    });
  });

  it('retries a 5xx with the same idempotency key, backing off, until it succeeds', async () => {
    server = await scriptedServer([{ status: 502, body: '<html>Bad Gateway</html>' }, { status: 500, body: '{"type":"api_error"}' }, { status: 200, body: order }]);
    expect(await client().call(create)).toMatchObject({ order_id: 'ord_1' });
    expect(server.seen.map((request) => request.headers['x-idempotency-key'])).toEqual(Array(3).fill(create.idempotencyKey));
    expect(waits).toEqual([250, 500]);
  });

  it('waits as long as a 429 asks (x-ratelimit-retry, in seconds) before retrying', async () => {
    server = await scriptedServer([{ status: 429, body: '{"type":"rate_limit_error"}', headers: { 'x-ratelimit-retry': '2' } }, { status: 200, body: order }]);
    await client().call(create);
    expect(waits).toEqual([2_000]);
  });

  it('gives up after the configured retries with the last error, still retryable', async () => {
    server = await scriptedServer([{ status: 503 }, { status: 503 }, { status: 503 }]);
    const error = await errorOf(client().call(create));
    expect(error).toMatchObject({ code: 'PROVIDER.UNAVAILABLE', retryable: true, providerCode: 'http_503' });
    expect(server.seen).toHaveLength(3);
  });

  it('does not retry a 400, whose answer will not change', async () => {
    server = await scriptedServer([{ status: 400, body: '{"message":"order_amount : invalid value provided","code":"order_amount_invalid","type":"invalid_request_error"}' }]);
    expect(await errorOf(client().call(create))).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', providerCode: 'order_amount_invalid' });
    expect(server.seen).toHaveLength(1);
  });

  it('times out an attempt that gets no answer and retries it', async () => {
    server = await scriptedServer(['hang', { status: 200, body: order }]);
    expect(await client({ timeoutMs: 300 }).call(create)).toMatchObject({ order_id: 'ord_1' });
    expect(server.seen).toHaveLength(2);
  });

  it('answers null for a 404 when asked whether something exists', async () => {
    server = await scriptedServer([{ status: 404, body: '{"code":"refund_not_found"}' }]);
    expect(await client().call({ method: 'GET', path: '/orders/ord_1/refunds/r_1', what: 'get refund', allowNotFound: true })).toBeNull();
  });

  it('never puts the secret into an error', async () => {
    server = await scriptedServer([{ status: 401, body: '{"message":"authentication Failed","code":"request_failed","type":"authentication_error"}' }]);
    const error = await errorOf(client().call(create));
    expect(error.code).toBe('PROVIDER.AUTHENTICATION');
    expect(JSON.stringify({ message: error.message, providerCode: error.providerCode })).not.toContain('cfsk_test_secret_1');
  });
});
