import { DISPUTE_ID, disputeActionRequestHash, disputeActionRequestIdFor } from './dispute-action-identity';

const orderId = '7f1d2c9e-9a1b-4c1e-8e5f-0a1b2c3d4e5f';

describe('dispute action identity', () => {
  it('names the same request for the same admin and Idempotency-Key, and different requests otherwise', () => {
    const requestId = disputeActionRequestIdFor('admin-1', 'key-1');
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(disputeActionRequestIdFor('admin-1', 'key-1')).toBe(requestId);
    expect(disputeActionRequestIdFor('admin-2', 'key-1')).not.toBe(requestId);
    expect(disputeActionRequestIdFor('admin-1', 'key')).not.toBe(disputeActionRequestIdFor('admin-1k', 'ey'));
  });

  it('hashes the order, dispute, action and explanation apart', () => {
    const hash = disputeActionRequestHash(orderId, 'du_1', 'submit-evidence', 'delivered');
    expect(disputeActionRequestHash(orderId, 'du_1', 'submit-evidence', 'delivered')).toBe(hash);
    expect(disputeActionRequestHash(orderId, 'du_2', 'submit-evidence', 'delivered')).not.toBe(hash);
    expect(disputeActionRequestHash(orderId, 'du_1', 'submit-evidence', 'watched')).not.toBe(hash);
    expect(disputeActionRequestHash(orderId, 'du_1', 'accept')).not.toBe(hash);
  });

  it.each([['du_1NqZ2a'], ['433475258']])('takes the provider dispute id %p', (id) => expect(DISPUTE_ID.test(id)).toBe(true));
  it.each([[''], ['du 1'], ['du/1'], ['x'.repeat(256)]])('refuses the dispute id %p', (id) => expect(DISPUTE_ID.test(id)).toBe(false));
});
