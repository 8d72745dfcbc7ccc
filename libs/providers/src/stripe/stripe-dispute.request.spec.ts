import { EVIDENCE_TEXT_MAX_LENGTH, assertDisputeAction, evidenceParams } from './stripe-dispute.request';

describe('a dispute action before it reaches Stripe', () => {
  it('passes an accept or a contest of a Stripe dispute with our key', () => {
    expect(() => assertDisputeAction({ action: 'accept', disputeId: 'du_1', idempotencyKey: 'dispute-du_1-accept' })).not.toThrow();
    expect(() => assertDisputeAction({ action: 'submit-evidence', disputeId: 'dp_1', idempotencyKey: 'k', explanation: 'Delivered on 22 Nov' })).not.toThrow();
  });

  it.each([
    [{ action: 'accept', disputeId: 'pi_1', idempotencyKey: 'k' }, /not a Stripe dispute id: "pi_1"/],
    [{ action: 'accept', disputeId: 'du_1', idempotencyKey: '' }, /idempotency key/],
    [{ action: 'submit-evidence', disputeId: 'du_1', idempotencyKey: 'k', explanation: '  ' }, /needs an explanation/],
    [{ action: 'submit-evidence', disputeId: 'du_1', idempotencyKey: 'k', explanation: 'x'.repeat(EVIDENCE_TEXT_MAX_LENGTH + 1) }, /at most 20000 characters/],
  ] as const)('refuses %j as an invalid request', (action, message) => {
    expect(() => assertDisputeAction(action)).toThrow(expect.objectContaining({ code: 'PROVIDER.INVALID_REQUEST', message: expect.stringMatching(message) }));
  });

  it('sends the explanation as uncategorized text and submits it', () => {
    expect(evidenceParams('Delivered')).toEqual({ evidence: { uncategorized_text: 'Delivered' }, submit: true });
  });
});
