import { assembleParts } from './settlement-report-parts';
import { payment, settlement } from './settlement.test-fixtures';

describe('assembling a report from its parts', () => {
  const [a, b, c] = [payment('pi_a', 100), payment('pi_b', 200), payment('pi_c', 300)];

  it('joins a settlement that spans parts back into one, lines in part order, whatever order the parts came in', () => {
    const report = assembleParts([
      { part: 2, parts: 2, settlements: [settlement('po_1', [c]), settlement('po_2', [])], error: null },
      { part: 1, parts: 2, settlements: [settlement('po_1', [a, b])], error: null },
    ]);
    expect(report.complete).toBe(true);
    expect(report.settlements.map((each) => [each.settlementId, each.lines.map((l) => l.paymentId)])).toEqual([['po_1', ['pi_a', 'pi_b', 'pi_c']], ['po_2', []]]);
  });

  it('is not complete while a part is missing', () => {
    expect(assembleParts([{ part: 1, parts: 3, settlements: [], error: null }, { part: 3, parts: 3, settlements: [], error: null }]).complete).toBe(false);
  });

  it('carries the provider error of a failed fetch', () => {
    expect(assembleParts([{ part: 1, parts: 1, settlements: [], error: 'PROVIDER.UNAVAILABLE' }])).toEqual({ complete: true, error: 'PROVIDER.UNAVAILABLE', settlements: [] });
  });

  it('refuses parts that disagree on how many there are, or lie outside them', () => {
    const inconsistent = expect.objectContaining({ code: 'RECONCILIATION.INCONSISTENT_PARTS' });
    expect(() => assembleParts([{ part: 1, parts: 2, settlements: [], error: null }, { part: 2, parts: 3, settlements: [], error: null }])).toThrow(inconsistent);
    expect(() => assembleParts([{ part: 3, parts: 2, settlements: [], error: null }])).toThrow(inconsistent);
  });
});
