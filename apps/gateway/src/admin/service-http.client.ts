import { Inject, Injectable } from '@nestjs/common';
import { internalApiHeaders } from '@payments/nest-runtime';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { GatewayError } from '../gateway.error';
import { InternalService } from './service-urls.config';

const TIMEOUT_MS = 5_000;

export interface ServiceAnswer {
  readonly status: number;
  readonly text: string;
}

/**
 * Calls another service's own port (order-ledger's history and unmatched payments, parked
 * messages, /metrics) for the admin API. Not reaching the service, or a 5xx from it, is a 503
 * SERVICE.UNAVAILABLE naming it; other answers are the caller's to read.
 */
@Injectable()
export class ServiceHttpClient {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  async call(service: InternalService, path: string, method: 'GET' | 'POST' = 'GET'): Promise<ServiceAnswer> {
    let response: Response;
    try {
      response = await fetch(`${this.config.services[service]}${path}`, { method, headers: internalApiHeaders(this.config.internalApiToken), signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      throw new GatewayError('SERVICE.UNAVAILABLE', `${service} did not answer`);
    }
    const text = await response.text();
    if (response.status >= 500) throw new GatewayError('SERVICE.UNAVAILABLE', `${service} answered ${response.status}`);
    return { status: response.status, text };
  }

  /** The JSON of a 2xx answer; null for a 404. */
  async json<T>(service: InternalService, path: string, method: 'GET' | 'POST' = 'GET'): Promise<T | null> {
    const answer = await this.call(service, path, method);
    if (answer.status === 404) return null;
    if (answer.status >= 300) throw new GatewayError('SERVICE.UNAVAILABLE', `${service} refused ${path} (${answer.status})`);
    return JSON.parse(answer.text) as T;
  }
}
