import { createHash } from 'node:crypto';

type CanonicalValue = string | number | boolean | null;

/**
 * sha256 (hex) of a request's meaningful fields as JSON, in the order the caller lists them. The
 * caller normalises first (defaults applied, absent optional fields as null; `undefined` is not
 * allowed), so one intent hashes the same however the client spelled it.
 */
export function requestHash(fields: Readonly<Record<string, CanonicalValue>>): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
