/** The most lines one `SettlementReported` part carries; a longer day comes in several parts. */
export const SETTLEMENT_LINES_PER_PART = 500;
