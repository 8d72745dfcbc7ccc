import { isAdmin, rolesFromClaim, userFromClaims } from './token-claims';

describe('token claims', () => {
  it.each([
    [['admin', 'support'], ['admin', 'support']],
    ['admin support', ['admin', 'support']],
    [['admin', 7, null, ''], ['admin']],
    [undefined, []],
    [{ admin: true }, []],
  ])('read the roles claim %p as %p', (claim, roles) => {
    expect(rolesFromClaim(claim)).toEqual(roles);
  });

  it('make `sub` the user id, keeping the email when it fits a message', () => {
    expect(userFromClaims({ sub: 'user-1', roles: ['admin'], email: 'a@b.example' })).toEqual({ id: 'user-1', roles: ['admin'], email: 'a@b.example' });
    expect(userFromClaims({ sub: 'user-1', email: `${'a'.repeat(250)}@b.example` })).toEqual({ id: 'user-1', roles: [] });
  });

  it.each([
    ['no subject', {}],
    ['a blank subject', { sub: '  ' }],
    ['a numeric subject', { sub: 42 }],
    ['a subject longer than 255 characters', { sub: 'u'.repeat(256) }],
  ])('refuse a token with %s as AUTH.UNAUTHENTICATED', (_, claims) => {
    expect(() => userFromClaims(claims)).toThrow(expect.objectContaining({ code: 'AUTH.UNAUTHENTICATED' }));
  });

  it('grant admin rights only to the admin role', () => {
    expect(isAdmin({ id: 'u', roles: ['admin'] })).toBe(true);
    expect(isAdmin({ id: 'u', roles: ['Admin', 'administrator'] })).toBe(false);
  });
});
