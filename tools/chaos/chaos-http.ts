export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface HttpAnswer<T> {
  readonly status: number;
  readonly body: T;
}

export interface CallInit {
  readonly method?: string;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent form-encoded instead (Stripe's API). */
  readonly form?: Readonly<Record<string, string>>;
  readonly headers?: Record<string, string>;
  readonly timeoutMs?: number;
}

function requestBody(init: CallInit): { type?: string; text?: string } {
  if (init.form !== undefined) return { type: 'application/x-www-form-urlencoded', text: new URLSearchParams(init.form).toString() };
  return init.body === undefined ? {} : { type: 'application/json', text: JSON.stringify(init.body) };
}

/** One HTTP call with a JSON (or form) body and a JSON answer; throws on a network error or a timeout. */
export async function callJson<T>(url: string, init: CallInit = {}): Promise<HttpAnswer<T>> {
  const { type, text: sent } = requestBody(init);
  const response = await fetch(url, {
    method: init.method ?? (sent === undefined ? 'GET' : 'POST'),
    headers: { ...(type === undefined ? {} : { 'content-type': type }), ...init.headers },
    body: sent,
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
