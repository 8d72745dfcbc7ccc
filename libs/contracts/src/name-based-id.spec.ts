import { nameBasedUuid, uuidV5 } from './name-based-id';

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
