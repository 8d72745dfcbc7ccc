import type { SettlementLineV1, SettlementV1 } from '@payments/contracts';
import { settlementParts } from './settlement-parts';

const lineOf = (n: number): SettlementLineV1 => ({
  lineId: `txn_${n}`, kind: 'payment', paymentId: `pi_${n}`, refundId: null, disputeId: null, orderId: null, currency: 'USD',
  grossMinor: 100, feeMinor: 3, taxOnFeeMinor: 0, netMinor: 97, occurredAt: '2026-12-01T10:00:00.000Z',
});
const settlementOf = (settlementId: string, lines: number): SettlementV1 => ({
  settlementId, currency: 'USD', amountMinor: 97 * lines, status: 'paid', paid: true, settledAt: '2026-12-01T20:00:00.000Z', bankReference: null,
  lines: Array.from({ length: lines }, (_, i) => lineOf(i)),
});
const shape = (parts: SettlementV1[][]) => parts.map((part) => part.map((s) => `${s.settlementId}:${s.lines.length}`));

describe('cutting a settlement day into parts', () => {
  it('keeps a day that fits in one part', () => {
    expect(shape(settlementParts([settlementOf('po_1', 3), settlementOf('po_2', 2)], 5))).toEqual([['po_1:3', 'po_2:2']]);
  });

  it('goes on with a long settlement in the next part, its header repeated, never more lines than a part holds', () => {
    const parts = settlementParts([settlementOf('po_1', 4), settlementOf('po_2', 7)], 5);
    expect(shape(parts)).toEqual([['po_1:4', 'po_2:1'], ['po_2:5'], ['po_2:1']]);
    expect(parts.flat().filter((s) => s.settlementId === 'po_2').flatMap((s) => s.lines.map((l) => l.lineId))).toEqual(settlementOf('po_2', 7).lines.map((l) => l.lineId));
    for (const part of parts) expect(part.reduce((sum, s) => sum + s.lines.length, 0)).toBeLessThanOrEqual(5);
  });

  it('counts a settlement without lines as one, so a part never holds more settlements than lines allowed', () => {
    expect(shape(settlementParts([settlementOf('po_1', 0), settlementOf('po_2', 0), settlementOf('po_3', 1)], 2))).toEqual([['po_1:0', 'po_2:0'], ['po_3:1']]);
  });

  it('reports a day with nothing settled as one empty part', () => {
    expect(settlementParts([])).toEqual([[]]);
  });
});
