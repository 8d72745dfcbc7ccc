import { EnvelopeOrigin, UnmatchedPaymentRecorded, buildMessage } from '@payments/contracts';
import { OutboundMessage } from '@payments/messaging';
import { Sql } from '@payments/persistence';
import { OrderEvent } from '../domain/order.events';
import { OrderState, Unplaced } from '../domain/order.state';
import { UnmatchedFactsRepository } from './unmatched-facts.repository';

/**
 * Keeps the unmatched-facts listing in step with the stream, in the same transaction: a fact that
 * came before its order adds to the row, surfacing it publishes UnmatchedPaymentRecorded, and
 * placing the order marks the row matched.
 */
export class UnmatchedFactsBook {
  constructor(private readonly rows = new UnmatchedFactsRepository()) {}

  async record(sql: Sql, orderId: string, before: OrderState, events: readonly OrderEvent[], origin: EnvelopeOrigin, now: Date): Promise<OutboundMessage[]> {
    const messages: OutboundMessage[] = [];
    const at = now.toISOString();
    for (const event of events) {
      if (event.type === 'ProviderFactReceivedEarly') await this.rows.factReceived(sql, orderId, event.data.fact, event.data.receivedAt);
      if (event.type === 'OrderPlaced' && before.status === 'Initial' && before.earlyFacts.length > 0) await this.rows.matched(sql, orderId, at);
      if (event.type === 'UnmatchedFactsRecorded' && before.status === 'Initial') {
        await this.rows.surfaced(sql, orderId, at);
        messages.push(unmatchedMessage(orderId, before, event.data, origin, now));
      }
    }
    return messages;
  }
}

function unmatchedMessage(
  orderId: string, state: Unplaced, data: { firstReceivedAt: string; recordedAt: string }, origin: EnvelopeOrigin, now: Date,
): OutboundMessage {
  const payments = state.earlyFacts.flatMap((fact) => (fact.type === 'RecordPaymentSucceeded' ? [fact.data] : []));
  const currency = payments[0]?.currency;
  return {
    topic: UnmatchedPaymentRecorded.topic,
    envelope: buildMessage(UnmatchedPaymentRecorded, {
      key: orderId,
      origin,
      occurredAt: now,
      payload: {
        orderId,
        facts: state.earlyFacts.length,
        kinds: state.earlyFacts.map((fact) => fact.type),
        paymentsMinor: payments.filter((p) => p.currency === currency).reduce((sum, p) => sum + p.amountMinor, 0),
        ...(currency ? { currency } : {}),
        providerPaymentIds: payments.map((p) => p.providerPaymentId),
        firstReceivedAt: data.firstReceivedAt,
        recordedAt: data.recordedAt,
      },
    }),
  };
}
