import { ConfigError, integerEnv, kafkaBrokersFrom, requiredEnv } from '@payments/nest-runtime';

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export interface GatewayConfig {
  port: number;
  kafkaBrokers: string[];
  /** HS256 secret for bearer tokens (at least 32 bytes). */
  jwtSecret: string;
  /** How long POST /api/payments/checkout waits for checkout's reply before answering 504. */
  checkoutReplyTimeoutMs: number;
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const jwtSecret = requiredEnv(env, 'JWT_SECRET');
  if (Buffer.byteLength(jwtSecret) < 32) throw new ConfigError('JWT_SECRET must be at least 32 bytes for HS256');
  return {
    port: integerEnv(env, 'GATEWAY_PORT', 3000, { min: 0, max: 65535 }),
    kafkaBrokers: kafkaBrokersFrom(env),
    jwtSecret,
    checkoutReplyTimeoutMs: integerEnv(env, 'CHECKOUT_REPLY_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 }),
  };
}
