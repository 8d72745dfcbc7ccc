import { IdempotencyStore, requestFingerprint } from './idempotency.store';

const t0 = new Date('2024-11-22T10:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const create = requestFingerprint('POST', '/v1/payment_intents', { amount: '4999', currency: 'usd' });

describe('the idempotency store', () => {
  let store: IdempotencyStore<{ status: number; body: string }>;
  beforeEach(() => {
    store = new IdempotencyStore(60_000);
  });

  it('lets the first request with a key execute', () => {
    expect(store.begin('acct', 'k1', create, t0)).toEqual({ kind: 'execute' });
  });

  it('replays the saved response to a retry with the same key and parameters', () => {
    store.begin('acct', 'k1', create, t0);
    store.complete('acct', 'k1', { status: 200, body: 'pi_1' });
    expect(store.begin('acct', 'k1', create, later(1_000))).toEqual({ kind: 'replay', response: { status: 200, body: 'pi_1' } });
  });

  it('replays a saved error response just like a success', () => {
    store.begin('acct', 'k1', create, t0);
    store.complete('acct', 'k1', { status: 500, body: 'api_error' });
    expect(store.begin('acct', 'k1', create, t0)).toMatchObject({ kind: 'replay', response: { status: 500 } });
  });

  it('reports a retry that arrives while the first request is still executing as in flight', () => {
    store.begin('acct', 'k1', create, t0);
    expect(store.begin('acct', 'k1', create, t0)).toEqual({ kind: 'in_flight' });
  });

  it('refuses the key with other parameters, whether the first request finished or not', () => {
    const otherAmount = requestFingerprint('POST', '/v1/payment_intents', { amount: '5000', currency: 'usd' });
    store.begin('acct', 'k1', create, t0);
    expect(store.begin('acct', 'k1', otherAmount, t0)).toEqual({ kind: 'mismatch' });
    store.complete('acct', 'k1', { status: 200, body: 'pi_1' });
    expect(store.begin('acct', 'k1', otherAmount, t0)).toEqual({ kind: 'mismatch' });
  });

  it('refuses the key on another endpoint', () => {
    store.begin('acct', 'k1', create, t0);
    expect(store.begin('acct', 'k1', requestFingerprint('POST', '/v1/payment_intents/pi_1/cancel', {}), t0)).toEqual({ kind: 'mismatch' });
  });

  it('keeps keys of different scopes apart', () => {
    store.begin('acct_a', 'k1', create, t0);
    expect(store.begin('acct_b', 'k1', create, t0)).toEqual({ kind: 'execute' });
  });

  it('saves nothing for a released key, so the next request with it executes afresh', () => {
    store.begin('acct', 'k1', create, t0);
    store.release('acct', 'k1');
    expect(store.begin('acct', 'k1', requestFingerprint('POST', '/v1/payment_intents', { amount: '1' }), t0)).toEqual({ kind: 'execute' });
  });

  it('does not release a key whose response was saved', () => {
    store.begin('acct', 'k1', create, t0);
    store.complete('acct', 'k1', { status: 200, body: 'pi_1' });
    store.release('acct', 'k1');
    expect(store.begin('acct', 'k1', create, t0)).toMatchObject({ kind: 'replay' });
  });

  it('forgets a key once its time to live has passed', () => {
    store.begin('acct', 'k1', create, t0);
    store.complete('acct', 'k1', { status: 200, body: 'pi_1' });
    expect(store.begin('acct', 'k1', create, later(60_000))).toEqual({ kind: 'execute' });
  });

  it('fingerprints parameters independently of key order and of the method case', () => {
    expect(requestFingerprint('post', '/v1/x', { b: '1', a: { d: '2', c: '3' } })).toBe(requestFingerprint('POST', '/v1/x', { a: { c: '3', d: '2' }, b: '1' }));
  });
});
