import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { JWTPayload, SignJWT, createLocalJWKSet, errors, exportJWK, generateKeyPair } from 'jose';
import { CLOCK_TOLERANCE_SECONDS, TokenVerifier } from './token-verifier';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const maxTokenAgeSeconds = 86_400;
const hs256 = (claims: JWTPayload = {}, key = secret, expiresAt: string | number = '5m') =>
  new SignJWT({ roles: ['admin'], ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject('user-1').setIssuedAt().setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(key));
const anHourAgo = () => Math.floor(Date.now() / 1000) - 3600;

async function identityProvider() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] });
  const rs256 = (claims: JWTPayload = {}) =>
    new SignJWT({ roles: [], ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('user-2').setIssuedAt().setExpirationTime('5m')
      .sign(privateKey);
  return { jwks, rs256 };
}

const refusedAs = (code: string) => expect.objectContaining({ code });

describe('the bearer token verifier', () => {
  it('accepts an HS256 token signed with the secret and names its user and roles', async () => {
    await expect(new TokenVerifier({ maxTokenAgeSeconds, secret }).verify(await hs256())).resolves.toEqual({ id: 'user-1', roles: ['admin'] });
  });

  it.each([
    ['signed with another key', () => hs256({}, 'another-secret-that-is-also-long-enough-012')],
    ['expired an hour ago', () => hs256({}, secret, anHourAgo())],
    ['that is not a JWT', async () => 'not-a-jwt'],
    ['without a signature (alg none)', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"u","exp":9999999999}').toString('base64url')}.`],
    ['without an expiry', () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuedAt().sign(new TextEncoder().encode(secret))],
  ])('refuses an HS256 token %s as AUTH.UNAUTHENTICATED', async (_, token) => {
    await expect(new TokenVerifier({ maxTokenAgeSeconds, secret }).verify(await token())).rejects.toEqual(refusedAs('AUTH.UNAUTHENTICATED'));
  });

  it('says an expired token has expired', async () => {
    await expect(new TokenVerifier({ maxTokenAgeSeconds, secret }).verify(await hs256({}, secret, anHourAgo()))).rejects.toThrow('the bearer token has expired');
  });

  it("accepts an RS256 token from the identity provider's key set", async () => {
    const { jwks, rs256 } = await identityProvider();
    await expect(new TokenVerifier({ maxTokenAgeSeconds, jwks }).verify(await rs256())).resolves.toEqual({ id: 'user-2', roles: [] });
  });

  it('accepts only the algorithms whose keys are configured', async () => {
    const { jwks, rs256 } = await identityProvider();
    await expect(new TokenVerifier({ maxTokenAgeSeconds, jwks }).verify(await hs256())).rejects.toEqual(refusedAs('AUTH.UNAUTHENTICATED'));
    await expect(new TokenVerifier({ maxTokenAgeSeconds, secret }).verify(await rs256())).rejects.toEqual(refusedAs('AUTH.UNAUTHENTICATED'));
    const both = new TokenVerifier({ maxTokenAgeSeconds, secret, jwks });
    await expect(both.verify(await hs256())).resolves.toMatchObject({ id: 'user-1' });
    await expect(both.verify(await rs256())).resolves.toMatchObject({ id: 'user-2' });
  });

  it('checks the issuer and the audience when they are configured', async () => {
    const { jwks, rs256 } = await identityProvider();
    const verifier = new TokenVerifier({ maxTokenAgeSeconds, jwks, issuer: 'https://id.example/', audience: 'payments' });
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
    const verifier = new TokenVerifier({ maxTokenAgeSeconds, jwks: async () => { throw failure; } });
    await expect(verifier.verify(await rs256())).rejects.toEqual(refusedAs('SERVICE.UNAVAILABLE'));
  });
});

describe("the bearer token verifier's limits on when a token was issued", () => {
  const now = new Date('2024-11-22T18:26:40.000Z');
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const tenYears = 10 * 365 * 86_400;
  const verifierAt = (clock: Date) => new TokenVerifier({ secret, maxTokenAgeSeconds, now: () => clock });
  const issued = (iat: unknown, exp = nowSeconds + 300) =>
    new SignJWT({ iat, exp } as JWTPayload).setProtectedHeader({ alg: 'HS256' }).setSubject('user-1').sign(new TextEncoder().encode(secret));

  it('accepts a token issued up to the clock tolerance ahead of our clock', async () => {
    await expect(verifierAt(now).verify(await issued(nowSeconds + CLOCK_TOLERANCE_SECONDS))).resolves.toMatchObject({ id: 'user-1' });
  });

  it.each([
    ['one second past the tolerance', CLOCK_TOLERANCE_SECONDS + 1],
    ['an hour', 3_600],
  ])('refuses a token issued %s ahead of our clock, saying it was issued in the future', async (_, aheadSeconds) => {
    const refused = verifierAt(now).verify(await issued(nowSeconds + aheadSeconds, nowSeconds + aheadSeconds + 300));
    await expect(refused).rejects.toEqual(refusedAs('AUTH.UNAUTHENTICATED'));
    await expect(refused).rejects.toThrow(`the bearer token was issued in the future: its iat is more than ${CLOCK_TOLERANCE_SECONDS} s ahead of our clock`);
  });

  it('accepts a token as old as the maximum age plus the clock tolerance, and refuses it a second later', async () => {
    const token = await issued(nowSeconds - maxTokenAgeSeconds, nowSeconds + 3_600);
    await expect(verifierAt(new Date(now.getTime() + CLOCK_TOLERANCE_SECONDS * 1000)).verify(token)).resolves.toMatchObject({ id: 'user-1' });
    const refused = verifierAt(new Date(now.getTime() + (CLOCK_TOLERANCE_SECONDS + 1) * 1000)).verify(token);
    await expect(refused).rejects.toEqual(refusedAs('AUTH.UNAUTHENTICATED'));
    await expect(refused).rejects.toThrow('the bearer token has expired: it was issued more than 86400 s ago, the longest a token is accepted for');
  });

  it('accepts a token valid for ten years only until it is the maximum age old', async () => {
    const token = await issued(nowSeconds, nowSeconds + tenYears);
    await expect(verifierAt(now).verify(token)).resolves.toMatchObject({ id: 'user-1' });
    await expect(verifierAt(new Date(now.getTime() + 2 * maxTokenAgeSeconds * 1000)).verify(token)).rejects.toThrow(/has expired: it was issued more than/);
  });

  it('refuses a token without an issued-at time, saying iat is required', async () => {
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('user-1').setExpirationTime(nowSeconds + tenYears)
      .sign(new TextEncoder().encode(secret));
    await expect(verifierAt(now).verify(token)).rejects.toEqual(refusedAs('AUTH.UNAUTHENTICATED'));
    await expect(verifierAt(now).verify(token)).rejects.toThrow('the bearer token has no issued-at time (iat), which is required to bound its age');
  });

  it('refuses a token whose issued-at time is not a number', async () => {
    await expect(verifierAt(now).verify(await issued(String(nowSeconds)))).rejects.toThrow('the bearer token issued-at time (iat) is not a number');
  });

  it('still says a token past its exp has expired, whatever its iat', async () => {
    await expect(verifierAt(now).verify(await issued(nowSeconds - 600, nowSeconds - 60))).rejects.toThrow(/^the bearer token has expired$/);
  });

  it('cannot be built without a positive maximum token age, which jose would read as no limit', () => {
    expect(() => new TokenVerifier({ secret, maxTokenAgeSeconds: 0 })).toThrow(expect.objectContaining({ code: 'CONFIG.INVALID' }));
  });
});

describe('the bearer token verifier with JWT_JWKS_URL, over HTTP', () => {
  let server: Server;
  let jwksUrl: string;
  let keysServed = 0;
  let rs256: (claims?: JWTPayload) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const body = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] });
    rs256 = (claims = {}) =>
      new SignJWT({ roles: ['admin'], ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('user-3').setIssuedAt().setExpirationTime('5m')
        .sign(privateKey);
    server = createServer((request, response) => {
      if (request.url !== '/.well-known/jwks.json') {
        response.writeHead(404).end();
        return;
      }
      keysServed += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("fetches the identity provider's keys and accepts its RS256 tokens, still refusing HS256 tokens it has no secret for", async () => {
    const verifier = TokenVerifier.fromConfig({ jwksUrl, maxTokenAgeSeconds });
    await expect(verifier.verify(await rs256())).resolves.toEqual({ id: 'user-3', roles: ['admin'] });
    await expect(verifier.verify(await hs256())).rejects.toEqual(refusedAs('AUTH.UNAUTHENTICATED'));
    expect(keysServed).toBeGreaterThanOrEqual(1);
  });

  it('answers 503 SERVICE.UNAVAILABLE, not 401, when the key set cannot be fetched', async () => {
    const missing = TokenVerifier.fromConfig({ jwksUrl: jwksUrl.replace('/.well-known/jwks.json', '/nowhere'), maxTokenAgeSeconds });
    await expect(missing.verify(await rs256())).rejects.toEqual(refusedAs('SERVICE.UNAVAILABLE'));
    // A port that was just free: nothing listens there any more.
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const port = (gone.address() as AddressInfo).port;
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    const closed = TokenVerifier.fromConfig({ jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`, maxTokenAgeSeconds });
    await expect(closed.verify(await rs256())).rejects.toEqual(refusedAs('SERVICE.UNAVAILABLE'));
  });
});
