import { CashfreeDisputeStage, SandboxCashfreeDispute, disputeStatus, newDispute } from './cashfree-dispute';
import { CashfreeDisputeCommand, DISPUTE_TRANSITIONS, decide } from './cashfree-dispute.decider';

const opened = new Date('2024-11-22T10:00:00Z');
const later = new Date('2024-11-23T10:00:00Z');
const document = { documentId: '1', documentName: 'explanation.txt', documentType: 'Statement of Service', note: null, sizeBytes: 12 };
const chargeback = newDispute(
  { disputeId: '433475001', orderId: 'ord_1', cfPaymentId: '5114910001', fee: { feeMinor: 50_000, taxOnFeeMinor: 9_000 } },
  { type: 'CHARGEBACK', amountMinor: 58_882, reasonCode: '13.1' },
  opened,
);
const at = (stage: CashfreeDisputeStage): SandboxCashfreeDispute => ({ ...chargeback, stage });

const COMMANDS: Record<string, CashfreeDisputeCommand> = {
  SubmitDocuments: { type: 'SubmitDocuments', document, at: later },
  Accept: { type: 'Accept', at: later },
  ResolveWon: { type: 'Resolve', outcome: 'won', at: later },
  ResolveLost: { type: 'Resolve', outcome: 'lost', at: later },
};

describe('a Cashfree dispute’s transitions', () => {
  it('opens CREATED, with three days to answer, and the dispute fee charged on a chargeback', () => {
    expect(chargeback).toMatchObject({ stage: 'CREATED', feeMinor: 50_000, taxOnFeeMinor: 9_000, respondBy: new Date('2024-11-25T10:00:00Z'), resolvedAt: null });
    expect(disputeStatus(chargeback)).toBe('CHARGEBACK_CREATED');
    expect(chargeback.reasonDescription).toBe('Merchandise / Services Not Received');
  });

  it('charges no fee on a retrieval request, which moves no money', () => {
    const retrieval = newDispute({ disputeId: '2', orderId: 'o', cfPaymentId: '3', fee: { feeMinor: 50_000, taxOnFeeMinor: 9_000 } }, { type: 'RETRIEVAL', amountMinor: 100, reasonCode: 'x' }, opened);
    expect(retrieval).toMatchObject({ feeMinor: 0, taxOnFeeMinor: 0, reasonDescription: 'Reason stated by the customer’s bank' });
  });

  it.each([
    ['CREATED', 'SubmitDocuments', 'DOCS_RECEIVED', 'DISPUTE_UPDATED'],
    ['CREATED', 'Accept', 'MERCHANT_ACCEPTED', 'DISPUTE_CLOSED'],
    ['CREATED', 'ResolveWon', 'MERCHANT_WON', 'DISPUTE_CLOSED'],
    ['CREATED', 'ResolveLost', 'MERCHANT_LOST', 'DISPUTE_CLOSED'],
    ['DOCS_RECEIVED', 'SubmitDocuments', 'DOCS_RECEIVED', 'DISPUTE_UPDATED'],
    ['DOCS_RECEIVED', 'Accept', 'MERCHANT_ACCEPTED', 'DISPUTE_CLOSED'],
    ['DOCS_RECEIVED', 'ResolveWon', 'MERCHANT_WON', 'DISPUTE_CLOSED'],
    ['DOCS_RECEIVED', 'ResolveLost', 'MERCHANT_LOST', 'DISPUTE_CLOSED'],
  ] as const)('%s + %s -> %s, sending %s', (from, command, to, emits) => {
    const decision = decide(at(from), COMMANDS[command]);
    expect(decision).toMatchObject({ ok: true, emits, dispute: { stage: to, updatedAt: later, resolvedAt: emits === 'DISPUTE_CLOSED' ? later : null } });
  });

  it.each(
    (['MERCHANT_WON', 'MERCHANT_LOST', 'MERCHANT_ACCEPTED'] as const).flatMap((stage) => Object.keys(COMMANDS).map((command) => [stage, command] as const)),
  )('refuses %s + %s: a closed dispute is final', (stage, command) => {
    expect(decide(at(stage), COMMANDS[command])).toEqual({ ok: false, refused: command, stage });
  });

  it('lists exactly the transitions above in its table', () => {
    const allowed = Object.entries(DISPUTE_TRANSITIONS).flatMap(([stage, commands]) => Object.keys(commands).map((command) => `${stage}+${command}`));
    expect(allowed).toHaveLength(8);
  });

  it('keeps every document submitted', () => {
    const first = decide(chargeback, COMMANDS.SubmitDocuments);
    const second = first.ok ? decide(first.dispute, { type: 'SubmitDocuments', document: { ...document, documentId: '2' }, at: later }) : first;
    expect(second.ok && second.dispute.documents.map((doc) => doc.documentId)).toEqual(['1', '2']);
  });
});
