import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { JWK, KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { eventually } from '@payments/testing';
import { E2eSystem, bearerFor, startE2eSystem } from './e2e-system';
import { call, newUser } from './gateway-http.fixture';

/** One signing key of the identity provider: its private half, and the public JWK it publishes. */
interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly publicJwk: JWK;
}

async function signingKey(kid: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

const tokenSignedWith = (key: SigningKey, userId: string) =>
  new SignJWT({ roles: [] }).setProtectedHeader({ alg: 'RS256', kid: key.kid }).setSubject(userId).setIssuedAt().setExpirationTime('10m').sign(key.privateKey);

/** A stand-in identity provider over real HTTP: serves whatever key set the test publishes. */
async function identityProvider() {
  let published: SigningKey[] = [];
  const server: Server = createServer((request, response) => {
    if (request.url !== '/.well-known/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published.map((key) => key.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    publish: (...keys: SigningKey[]) => { published = keys; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The gateway caches the key set for 1 s and may fetch it again at once for a key it does not know. */
const JWKS_CACHE = { JWT_JWKS_CACHE_MAX_AGE_MS: '1000', JWT_JWKS_COOLDOWN_MS: '0' };

describe("the gateway follows the identity provider's key rotation, over real HTTP", () => {
  let e2e: E2eSystem;
  let idp: Awaited<ReturnType<typeof identityProvider>>;
  let oldKey: SigningKey;
  let newKey: SigningKey;
  const userId = newUser();

  beforeAll(async () => {
    [idp, oldKey, newKey] = await Promise.all([identityProvider(), signingKey('key-2025'), signingKey('key-2026')]);
    idp.publish(oldKey);
    e2e = await startE2eSystem({ JWT_JWKS_URL: idp.jwksUrl, ...JWKS_CACHE });
  });

  afterAll(async () => {
    await e2e?.stop();
    await idp?.close();
  });

  const ordersWith = async (token: string) => call('GET', '/api/orders', { token });

  it('accepts tokens of the published key and refuses one signed with a key it has not published', async () => {
    expect((await ordersWith(await tokenSignedWith(oldKey, userId))).status).toBe(200);
    const unpublished = await ordersWith(await tokenSignedWith(newKey, userId));
    expect(unpublished.status).toBe(401);
    expect(unpublished.body.error?.code).toBe('AUTH.UNAUTHENTICATED');
    expect(unpublished.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('accepts a token signed with a new kid as soon as the key set has it, and the old key while both are published', async () => {
    idp.publish(oldKey, newKey);
    expect((await ordersWith(await tokenSignedWith(newKey, userId))).status).toBe(200);
    expect((await ordersWith(await tokenSignedWith(oldKey, userId))).status).toBe(200);
  });

  it('refuses a token signed with a removed key (401) once the cached key set has expired, and keeps accepting the new one', async () => {
    idp.publish(newKey);
    const oldToken = await tokenSignedWith(oldKey, userId);
    const refused = await eventually(async () => {
      const answer = await ordersWith(oldToken);
      return answer.status === 200 ? undefined : answer;
    }, 30_000, 'the removed key refused');
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe('AUTH.UNAUTHENTICATED');
    expect((await ordersWith(await tokenSignedWith(newKey, userId))).status).toBe(200);
  });

  it('keeps accepting HS256 tokens alongside the key set while both are configured', async () => {
    expect((await ordersWith(await bearerFor(userId))).status).toBe(200);
  });
});
