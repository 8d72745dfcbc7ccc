/** Thrown at start-up when configuration is missing or malformed; the message names the variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = NodeJS.ProcessEnv;

export function requiredEnv(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new ConfigError(`missing required configuration ${name}`);
  }
  return value.trim();
}

export function optionalEnv(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

export function integerEnv(env: Env, name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || (range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
    throw new ConfigError(`${name} must be an integer${range.min !== undefined ? ` >= ${range.min}` : ''}${range.max !== undefined ? ` <= ${range.max}` : ''}, got "${raw}"`);
  }
  return value;
}

/** Comma-separated list; blanks dropped. */
export function listEnv(env: Env, name: string, fallback: string[]): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  return raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

export function kafkaBrokersFrom(env: Env): string[] {
  return listEnv(env, 'KAFKA_BROKERS', ['127.0.0.1:9092']);
}

export interface ApiTarget {
  apiHost?: string;
  apiPort?: number;
  apiProtocol?: 'http' | 'https';
}

/** STRIPE_API_URL points the Stripe SDK elsewhere (the provider-sandbox); unset means api.stripe.com. */
export function stripeApiTarget(env: Env): ApiTarget {
  const raw = optionalEnv(env, 'STRIPE_API_URL', '');
  if (raw === '') return {};
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`STRIPE_API_URL is not a URL: "${raw}"`);
  }
  const protocol = url.protocol.replace(':', '');
  if (protocol !== 'http' && protocol !== 'https') throw new ConfigError('STRIPE_API_URL must be http or https');
  return { apiHost: url.hostname, apiPort: Number(url.port || (protocol === 'https' ? 443 : 80)), apiProtocol: protocol };
}

/** `true` or `false`; anything else stops start-up naming the variable. */
export function booleanEnv(env: Env, name: string, fallback: boolean): boolean {
  const raw = optionalEnv(env, name, String(fallback));
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(`${name} must be true or false, got "${raw}"`);
  return raw === 'true';
}
