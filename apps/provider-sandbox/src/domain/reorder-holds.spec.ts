import { ReorderHolds } from './reorder-holds';

describe('holding events to deliver them out of order', () => {
  let holds: ReorderHolds<string>;
  beforeEach(() => {
    holds = new ReorderHolds<string>();
  });

  it('holds an event that asks to be reordered, and sends the next event of the same payment first, with the held one after it', () => {
    expect(holds.admit('pi_1', 'payment_intent.succeeded', true)).toEqual({ hold: true });
    expect(holds.admit('pi_1', 'checkout.session.completed', false)).toEqual({ hold: false, after: ['payment_intent.succeeded'] });
  });

  it('lets the next event go first even when it asks to be reordered too, so two reordered events swap', () => {
    holds.admit('pi_1', 'first', true);
    expect(holds.admit('pi_1', 'second', true)).toEqual({ hold: false, after: ['first'] });
    expect(holds.admit('pi_1', 'third', false)).toEqual({ hold: false, after: [] });
  });

  it('keeps payments apart: an event of another payment releases nothing', () => {
    holds.admit('pi_1', 'of pi_1', true);
    expect(holds.admit('pi_2', 'of pi_2', false)).toEqual({ hold: false, after: [] });
    expect(holds.admit('pi_1', 'next of pi_1', false)).toEqual({ hold: false, after: ['of pi_1'] });
  });

  it('sends an event that names no payment at once', () => {
    expect(holds.admit(null, 'customer.created', true)).toEqual({ hold: false, after: [] });
  });

  it('gives up waiting for a successor only while the event is still held', () => {
    holds.admit('pi_1', 'held', true);
    expect(holds.giveUp('pi_1', 'held')).toBe(true);
    expect(holds.admit('pi_1', 'next', false)).toEqual({ hold: false, after: [] });
    holds.admit('pi_2', 'held', true);
    holds.admit('pi_2', 'next', false);
    expect(holds.giveUp('pi_2', 'held')).toBe(false);
  });
});
