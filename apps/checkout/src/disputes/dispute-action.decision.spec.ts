import { DisputeActionRequestedV1 } from '@payments/contracts';
import { ProviderError } from '@payments/providers';
import { answerOfProviderError, completionOf, providerCallOf } from './dispute-action.decision';

const request = (fields: Partial<DisputeActionRequestedV1> = {}): DisputeActionRequestedV1 => ({
  requestId: '6f1c2a9e-3b7d-4c8e-9a51-2d4f6b8c0e13', orderId: '3f0c1b9e-6a2d-4c4b-9e8f-0a1b2c3d4e5f', provider: 'stripe', disputeId: 'du_1',
  action: 'accept', requestedBy: 'admin-1', requestedAt: '2026-11-22T10:00:00.000Z', ...fields,
});
const at = new Date('2026-11-22T10:00:05.000Z');

describe("checkout's decisions on an admin's dispute action", () => {
  it('accepts a dispute at the provider under a key derived from the request, so a redelivery replays the first answer', () => {
    expect(providerCallOf(request())).toEqual({ action: 'accept', disputeId: 'du_1', idempotencyKey: 'dispute-action-6f1c2a9e-3b7d-4c8e-9a51-2d4f6b8c0e13' });
  });

  it('submits evidence with the explanation, and refuses evidence without one before calling anybody', () => {
    expect(providerCallOf(request({ action: 'submit-evidence', explanation: 'Delivered: the course was watched to the end' }))).toMatchObject({
      action: 'submit-evidence', explanation: 'Delivered: the course was watched to the end',
    });
    expect(providerCallOf(request({ action: 'submit-evidence' }))).toEqual({ refused: 'DISPUTE.EXPLANATION_MISSING' });
  });

  it("reports the provider's status afterwards when done", () => {
    expect(completionOf(request(), { result: { disputeId: 'du_1', status: 'lost' } }, at)).toEqual({
      requestId: request().requestId, orderId: request().orderId, provider: 'stripe', disputeId: 'du_1', action: 'accept',
      outcome: 'done', status: 'lost', completedAt: '2026-11-22T10:00:05.000Z',
    });
  });

  it("reports a refusal with the provider's code, or ours when its code does not read as one", () => {
    const refused = answerOfProviderError(new ProviderError('PROVIDER.INVALID_REQUEST', 'already closed', { providerCode: 'charge_dispute_closed' }));
    expect(completionOf(request(), refused, at)).toMatchObject({ outcome: 'refused', errorCode: 'charge_dispute_closed' });
    expect(answerOfProviderError(new ProviderError('PROVIDER.INVALID_REQUEST', 'x', { providerCode: 'Dispute 4111 1111 is closed' }))).toEqual({ refused: 'PROVIDER.INVALID_REQUEST' });
  });

  it('throws a provider outage or anything unexpected, for the consumer to retry', () => {
    const outage = new ProviderError('PROVIDER.UNAVAILABLE', 'timed out');
    expect(() => answerOfProviderError(outage)).toThrow(outage);
    expect(() => answerOfProviderError(new Error('bug'))).toThrow('bug');
  });
});
