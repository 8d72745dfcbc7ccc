import { balanceTransaction } from '../stripe/balance-transaction';
import { DisputeStatus, SandboxDispute, newDispute } from './dispute';
import { DISPUTE_TRANSITIONS, DisputeCommand, decide } from './dispute.decider';

const createdAt = 1_732_300_000;
const txn = (id: string, amount: number) =>
  balanceTransaction({ id, type: 'adjustment', reportingCategory: amount < 0 ? 'dispute' : 'dispute_reversal', amount, currency: 'usd', created: createdAt, description: null, source: 'du_1' });
const opened = newDispute({ id: 'du_1', amount: 4999, currency: 'usd', chargeId: 'ch_1', paymentIntentId: 'pi_1', reason: 'fraudulent', createdAt, withdrawal: txn('txn_w', -4999) });
const inStatus = (status: DisputeStatus): SandboxDispute => ({ ...opened, status });

const COMMANDS: Record<DisputeCommand['type'], DisputeCommand> = {
  SaveEvidence: { type: 'SaveEvidence', evidence: { uncategorized_text: 'Delivered' }, metadata: {} },
  SubmitEvidence: { type: 'SubmitEvidence', evidence: { uncategorized_text: 'Delivered' }, metadata: {} },
  Close: { type: 'Close' },
  Win: { type: 'Win', reinstatement: txn('txn_r', 4999) },
  Lose: { type: 'Lose' },
};

describe('the sandbox’s dispute decider', () => {
  it.each([
    ['needs_response', 'SaveEvidence', 'needs_response', ['charge.dispute.updated']],
    ['needs_response', 'SubmitEvidence', 'under_review', ['charge.dispute.updated']],
    ['needs_response', 'Close', 'lost', ['charge.dispute.closed']],
    ['needs_response', 'Win', 'won', ['charge.dispute.closed', 'charge.dispute.funds_reinstated']],
    ['needs_response', 'Lose', 'lost', ['charge.dispute.closed']],
    ['under_review', 'Win', 'won', ['charge.dispute.closed', 'charge.dispute.funds_reinstated']],
    ['under_review', 'Lose', 'lost', ['charge.dispute.closed']],
  ] as const)('moves a %s dispute on %s to %s, emitting %j', (from, command, to, emits) => {
    expect(decide(inStatus(from), COMMANDS[command])).toMatchObject({ ok: true, dispute: { status: to }, emits });
  });

  const refused = (Object.keys(DISPUTE_TRANSITIONS) as DisputeStatus[]).flatMap((status) =>
    (Object.keys(COMMANDS) as DisputeCommand['type'][]).filter((command) => !DISPUTE_TRANSITIONS[status][command]).map((command) => [status, command] as const));

  it('refuses everything else, among it closing or changing a closed dispute and evidence once submitted', () => {
    expect(refused).toEqual(expect.arrayContaining([['won', 'Close'], ['lost', 'Close'], ['lost', 'Win'], ['under_review', 'SaveEvidence'], ['under_review', 'Close']]));
    for (const [status, command] of refused) {
      expect(decide(inStatus(status), COMMANDS[command])).toEqual({ ok: false, refused: command, status });
    }
  });

  it('keeps saved evidence without counting a submission, and counts one when it is submitted', () => {
    const saved = decide(opened, COMMANDS.SaveEvidence);
    expect(saved).toMatchObject({ dispute: { evidence: { uncategorized_text: 'Delivered' }, evidence_details: { has_evidence: true, submission_count: 0, submission_method: 'not_submitted' } } });
    const submitted = decide(opened, { type: 'SubmitEvidence', evidence: { product_description: 'A course' }, metadata: { case: '7' } });
    expect(submitted).toMatchObject({
      dispute: { evidence: { product_description: 'A course' }, metadata: { case: '7' }, evidence_details: { has_evidence: true, submission_count: 1, submission_method: 'manual' } },
    });
  });

  it('clears an evidence field given empty, and has no evidence once none is left', () => {
    const saved = decide(opened, COMMANDS.SaveEvidence);
    if (!saved.ok) throw new Error('saving evidence was refused');
    expect(decide(saved.dispute, { type: 'SaveEvidence', evidence: { uncategorized_text: null }, metadata: {} })).toMatchObject({
      dispute: { evidence: { uncategorized_text: null }, evidence_details: { has_evidence: false } },
    });
  });

  it('adds the reinstatement to the balance transactions of a won dispute', () => {
    expect(decide(opened, COMMANDS.Win)).toMatchObject({ dispute: { balance_transactions: [{ id: 'txn_w', amount: -4999 }, { id: 'txn_r', amount: 4999 }] } });
  });
});
