import { parsePayoutDiscrepancies } from './payout-discrepancies';

describe('the discrepancy knobs of a payout', () => {
  it('are none when absent', () => {
    expect(parsePayoutDiscrepancies(undefined)).toEqual({ ok: true, discrepancies: {} });
  });

  it('read every knob', () => {
    expect(parsePayoutDiscrepancies({
      dropPayment: 'pi_1', changeAmount: { paymentId: 'pi_2', byMinor: -5 }, settleTwice: 'pi_3', unknownFee: { amountMinor: 90, currency: 'inr' },
    })).toEqual({
      ok: true,
      discrepancies: { dropPayment: 'pi_1', changeAmount: { paymentId: 'pi_2', byMinor: -5 }, settleTwice: 'pi_3', unknownFee: { amountMinor: 90, currency: 'INR' } },
    });
  });

  it.each([
    [{ shuffle: true }, 'discrepancies.shuffle', /unknown field "shuffle"/],
    [{ dropPayment: 'ch_1' }, 'discrepancies.dropPayment', /must be a PaymentIntent id/],
    [{ changeAmount: { paymentId: 'pi_1', byMinor: 0 } }, 'discrepancies.changeAmount.byMinor', /other than 0/],
    [{ changeAmount: { paymentId: 'pi_1', byMinor: 1.5 } }, 'discrepancies.changeAmount.byMinor', /whole number/],
    [{ changeAmount: { paymentId: 'pi_1' } }, 'discrepancies.changeAmount.byMinor', /whole number/],
    [{ unknownFee: { amountMinor: -3 } }, 'discrepancies.unknownFee.amountMinor', /positive whole number/],
    [{ unknownFee: { amountMinor: 3, currency: 'XYZ' } }, 'discrepancies.unknownFee.currency', /ISO 4217/],
    [{ unknownFee: 3 }, 'discrepancies.unknownFee', /must be an object/],
    [{ dropPayment: 'pi_1', settleTwice: 'pi_1' }, 'discrepancies', /pi_1 is named by two knobs/],
    [[], 'discrepancies', /must be an object/],
  ])('refuse %j, naming %s', (input, param, message) => {
    expect(parsePayoutDiscrepancies(input)).toEqual({ ok: false, param, message: expect.stringMatching(message) });
  });
});
