import { ApiError, query, refusalOf } from './http';

describe('a refusal from the gateway', () => {
  it("is its code and message from `{ error: { code, message } }`", () => {
    const refusal = refusalOf(409, 'Conflict', JSON.stringify({ error: { code: 'DISPUTE.CLOSED', message: 'the dispute is closed (lost)' } }));
    expect(refusal).toBeInstanceOf(ApiError);
    expect([refusal.status, refusal.code, refusal.message]).toEqual([409, 'DISPUTE.CLOSED', 'the dispute is closed (lost)']);
  });

  it('is the HTTP status when the body is not that (a proxy page, nothing at all)', () => {
    expect([refusalOf(502, 'Bad Gateway', '<html>bad gateway</html>').code, refusalOf(404, 'Not Found', '').code]).toEqual(['HTTP.502', 'HTTP.404']);
    expect(refusalOf(502, 'Bad Gateway', 'null').message).toBe('Bad Gateway');
  });
});

describe('a query string', () => {
  it('has the parameters that are set only', () => {
    expect(query({ provider: 'stripe', date: '', kind: undefined })).toBe('?provider=stripe');
    expect(query({ a: '' })).toBe('');
  });
});
