import {
  EXPLANATION_MAX_LENGTH, daysToRespond, disputeActionPath, disputesPath, explanationProblem, isDisputeClosed, orderDisputesPath, pendingRequests,
} from './disputes';

const ORDER = '0b7d4f5e-1c2a-4b3c-8d9e-0f1a2b3c4d5e';

describe('the dispute API paths', () => {
  it('lists every stage unless one is chosen, and a provider when given', () => {
    expect(disputesPath({ stage: '', provider: '' })).toBe('/api/admin/disputes?stage=all');
    expect(disputesPath({ stage: 'opened', provider: 'stripe' })).toBe('/api/admin/disputes?stage=opened&provider=stripe');
  });

  it("names an order's disputes and the actions on one, the provider's dispute id escaped", () => {
    expect(orderDisputesPath(ORDER)).toBe(`/api/admin/orders/${ORDER}/disputes`);
    expect(disputeActionPath(ORDER, 'du_1AbC', 'evidence')).toBe(`/api/admin/orders/${ORDER}/disputes/du_1AbC/evidence`);
    expect(disputeActionPath(ORDER, 'cf:dispute/1', 'accept')).toBe(`/api/admin/orders/${ORDER}/disputes/cf%3Adispute%2F1/accept`);
  });
});

describe('a dispute', () => {
  it('is closed once won or lost', () => {
    expect(['none', 'opened', 'won', 'lost'].map((stage) => isDisputeClosed(stage as 'none'))).toEqual([false, false, true, true]);
  });

  it('takes a non-blank explanation of at most 5000 characters', () => {
    expect(explanationProblem('The customer watched every lesson.')).toBeNull();
    expect(explanationProblem('x'.repeat(EXPLANATION_MAX_LENGTH))).toBeNull();
    expect(explanationProblem('   \n')).toMatch(/blank/);
    expect(explanationProblem('x'.repeat(EXPLANATION_MAX_LENGTH + 1))).toMatch(/5001 characters/);
  });

  it('counts the days left to respond, a part day as a whole one', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    expect(daysToRespond('2026-12-11T12:00:00Z', now)).toBe(7);
    expect(daysToRespond('2026-12-04T13:00:00Z', now)).toBe(1);
    expect(daysToRespond('2026-12-03T12:00:00Z', now)).toBe(-1);
  });

  it('shows an action asked for here as pending until the record has it', () => {
    expect(pendingRequests(['r1', 'r2'], [{ requestId: 'r1' }])).toEqual(['r2']);
    expect(pendingRequests(['r1'], [{ requestId: 'r1' }])).toEqual([]);
  });
});
