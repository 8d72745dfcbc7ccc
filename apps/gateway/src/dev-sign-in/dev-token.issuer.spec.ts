import { createLocalJWKSet, jwtVerify } from 'jose';
import { DEV_TOKEN_ISSUER, DevTokenIssuer } from './dev-token.issuer';

describe('the development token issuer', () => {
  it('signs RS256 tokens that its own JWKS verifies, with the subject and roles asked for', async () => {
    const issuer = await DevTokenIssuer.create();
    const token = await issuer.sign('buyer-1', ['admin']);
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(issuer.jwks()), { issuer: DEV_TOKEN_ISSUER });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ sub: 'buyer-1', roles: ['admin'] });
    expect(typeof payload.iat).toBe('number');
  });

  it('makes new keys each time it starts: another instance\'s tokens do not verify', async () => {
    const [one, other] = await Promise.all([DevTokenIssuer.create(), DevTokenIssuer.create()]);
    await expect(jwtVerify(await other.sign('buyer-1', []), createLocalJWKSet(one.jwks()))).rejects.toThrow();
  });
});
