import { ApiResponse, StripeErrors } from '../stripe/stripe-api.errors';
import type { Operation } from '../stripe/stripe-api.gateway';
import { Params, isError, optionalString, parseInteger } from '../stripe/stripe-params';
import { unknownBesidesExpand } from './billing-api.params';
import type { StripeSubscriptions } from './stripe-subscriptions.service';
import { testClockView } from './test-clock';
import type { TestClocks } from './test-clocks.service';

const ok = (body: unknown): ApiResponse => ({ status: 200, body });
const MAX_TIME = 253_402_300_799;

/** The `/v1/test_helpers/test_clocks` operations: create, retrieve, advance (at once: the answer is already `ready`). */
export class TestClocksApi {
  constructor(
    private readonly clocks: TestClocks,
    private readonly subscriptions: StripeSubscriptions,
  ) {}

  create(params: Params): Operation {
    return () => {
      const unknown = unknownBesidesExpand(params, ['frozen_time', 'name']);
      if (unknown) return { rejected: StripeErrors.unknownParam(unknown) };
      const frozenTime = parseInteger(params.frozen_time, 'frozen_time', { min: 0, max: MAX_TIME });
      if (isError(frozenTime)) return { rejected: frozenTime };
      if (frozenTime === undefined) return { rejected: StripeErrors.missingParam('frozen_time') };
      const name = optionalString(params, 'name', 300);
      if (isError(name)) return { rejected: name };
      return { executed: ok(testClockView(this.clocks.create(frozenTime, name))) };
    };
  }

  retrieve(id: string): Operation {
    return () => {
      const clock = this.clocks.find(id);
      return { executed: clock ? ok(testClockView(clock)) : StripeErrors.noSuchTestClock(id) };
    };
  }

  /** Moves the clock and everything on it: renewals, retries and period-end cancellations up to `frozen_time`, with their events. */
  advance(id: string, params: Params): Operation {
    return () => {
      const unknown = unknownBesidesExpand(params, ['frozen_time']);
      if (unknown) return { rejected: StripeErrors.unknownParam(unknown) };
      const frozenTime = parseInteger(params.frozen_time, 'frozen_time', { min: 0, max: MAX_TIME });
      if (isError(frozenTime)) return { rejected: frozenTime };
      if (frozenTime === undefined) return { rejected: StripeErrors.missingParam('frozen_time') };
      const advanced = this.subscriptions.advanceClock(id, frozenTime);
      if (advanced.ok) return { executed: ok(testClockView(advanced.clock)) };
      if (advanced.reason === 'not_found') return { executed: StripeErrors.noSuchTestClock(id) };
      return { rejected: advanced.reason === 'not_after' ? StripeErrors.testClockNotAfter() : StripeErrors.testClockTooFar(advanced.limit as number) };
    };
  }
}
