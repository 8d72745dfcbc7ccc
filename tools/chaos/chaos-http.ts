export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface HttpAnswer<T> {
  readonly status: number;
  readonly body: T;
}

/** One HTTP call with a JSON body and a JSON answer; throws on a network error or a timeout. */
export async function callJson<T>(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<HttpAnswer<T>> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(init.timeoutMs ?? 15_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (an HTML page): the text is the body
  }
  return { status: response.status, body: body as T };
}

/**
 * Calls until `done` accepts the answer or `deadline` (epoch ms) passes, backing off between tries:
 * network errors and refused answers are retried alike, as a client whose server restarts would.
 */
export async function callUntil<T>(call: () => Promise<HttpAnswer<T>>, done: (answer: HttpAnswer<T>) => boolean, deadline: number): Promise<HttpAnswer<T> | undefined> {
  for (let attempt = 1; Date.now() < deadline; attempt += 1) {
    try {
      const answer = await call();
      if (done(answer)) return answer;
    } catch {
      // connection refused or reset, or timed out: the server is restarting
    }
    await sleep(Math.min(250 * attempt, 2_000));
  }
  return undefined;
}
