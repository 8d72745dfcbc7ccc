import { NeutralProviderEvent, ParsedWebhook } from '@payments/providers';
import { providerEventRecord } from './provider-event-record';

const orderId = '3f0c1b9e-6a2d-4c4b-9e8f-0a1b2c3d4e5f';
const receivedAt = new Date('2024-11-22T18:30:00.000Z');
const event = (fields: Partial<NeutralProviderEvent> = {}): NeutralProviderEvent => ({
  kind: 'payment.failed', provider: 'stripe', providerEventId: 'evt_1', providerObjectId: 'pi_1', orderId, amountMinor: 4999, currency: 'USD',
  occurredAt: '2024-11-22T18:26:40.000Z', providerType: 'payment_intent.payment_failed', reason: 'Your card 4242 4242 4242 4242 was declined',
  reasonCode: 'insufficient_funds', ...fields,
});
const parsed = (fields: Partial<NeutralProviderEvent> = {}): ParsedWebhook => {
  const neutral = event(fields);
  return { accepted: true, event: neutral, providerEventId: neutral.providerEventId, providerType: neutral.providerType };
};
const body = { id: 'evt_1', data: { object: { last_payment_error: { message: 'Your card 4242 4242 4242 4242 was declined' } } } };

describe('recording a verified provider event', () => {
  it('keeps the redacted body and the message to publish, which carries the reason code only', () => {
    const record = providerEventRecord(parsed(), body, receivedAt);
    expect(record).toMatchObject({ providerEventId: 'evt_1', providerType: 'payment_intent.payment_failed', orderId, outcome: 'published' });
    expect(record.payload).not.toContain('4242');
    expect(record.message).toMatchObject({ topic: 'payments.provider-events', envelope: { type: 'PaymentAttemptFailed', key: orderId, payload: { reason: 'insufficient_funds' } } });
    expect(JSON.stringify(record.message)).not.toContain('4242');
  });

  it('stores without publishing an event that names no order of ours, and ignores one it does not act on', () => {
    expect(providerEventRecord(parsed({ orderId: 'order_OFR_2' }), body, receivedAt)).toMatchObject({ outcome: 'stored', orderId: null, message: null });
    const ignored: ParsedWebhook = { accepted: true, ignored: true, providerEventId: 'evt_2', providerType: 'customer.created' };
    expect(providerEventRecord(ignored, body, receivedAt)).toMatchObject({ outcome: 'ignored', providerType: 'customer.created', message: null });
  });

  it('refuses an event whose fields do not make a valid message instead of recording it', () => {
    expect(() => providerEventRecord(parsed({ kind: 'payment.succeeded', currency: 'US DOLLARS' }), body, receivedAt)).toThrow(expect.objectContaining({
      name: 'WebhookPayloadError', code: 'WEBHOOK.INVALID_FIELD', message: expect.stringContaining('does not make a valid PaymentSucceeded'),
    }));
  });
});
