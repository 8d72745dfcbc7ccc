import { OrderError } from '../../domain/order.errors';
import { DisputeActionReport, DisputeEvent, DisputeOpened, DisputeRecord, DisputeReport, DisputeStage } from './dispute.events';

/*
 * One dispute of an order, decided on the provider's reports in whatever order and however often
 * they come. An outcome before the opening implies the opening (both are decided at once, so the
 * money moves as if they had come in order); an update records the provider's status only; the
 * opposite outcome of a closed dispute is recorded as late, never applied. An inquiry opens and
 * closes like a dispute but moves no money; when it escalates (an opening that is no inquiry), it
 * opens again, this time with money.
 */

/** Every stage change a dispute may make. Staying in a stage is not a transition. */
export const DISPUTE_TRANSITIONS: Readonly<Record<DisputeStage, readonly DisputeStage[]>> = {
  none: ['opened'],
  opened: ['won', 'lost'],
  won: [],
  lost: [],
};

export function decideDisputeReport(orderId: string, dispute: DisputeRecord | undefined, report: DisputeReport): DisputeEvent[] {
  if (dispute?.seenProviderEventIds.includes(report.providerEventId)) return [];
  const { disputeId, providerEventId, status, providerPaymentId } = report;
  if (report.stage === 'updated') {
    return [{ type: 'DisputeStatusRecorded', data: { orderId, disputeId, providerEventId, status, providerPaymentId, recordedAt: report.reportedAt } }];
  }
  const opening = needsOpening(dispute, report) ? [openingOf(orderId, report)] : [];
  if (report.stage === 'opened') return opening;
  const stage = dispute?.stage ?? 'none';
  if (stage === 'won' || stage === 'lost') {
    if (stage === report.stage) return [];
    return [{ type: 'LateDisputeOutcomeRecorded', data: { orderId, disputeId, providerEventId, status, outcome: report.stage, stageOnArrival: stage, recordedAt: report.reportedAt } }];
  }
  const opened = opening[0]?.data ?? (dispute as DisputeRecord);
  const closing = { orderId, disputeId, providerEventId, status, amountMinor: opened.amountMinor, currency: opened.currency, inquiry: opened.inquiry };
  const outcome: DisputeEvent = report.stage === 'won'
    ? { type: 'DisputeWon', data: { ...closing, wonAt: report.reportedAt } }
    : { type: 'DisputeLost', data: { ...closing, lostAt: report.reportedAt } };
  return [...opening, outcome];
}

/** An admin action's outcome, recorded once per request. */
export function decideDisputeAction(orderId: string, dispute: DisputeRecord | undefined, report: DisputeActionReport, at: string): DisputeEvent[] {
  if (!dispute) throw new OrderError('ORDER.DISPUTE_NOT_FOUND', `Order ${orderId} has no dispute ${report.disputeId}`);
  if (dispute.actions.some((action) => action.requestId === report.requestId)) return [];
  return [{ type: 'DisputeActionRecorded', data: { orderId, ...report, recordedAt: at } }];
}

/** The disputes after one dispute event; refuses a stage change the table does not allow. */
export function evolveDisputes(disputes: readonly DisputeRecord[], event: DisputeEvent): DisputeRecord[] {
  const current = disputes.find((dispute) => dispute.disputeId === event.data.disputeId);
  const next = evolveDispute(current, event);
  return current ? disputes.map((dispute) => (dispute === current ? next : dispute)) : [...disputes, next];
}

function evolveDispute(current: DisputeRecord | undefined, event: DisputeEvent): DisputeRecord {
  const { data } = event;
  switch (event.type) {
    case 'DisputeOpened': {
      const { amountMinor, currency, feeMinor, inquiry, providerPaymentId, respondBy } = event.data;
      const base = current ?? blank(event.data.disputeId, providerPaymentId, currency);
      return remember({ ...moveTo(base, 'opened'), amountMinor, currency, feeMinor: base.feeMinor + feeMinor, inquiry, providerPaymentId, respondBy }, event);
    }
    case 'DisputeStatusRecorded':
      return remember(current ?? blank(data.disputeId, event.data.providerPaymentId, ''), event);
    case 'DisputeWon':
      return remember(moveTo(known(current, data.disputeId), 'won'), event);
    case 'DisputeLost':
      return remember(moveTo(known(current, data.disputeId), 'lost'), event);
    case 'LateDisputeOutcomeRecorded':
      return remember(known(current, data.disputeId), event);
    case 'DisputeActionRecorded': {
      const { requestId, action, outcome, status, errorCode, completedAt } = event.data;
      const dispute = known(current, data.disputeId);
      return { ...dispute, actions: [...dispute.actions, { requestId, action, outcome, status, errorCode, completedAt }] };
    }
    default:
      return unreachable(event);
  }
}

export const isClosed = (dispute: DisputeRecord): boolean => dispute.stage === 'won' || dispute.stage === 'lost';

/** Not yet opened, or an inquiry that escalated into a dispute with money. */
function needsOpening(dispute: DisputeRecord | undefined, report: DisputeReport): boolean {
  if (!dispute || dispute.stage === 'none') return true;
  return dispute.stage === 'opened' && dispute.inquiry && !report.inquiry;
}

function openingOf(orderId: string, report: DisputeReport): DisputeOpened {
  const { disputeId, providerEventId, status, providerPaymentId, amountMinor, currency, inquiry, reasonCode, respondBy, reportedAt } = report;
  return {
    type: 'DisputeOpened',
    data: {
      orderId, disputeId, providerEventId, status, providerPaymentId, amountMinor, currency, inquiry,
      feeMinor: inquiry ? 0 : report.feeMinor,
      ...(reasonCode ? { reasonCode } : {}),
      ...(respondBy ? { respondBy } : {}),
      openedAt: reportedAt,
    },
  };
}

function blank(disputeId: string, providerPaymentId: string, currency: string): DisputeRecord {
  return { disputeId, stage: 'none', providerPaymentId, status: '', amountMinor: 0, currency, feeMinor: 0, inquiry: false, seenProviderEventIds: [], actions: [] };
}

function remember(dispute: DisputeRecord, event: Exclude<DisputeEvent, { type: 'DisputeActionRecorded' }>): DisputeRecord {
  const { providerEventId, status } = event.data;
  const seen = dispute.seenProviderEventIds.includes(providerEventId) ? dispute.seenProviderEventIds : [...dispute.seenProviderEventIds, providerEventId];
  // A late outcome is on record, but the dispute's status stays the one of its real outcome.
  return { ...dispute, status: event.type === 'LateDisputeOutcomeRecorded' ? dispute.status : status, seenProviderEventIds: seen };
}

function known(current: DisputeRecord | undefined, disputeId: string): DisputeRecord {
  if (!current) throw new OrderError('ORDER.DISPUTE_NOT_FOUND', `No dispute ${disputeId} is on record`);
  return current;
}

function moveTo(dispute: DisputeRecord, to: DisputeStage): DisputeRecord {
  if (dispute.stage !== to && !DISPUTE_TRANSITIONS[dispute.stage].includes(to)) {
    throw new OrderError('ORDER.INVALID_TRANSITION', `Dispute ${dispute.disputeId} cannot go from ${dispute.stage} to ${to}`);
  }
  return { ...dispute, stage: to };
}

function unreachable(event: never): never {
  throw new OrderError('ORDER.INVALID_TRANSITION', `Unknown dispute event ${JSON.stringify(event)}`);
}
