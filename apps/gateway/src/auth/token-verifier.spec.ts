import { JWTPayload, SignJWT, createLocalJWKSet, errors, exportJWK, generateKeyPair } from 'jose';
import { TokenVerifier } from './token-verifier';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const hs256 = (claims: JWTPayload = {}, key = secret, expiresAt: string | number = '5m') =>
  new SignJWT({ roles: ['admin'], ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject('user-1').setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(key));
const anHourAgo = () => Math.floor(Date.now() / 1000) - 3600;

async function identityProvider() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] });
  const rs256 = (claims: JWTPayload = {}) =>
    new SignJWT({ roles: [], ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('user-2').setExpirationTime('5m').sign(privateKey);
  return { jwks, rs256 };
}

const refusedAs = (code: string) => expect.objectContaining({ code });

describe('the bearer token verifier', () => {
  it('accepts an HS256 token signed with the secret and names its user and roles', async () => {
    await expect(new TokenVerifier({ secret }).verify(await hs256())).resolves.toEqual({ id: 'user-1', roles: ['admin'] });
  });

  it.each([
    ['signed with another key', () => hs256({}, 'another-secret-that-is-also-long-enough-012')],
    ['expired an hour ago', () => hs256({}, secret, anHourAgo())],
    ['that is not a JWT', async () => 'not-a-jwt'],
    ['without a signature (alg none)', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"u","exp":9999999999}').toString('base64url')}.`],
    ['without an expiry', () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u').sign(new TextEncoder().encode(secret))],
  ])('refuses an HS256 token %s as AUTH.UNAUTHENTICATED', async (_, token) => {
    await expect(new TokenVerifier({ secret }).verify(await token())).rejects.toEqual(refusedAs('AUTH.UNAUTHENTICATED'));
  });

  it('says an expired token has expired', async () => {
    await expect(new TokenVerifier({ secret }).verify(await hs256({}, secret, anHourAgo()))).rejects.toThrow('the bearer token has expired');
  });

  it("accepts an RS256 token from the identity provider's key set", async () => {
    const { jwks, rs256 } = await identityProvider();
    await expect(new TokenVerifier({ jwks }).verify(await rs256())).resolves.toEqual({ id: 'user-2', roles: [] });
  });

  it('accepts only the algorithms whose keys are configured', async () => {
    const { jwks, rs256 } = await identityProvider();
    await expect(new TokenVerifier({ jwks }).verify(await hs256())).rejects.toEqual(refusedAs('AUTH.UNAUTHENTICATED'));
    await expect(new TokenVerifier({ secret }).verify(await rs256())).rejects.toEqual(refusedAs('AUTH.UNAUTHENTICATED'));
    const both = new TokenVerifier({ secret, jwks });
    await expect(both.verify(await hs256())).resolves.toMatchObject({ id: 'user-1' });
    await expect(both.verify(await rs256())).resolves.toMatchObject({ id: 'user-2' });
  });

  it('checks the issuer and the audience when they are configured', async () => {
    const { jwks, rs256 } = await identityProvider();
    const verifier = new TokenVerifier({ jwks, issuer: 'https://id.example/', audience: 'payments' });
    await expect(verifier.verify(await rs256({ iss: 'https://id.example/', aud: ['payments', 'lms'] }))).resolves.toMatchObject({ id: 'user-2' });
    await expect(verifier.verify(await rs256({ iss: 'https://evil.example/', aud: 'payments' }))).rejects.toEqual(refusedAs('AUTH.UNAUTHENTICATED'));
    await expect(verifier.verify(await rs256({ iss: 'https://id.example/', aud: 'lms' }))).rejects.toEqual(refusedAs('AUTH.UNAUTHENTICATED'));
    await expect(verifier.verify(await rs256())).rejects.toEqual(refusedAs('AUTH.UNAUTHENTICATED'));
  });

  it.each([
    ['answers with an error status', new errors.JOSEError('Expected 200 OK from the JSON Web Key Set HTTP response')],
    ['times out', new errors.JWKSTimeout()],
    ['cannot be reached', new Error('connect ECONNREFUSED 127.0.0.1:443')],
  ])('answers 503 SERVICE.UNAVAILABLE, not 401, when the identity provider %s', async (_, failure) => {
    const { rs256 } = await identityProvider();
    const verifier = new TokenVerifier({ jwks: async () => { throw failure; } });
    await expect(verifier.verify(await rs256())).rejects.toEqual(refusedAs('SERVICE.UNAVAILABLE'));
  });
});
