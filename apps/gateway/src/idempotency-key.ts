import { createHash } from 'node:crypto';
import { BadRequestException } from '@nestjs/common';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header, required: 1-255 printable ASCII characters without spaces. */
export function requireIdempotencyKey(key: string | undefined): string {
  if (key === undefined || key === '') {
    throw new BadRequestException({ error: { code: 'IDEMPOTENCY.KEY_MISSING', message: 'the Idempotency-Key header is required' } });
  }
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new BadRequestException({ error: { code: 'IDEMPOTENCY.KEY_INVALID', message: 'Idempotency-Key must be 1-255 printable ASCII characters without spaces' } });
  }
  return key;
}

/** sha256 of a canonical JSON form (keys in the order given; absent values as null). */
export function canonicalHash(fields: Record<string, string | number | null | undefined>): string {
  const canonical = JSON.stringify(Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value ?? null])));
  return createHash('sha256').update(canonical).digest('hex');
}

/** A name-based (version 5 style) UUID, so a retried request names the same thing. */
export function nameBasedUuid(...parts: string[]): string {
  const hash = createHash('sha1').update(parts.join('\u0000')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
