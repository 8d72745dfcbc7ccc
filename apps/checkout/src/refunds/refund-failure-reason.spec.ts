import { ProviderError } from '@payments/providers';
import { finalStatusFailure, providerRefusal, targetRefusal } from './refund-failure-reason';

describe('the reason a failed refund is published with', () => {
  it("is the provider's code when it gave one, with its sentence kept for the log only", () => {
    const error = new ProviderError('PROVIDER.INVALID_REQUEST', 'Stripe: Charge ch_1 for asha@example.com has already been refunded.', { providerCode: 'charge_already_refunded' });
    expect(providerRefusal(error)).toEqual({ reason: 'charge_already_refunded', detail: `PROVIDER.INVALID_REQUEST: ${error.message}` });
  });

  it('is our own error code when the provider gave none, or gave free text where a code belongs', () => {
    expect(providerRefusal(new ProviderError('PROVIDER.DECLINED', 'Stripe: declined')).reason).toBe('provider_declined');
    expect(providerRefusal(new ProviderError('PROVIDER.DECLINED', 'Stripe: declined', { providerCode: 'card 4242 4242 4242 4242' })).reason).toBe('provider_declined');
  });

  it('names the final status the provider reported, and a payment that is not the order\'s', () => {
    expect(finalStatusFailure('canceled')).toEqual({ reason: 'refund_canceled', detail: 'the provider reported the refund canceled' });
    expect(targetRefusal('payment pi_2 is not the PaymentIntent pi_1 checkout opened for this order')).toEqual({
      reason: 'payment_not_of_order', detail: 'payment pi_2 is not the PaymentIntent pi_1 checkout opened for this order',
    });
  });
});
