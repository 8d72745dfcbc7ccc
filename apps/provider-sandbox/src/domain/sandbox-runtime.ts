import { randomBytes } from 'node:crypto';

/** The clock and id generation, injected so tests can fix them. */
export interface SandboxRuntime {
  now(): Date;
  /** A Stripe-looking id: `newId('pi')` -> `pi_3QxV...`. */
  newId(prefix: string): string;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomToken(length: number): string {
  return [...randomBytes(length)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

export const systemRuntime: SandboxRuntime = {
  now: () => new Date(),
  newId: (prefix) => `${prefix}_${randomToken(24)}`,
};

export const unixSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);
