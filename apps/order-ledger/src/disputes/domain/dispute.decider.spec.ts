import { OrderCommand } from '../../domain/order.commands';
import { OrderEvent } from '../../domain/order.events';
import { PlacedOrder } from '../../domain/order.state';
import { ORDER_ID, disputeAction, disputeReported, history, paymentSucceeded, placeOrder, stateOf, typesOf, when } from '../../domain/order.test-fixtures';
import { DISPUTE_TRANSITIONS, evolveDisputes } from './dispute.decider';
import { DisputeEvent, DisputeRecord, DisputeStage } from './dispute.events';

const paid = () => history(placeOrder, paymentSucceeded());
const disputesOf = (events: readonly OrderEvent[]) => (stateOf(events) as PlacedOrder).disputes;
const dispute = (events: readonly OrderEvent[]) => disputesOf(events)[0];

/** One history per stage a dispute can be in, on a paid order. */
const STAGES: Record<DisputeStage, () => OrderEvent[]> = {
  none: () => history(placeOrder, paymentSucceeded(), disputeReported('updated', { providerEventId: 'evt-u0' })),
  opened: () => history(placeOrder, paymentSucceeded(), disputeReported('opened')),
  won: () => history(placeOrder, paymentSucceeded(), disputeReported('opened'), disputeReported('won')),
  lost: () => history(placeOrder, paymentSucceeded(), disputeReported('opened'), disputeReported('lost')),
};

/** Each report with a fresh event id, against each stage: the events decided. */
const REPORTS: Record<'opened' | 'updated' | 'won' | 'lost', [OrderCommand, Record<DisputeStage | 'unknown', string[]>]> = {
  opened: [disputeReported('opened', { providerEventId: 'evt-o9' }), {
    unknown: ['DisputeOpened'], none: ['DisputeOpened'], opened: [], won: [], lost: [],
  }],
  updated: [disputeReported('updated', { providerEventId: 'evt-u9' }), {
    unknown: ['DisputeStatusRecorded'], none: ['DisputeStatusRecorded'], opened: ['DisputeStatusRecorded'], won: ['DisputeStatusRecorded'], lost: ['DisputeStatusRecorded'],
  }],
  won: [disputeReported('won', { providerEventId: 'evt-w9' }), {
    unknown: ['DisputeOpened', 'DisputeWon'], none: ['DisputeOpened', 'DisputeWon'], opened: ['DisputeWon'], won: [], lost: ['LateDisputeOutcomeRecorded'],
  }],
  lost: [disputeReported('lost', { providerEventId: 'evt-l9' }), {
    unknown: ['DisputeOpened', 'DisputeLost'], none: ['DisputeOpened', 'DisputeLost'], opened: ['DisputeLost'], won: ['LateDisputeOutcomeRecorded'], lost: [],
  }],
};

const GIVEN: Record<DisputeStage | 'unknown', () => OrderEvent[]> = { unknown: paid, ...STAGES };
const MATRIX = Object.entries(REPORTS).flatMap(([name, [command, outcomes]]) =>
  (Object.keys(GIVEN) as (DisputeStage | 'unknown')[]).map((stage) => [name, stage, command, outcomes[stage]] as const),
);

describe('dispute decider: every report against every stage of the dispute', () => {
  it.each(MATRIX)('a %s report on a dispute that is %s', (_name, stage, command, outcome) => {
    const given = GIVEN[stage]();
    if (stage !== 'unknown') expect(dispute(given).stage).toBe(stage);
    expect(typesOf(when(given, command))).toEqual(outcome);
  });

  it.each(MATRIX)('a %s report delivered again on a dispute that is %s decides nothing more', (_name, stage, command) => {
    const given = [...GIVEN[stage](), ...when(GIVEN[stage](), command)];
    expect(when(given, command)).toEqual([]);
  });
});

const STAGE_NAMES = Object.keys(DISPUTE_TRANSITIONS) as DisputeStage[];
const entering = (stage: DisputeStage): DisputeEvent | null => {
  const base = { orderId: 'o', disputeId: 'du-1', providerEventId: `evt-enter-${stage}`, status: stage, amountMinor: 100, currency: 'INR', inquiry: false };
  if (stage === 'opened') return { type: 'DisputeOpened', data: { ...base, providerPaymentId: 'pay-1', feeMinor: 0, openedAt: 't' } };
  if (stage === 'won') return { type: 'DisputeWon', data: { ...base, wonAt: 't' } };
  if (stage === 'lost') return { type: 'DisputeLost', data: { ...base, lostAt: 't' } };
  return null;
};
const PAIRS = STAGE_NAMES.flatMap((from) => STAGE_NAMES.filter((to) => to !== from && entering(to)).map((to) => [from, to] as const));

