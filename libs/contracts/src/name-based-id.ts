import { createHash } from 'node:crypto';

/**
 * A name-based UUID (version 5 layout: SHA-1, RFC 4122 variant) from the SHA-1 of `chunks` fed in
 * order: the same names give the same id, so an id derived from a client's Idempotency-Key or from
 * another id is stable across retries, replicas and restarts. Strings are hashed as UTF-8.
 */
export function nameBasedUuid(...chunks: readonly (string | Buffer)[]): string {
  const sha1 = createHash('sha1');
  for (const chunk of chunks) sha1.update(chunk);
  const hash = sha1.digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** RFC 4122 version-5 UUID of `name` in the UUID `namespace`. */
export function uuidV5(namespace: string, name: string): string {
  return nameBasedUuid(Buffer.from(namespace.replace(/-/g, ''), 'hex'), name);
}
