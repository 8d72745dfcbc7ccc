import { Inject, Injectable } from '@nestjs/common';
import { internalApiHeaders } from '@payments/nest-runtime';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { GatewayError } from '../gateway.error';
import { InternalService } from './service-urls.config';

const TIMEOUT_MS = 5_000;

export interface ServiceAnswer {
  readonly status: number;
  readonly text: string;
  /** The answer's Content-Type (a CSV report, say), or null when it gave none. */
  readonly contentType: string | null;
}

/**
 * Calls another service's own port (order-ledger's history and unmatched payments, parked
 * messages, /metrics) for the admin API. Not reaching the service, or a 5xx from it, is a 503
 * SERVICE.UNAVAILABLE naming it; other answers are the caller's to read.
 */
@Injectable()
export class ServiceHttpClient {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  /** A `body` is sent as JSON. */
  async call(service: InternalService, path: string, method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<ServiceAnswer> {
    let response: Response;
    const headers = { ...internalApiHeaders(this.config.internalApiToken), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) };
    try {
      response = await fetch(`${this.config.services[service]}${path}`, {
        method, headers, signal: AbortSignal.timeout(TIMEOUT_MS), ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new GatewayError('SERVICE.UNAVAILABLE', `${service} did not answer`);
    }
    const text = await response.text();
    if (response.status >= 500) throw new GatewayError('SERVICE.UNAVAILABLE', `${service} answered ${response.status}`);
    return { status: response.status, text, contentType: response.headers.get('content-type') };
  }

  /** The JSON of a 2xx answer; null for a 404. */
  async json<T>(service: InternalService, path: string, method: 'GET' | 'POST' = 'GET'): Promise<T | null> {
    const answer = await this.call(service, path, method);
    if (answer.status === 404) return null;
    if (answer.status >= 300) throw new GatewayError('SERVICE.UNAVAILABLE', `${service} refused ${path} (${answer.status})`);
    return JSON.parse(answer.text) as T;
  }
}