describe('dispute transitions table', () => {
  it('allows exactly none -> opened -> won | lost, and nothing after closing', () => {
    expect(DISPUTE_TRANSITIONS).toEqual({ none: ['opened'], opened: ['won', 'lost'], won: [], lost: [] });
  });

  it.each(PAIRS.filter(([from, to]) => DISPUTE_TRANSITIONS[from].includes(to)))('evolve moves a dispute from %s to %s', (from, to) => {
    expect(evolveDisputes(disputesOf(STAGES[from]()), entering(to) as DisputeEvent)[0].stage).toBe(to);
  });

  it.each(PAIRS.filter(([from, to]) => !DISPUTE_TRANSITIONS[from].includes(to)))('evolve refuses to move a dispute from %s to %s', (from, to) => {
    expect(() => evolveDisputes(disputesOf(STAGES[from]()), entering(to) as DisputeEvent)).toThrow(expect.objectContaining({ code: 'ORDER.INVALID_TRANSITION' }));
  });

  it('evolve refuses an outcome for a dispute never reported', () => {
    expect(() => evolveDisputes([], entering('won') as DisputeEvent)).toThrow(expect.objectContaining({ code: 'ORDER.DISPUTE_NOT_FOUND' }));
  });
});

describe('what a dispute records', () => {
  it('an opening withdraws the reported amount and books the fee, keeping the reason code and answer deadline', () => {
    const events = when(paid(), disputeReported('opened', { reasonCode: 'fraudulent', respondBy: '2025-03-20T00:00:00.000Z' }));
    expect(events).toEqual([{
      type: 'DisputeOpened',
      data: {
        orderId: ORDER_ID, disputeId: 'du-1', providerEventId: 'evt-dispute-opened', status: 'status-opened', providerPaymentId: 'pay-1',
        amountMinor: 58882, currency: 'INR', inquiry: false, feeMinor: 1500, reasonCode: 'fraudulent', respondBy: '2025-03-20T00:00:00.000Z', openedAt: '2025-03-05T10:00:00.000Z',
      },
    }]);
  });

  it('an update records the provider status only', () => {
    const given = history(...[placeOrder, paymentSucceeded(), disputeReported('opened'), disputeReported('updated', { status: 'under_review' })]);
    expect(dispute(given)).toMatchObject({ stage: 'opened', status: 'under_review', amountMinor: 58882, feeMinor: 1500 });
  });

  it('a win reinstates what was withdrawn, not what the win report says', () => {
    const events = when(STAGES.opened(), disputeReported('won', { amountMinor: 1 }));
    expect(events[0]).toMatchObject({ type: 'DisputeWon', data: { amountMinor: 58882, currency: 'INR', inquiry: false } });
  });

  it('a loss after a win is on record as late and the dispute stays won', () => {
    const given = history(placeOrder, paymentSucceeded(), disputeReported('won'), disputeReported('lost'));
    expect(given.at(-1)).toMatchObject({ type: 'LateDisputeOutcomeRecorded', data: { outcome: 'lost', stageOnArrival: 'won' } });
    expect(dispute(given)).toMatchObject({ stage: 'won', status: 'status-won' });
  });

  it('an inquiry opens and closes with no fee, and books nothing', () => {
    const given = history(placeOrder, paymentSucceeded(), disputeReported('opened', { inquiry: true }), disputeReported('won', { inquiry: true }));
    expect(typesOf(given).slice(-2)).toEqual(['DisputeOpened', 'DisputeWon']);
    expect(given.at(-2)).toMatchObject({ data: { inquiry: true, feeMinor: 0 } });
    expect(given.at(-1)).toMatchObject({ data: { inquiry: true } });
  });

  it('an inquiry that escalates opens again, with money, once', () => {
    const inquiry = history(placeOrder, paymentSucceeded(), disputeReported('opened', { inquiry: true, providerEventId: 'evt-i1' }));
    const escalated = when(inquiry, disputeReported('opened', { providerEventId: 'evt-o2' }));
    expect(escalated).toMatchObject([{ type: 'DisputeOpened', data: { inquiry: false, feeMinor: 1500 } }]);
    const after = [...inquiry, ...escalated];
    expect(dispute(after)).toMatchObject({ stage: 'opened', inquiry: false, feeMinor: 1500 });
    expect(when(after, disputeReported('opened', { providerEventId: 'evt-o3' }))).toEqual([]);
  });

  it('two disputes on one order are kept apart by dispute id', () => {
    const given = history(placeOrder, paymentSucceeded(), disputeReported('opened'), disputeReported('lost', { disputeId: 'du-2', providerEventId: 'evt-2', amountMinor: 100 }));
    expect(disputesOf(given).map((d) => [d.disputeId, d.stage, d.amountMinor])).toEqual([['du-1', 'opened', 58882], ['du-2', 'lost', 100]]);
  });
});

describe('admin actions on a dispute', () => {
  it('records what the provider answered, once per request', () => {
    const given = history(placeOrder, paymentSucceeded(), disputeReported('opened'), disputeAction('req-1'), disputeAction('req-2', 'refused'));
    expect((dispute(given) as DisputeRecord).actions).toEqual([
      { requestId: 'req-1', action: 'accept', outcome: 'done', status: 'lost', errorCode: undefined, completedAt: '2025-03-06T10:00:00.000Z' },
      { requestId: 'req-2', action: 'accept', outcome: 'refused', status: undefined, errorCode: 'PROVIDER.INVALID_REQUEST', completedAt: '2025-03-06T10:00:00.000Z' },
    ]);
    expect(when(given, disputeAction('req-1'))).toEqual([]);
  });

  it('refuses an outcome for a dispute the order never heard of', () => {
    expect(() => when(paid(), disputeAction())).toThrow(expect.objectContaining({ code: 'ORDER.DISPUTE_NOT_FOUND' }));
  });
});
