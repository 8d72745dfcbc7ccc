import { ChaosUsageError, defaultChaosOptions, parseChaosArgs } from './chaos-options';

describe('chaos flags', () => {
  const defaults = { ...defaultChaosOptions(), seed: 1 };

  it('runs 300 orders over 90 s with two kills per process and one broker restart unless told otherwise', () => {
    expect(parseChaosArgs([], defaults)).toMatchObject({ orders: 300, durationSeconds: 90, kills: 2, brokerRestarts: 1, kafkaPort: 29392 });
  });

  it('subscribes 20 subscribers on each provider unless told otherwise, and none when told 0', () => {
    expect(parseChaosArgs([], defaults)).toMatchObject({ stripeSubscriptions: 20, cashfreeSubscriptions: 20 });
    expect(parseChaosArgs(['--stripe-subscriptions', '4', '--cashfree-subscriptions', '0'], defaults)).toMatchObject({ stripeSubscriptions: 4, cashfreeSubscriptions: 0 });
  });

  it('reads numbers and switches', () => {
    expect(parseChaosArgs(['--orders', '60', '--kills', '1', '--seed', '42', '--keep-database', '--log-level', 'info'], defaults)).toMatchObject({
      orders: 60, kills: 1, seed: 42, keepDatabase: true, logLevel: 'info',
    });
  });

  it.each([
    [['--orders'], /--orders takes a whole number, got nothing/],
    [['--orders', 'many'], /--orders takes a whole number, got many/],
    [['--orders', '0'], /at least 1/],
    [['--stripe-subscriptions', '-1'], /--stripe-subscriptions takes a whole number, got -1/],
    [['--shuffle', '1'], /unknown flag --shuffle/],
    [['--constructor', '1'], /unknown flag --constructor/],
  ])('refuses %p', (argv, message) => {
    expect(() => parseChaosArgs(argv, defaults)).toThrow(ChaosUsageError);
    expect(() => parseChaosArgs(argv, defaults)).toThrow(message);
  });
});
