import { refundTarget } from './refund-target';

describe('the payment a refund call names', () => {
  it('is the PaymentIntent that paid a Stripe order, opened as a PaymentIntent or as a Checkout Session', () => {
    expect(refundTarget('stripe', 'pi_1', 'pi_1')).toEqual({ providerReference: 'pi_1' });
    expect(refundTarget('stripe', 'cs_test_1', 'pi_2')).toEqual({ providerReference: 'pi_2' });
  });

  it('is refused for a Stripe payment that is not a PaymentIntent, or not the one opened for the order', () => {
    expect(refundTarget('stripe', 'cs_test_1', 'ch_1')).toEqual({ refused: expect.stringMatching(/not a Stripe PaymentIntent/) });
    expect(refundTarget('stripe', 'pi_1', 'pi_other')).toEqual({ refused: expect.stringMatching(/not the PaymentIntent pi_1/) });
  });

  it('is the Cashfree order, whichever attempt paid it', () => {
    expect(refundTarget('cashfree', 'order-1', '5114910')).toEqual({ providerReference: 'order-1' });
  });
});
