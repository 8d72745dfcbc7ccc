import { currentSession } from './session';

/** A refusal from the gateway: its stable code and sentence (`{ error: { code, message } }`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiOptions {
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
  /** Mutating calls: one key per intent, reused when the same intent is retried. */
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

/** Calls the gateway (same origin) with the session's bearer token; a non-2xx answer throws ApiError. */
async function send(path: string, options: ApiOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { accept };
  const session = currentSession();
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, { method: options.method ?? 'GET', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK.UNREACHABLE', 'The gateway could not be reached; try again.');
  }
  if (!response.ok) throw refusalOf(response.status, response.statusText, await response.text());
  return response;
}

/** The gateway's `{ error: { code, message } }`, or the HTTP status when the body is not that. */
export function refusalOf(status: number, statusText: string, text: string): ApiError {
  let error: { code?: string; message?: string } | undefined;
  try {
    error = (JSON.parse(text) as { error?: { code?: string; message?: string } } | null)?.error;
  } catch {
    error = undefined;
  }
  return new ApiError(status, error?.code ?? `HTTP.${status}`, error?.message ?? statusText);
}

/** A JSON call to the gateway; non-2xx answers throw ApiError. */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const text = await (await send(path, options, 'application/json')).text();
  return (text === '' ? null : (JSON.parse(text) as unknown)) as T;
}

/** A file from the gateway (a CSV export) as a Blob, fetched with the bearer token like every call. */
export async function apiBlob(path: string, options: ApiOptions = {}): Promise<Blob> {
  return (await send(path, options, '*/*')).blob();
}

export const query = (params: Record<string, string | undefined>): string => {
  const search = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
};

export const newIdempotencyKey = (): string => crypto.randomUUID();
