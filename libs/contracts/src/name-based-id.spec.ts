import { keyedNameBasedUuid, nameBasedUuid, uuidV5 } from './name-based-id';

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('name-based ids', () => {
  it('match RFC 4122 version 5 (the published example for python.org in the DNS namespace)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('are stable for the same names and differ for others, with the version and variant bits set', () => {
    const id = nameBasedUuid('checkout', 'user-1', 'key-1');
    expect(nameBasedUuid('checkout', 'user-1', 'key-1')).toBe(id);
    expect(nameBasedUuid('checkout', 'user-1', 'key-2')).not.toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('keyed name-based ids', () => {
  const secret = 'a-secret-of-at-least-thirty-two-bytes-0123';

  it('are stable for the same secret and names, and are version 8 UUIDs', () => {
    const id = keyedNameBasedUuid(secret, 'user-1', 'key-1');
    expect(keyedNameBasedUuid(secret, 'user-1', 'key-1')).toBe(id);
    expect(id).toMatch(UUID_V8);
  });

  it('differ under another secret, so knowing the names is not enough to compute them', () => {
    expect(keyedNameBasedUuid(`${secret}-rotated`, 'user-1', 'key-1')).not.toBe(keyedNameBasedUuid(secret, 'user-1', 'key-1'));
  });

  it('tell lists of names apart however their characters are split between names', () => {
    expect(keyedNameBasedUuid(secret, 'ab', 'c')).not.toBe(keyedNameBasedUuid(secret, 'a', 'bc'));
    expect(keyedNameBasedUuid(secret, 'a\u0000b')).not.toBe(keyedNameBasedUuid(secret, 'a', 'b'));
  });

  it('never change: ids already stored and sent to providers must be derived again the same way', () => {
    expect(keyedNameBasedUuid(secret, 'u', 'k')).toBe('78ea6b94-dd81-8a40-9e16-f11cd33a8d4e');
    expect(keyedNameBasedUuid(Buffer.from(secret), 'u', 'k')).toBe('78ea6b94-dd81-8a40-9e16-f11cd33a8d4e');
  });
});
