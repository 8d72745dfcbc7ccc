import { ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { ConfigError } from './config';
import { InternalApiGuard, internalApiHeaders, internalApiTokenFrom, presentsInternalToken } from './internal-api.guard';

const TOKEN = 'internal-token-0123456789abcdef-0123456789';

function requestWith(headers: Record<string, string>): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => ({ headers }) }) } as unknown as ExecutionContext;
}

describe('the internal API token', () => {
  it('is required with NODE_ENV=production, naming the variable', () => {
    expect(() => internalApiTokenFrom({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => internalApiTokenFrom({ NODE_ENV: 'production' })).toThrow(/INTERNAL_API_TOKEN/);
  });

  it('is optional elsewhere, and refused when too short to be a secret', () => {
    expect(internalApiTokenFrom({})).toBeNull();
    expect(() => internalApiTokenFrom({ INTERNAL_API_TOKEN: 'short' })).toThrow(/at least 32/);
    expect(internalApiTokenFrom({ INTERNAL_API_TOKEN: TOKEN, NODE_ENV: 'production' })).toBe(TOKEN);
  });

  it('is presented as a bearer token, and only the exact token passes', () => {
    expect(presentsInternalToken(internalApiHeaders(TOKEN).authorization, TOKEN)).toBe(true);
    expect(presentsInternalToken(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(presentsInternalToken(TOKEN, TOKEN)).toBe(false);
    expect(presentsInternalToken(undefined, TOKEN)).toBe(false);
    expect(internalApiHeaders(null)).toEqual({});
  });
});

describe('InternalApiGuard', () => {
  const previous = process.env.INTERNAL_API_TOKEN;
  afterEach(() => {
    if (previous === undefined) delete process.env.INTERNAL_API_TOKEN;
    else process.env.INTERNAL_API_TOKEN = previous;
  });

  it('refuses a call without the token with 401 INTERNAL_API.UNAUTHORIZED, and lets the token through', () => {
    process.env.INTERNAL_API_TOKEN = TOKEN;
    const guard = new InternalApiGuard();
    expect(() => guard.canActivate(requestWith({}))).toThrow(UnauthorizedException);
    expect(() => guard.canActivate(requestWith({ authorization: 'Bearer wrong' }))).toThrow(UnauthorizedException);
    expect(guard.canActivate(requestWith(internalApiHeaders(TOKEN)))).toBe(true);
  });

  it('lets every call through when no token is configured (development)', () => {
    delete process.env.INTERNAL_API_TOKEN;
    expect(new InternalApiGuard().canActivate(requestWith({}))).toBe(true);
  });
});
