import { SETTLEMENT_LINES_PER_PART, SettlementV1 } from '@payments/contracts';

/**
 * A day's settlements cut into parts of at most `maxLines` lines, in the order given: a settlement
 * longer than what is left of a part goes on in the next one, its header repeated. A settlement
 * without lines takes the room of one, so a part never holds more than `maxLines` settlements
 * either. A day with nothing settled is one empty part.
 */
export function settlementParts(settlements: readonly SettlementV1[], maxLines: number = SETTLEMENT_LINES_PER_PART): SettlementV1[][] {
  if (!Number.isInteger(maxLines) || maxLines < 1) throw new RangeError(`maxLines must be a positive integer, got ${maxLines}`);
  const parts: SettlementV1[][] = [[]];
  let room = maxLines;
  const place = (settlement: SettlementV1, size: number) => {
    if (room === 0) {
      parts.push([]);
      room = maxLines;
    }
    parts[parts.length - 1].push(settlement);
    room -= size;
  };
  for (const settlement of settlements) {
    if (settlement.lines.length === 0) place(settlement, 1);
    for (let start = 0; start < settlement.lines.length;) {
      const take = Math.min(room === 0 ? maxLines : room, settlement.lines.length - start);
      place({ ...settlement, lines: settlement.lines.slice(start, start + take) }, take);
      start += take;
    }
  }
  return parts;
}
