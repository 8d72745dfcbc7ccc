import { createHash, createHmac } from 'node:crypto';

/** The 16 first bytes of `digest` as a UUID string, with `version` and the RFC 4122/9562 variant bits set. */
function uuidFromDigest(digest: Buffer, version: 5 | 8): string {
  const bytes = Buffer.from(digest.subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | (version << 4);
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A name-based UUID (version 5 layout: SHA-1, RFC 4122 variant) from the SHA-1 of `chunks` fed in
 * order: the same names give the same id, so an id derived from a client's Idempotency-Key or from
 * another id is stable across retries, replicas and restarts. Strings are hashed as UTF-8. Anyone
 * who knows the names can compute the id: use `keyedNameBasedUuid` when that must not be possible.
 */
export function nameBasedUuid(...chunks: readonly (string | Buffer)[]): string {
  const sha1 = createHash('sha1');
  for (const chunk of chunks) sha1.update(chunk);
  return uuidFromDigest(sha1.digest(), 5);
}

/** RFC 4122 version-5 UUID of `name` in the UUID `namespace`. */
export function uuidV5(namespace: string, name: string): string {
  return nameBasedUuid(Buffer.from(namespace.replace(/-/g, ''), 'hex'), name);
}

/**
 * A UUID (version 8 layout, RFC 9562 variant) from the HMAC-SHA256 of `names` under `secret`:
 * stable for the same secret and names, like `nameBasedUuid`, but not computable without the
 * secret. The names are hashed as a JSON array, so no two lists of names share an input.
 */
export function keyedNameBasedUuid(secret: string | Buffer, ...names: readonly string[]): string {
  return uuidFromDigest(createHmac('sha256', secret).update(JSON.stringify(names)).digest(), 8);
}
