import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const SETTLEMENT_PROVIDERS = ['stripe', 'cashfree'] as const;
export const DISCREPANCY_KINDS = ['missing-in-ledger', 'missing-at-provider', 'amount-mismatch', 'currency-mismatch', 'settled-twice', 'unexplained-fee'] as const;
export const RUN_STATUSES = ['requested', 'fetched', 'reconciled', 'failed'] as const;
export const DISPUTE_STAGES = ['opened', 'won', 'lost'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MESSAGE = 'date must be a calendar day as YYYY-MM-DD';

export class StartReconciliationDto {
  @ApiProperty({ enum: SETTLEMENT_PROVIDERS }) @IsIn(SETTLEMENT_PROVIDERS) provider!: (typeof SETTLEMENT_PROVIDERS)[number];
  @ApiProperty({ example: '2026-12-01', description: 'The settlement day (UTC), not after today' }) @Matches(DAY, { message: DAY_MESSAGE }) date!: string;
}

export class ReconciliationRunQueryDto {
  @ApiPropertyOptional({ enum: SETTLEMENT_PROVIDERS }) @IsOptional() @IsIn(SETTLEMENT_PROVIDERS) provider?: string;
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @Matches(DAY, { message: DAY_MESSAGE }) date?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class DiscrepancyQueryDto {
  @ApiPropertyOptional({ enum: SETTLEMENT_PROVIDERS }) @IsOptional() @IsIn(SETTLEMENT_PROVIDERS) provider?: string;
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @Matches(DAY, { message: DAY_MESSAGE }) date?: string;
  @ApiPropertyOptional({ enum: DISCREPANCY_KINDS }) @IsOptional() @IsIn(DISCREPANCY_KINDS) kind?: string;
  @ApiPropertyOptional({ enum: ['open', 'resolved', 'all'], default: 'open' }) @IsOptional() @IsIn(['open', 'resolved', 'all']) status?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 10000, default: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000) limit?: number;
}

export class ReportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

export class DisputeListQueryDto {
  @ApiPropertyOptional({ enum: [...DISPUTE_STAGES, 'all'], default: 'all' }) @IsOptional() @IsIn([...DISPUTE_STAGES, 'all']) stage?: string;
  @ApiPropertyOptional({ enum: SETTLEMENT_PROVIDERS }) @IsOptional() @IsIn(SETTLEMENT_PROVIDERS) provider?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class ReconciliationRunDto {
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiProperty({ enum: SETTLEMENT_PROVIDERS }) provider!: string;
  @ApiProperty({ example: '2026-12-01' }) date!: string;
  @ApiProperty({ enum: ['schedule', 'admin', 'settlement-paid'], description: 'What asked for the run: the nightly schedule, an admin (endpoint or npm run reconcile), or the provider reporting the payout paid' }) trigger!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why a failed run failed (PROVIDER.UNAVAILABLE...)' }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) fetchedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) reconciledAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) failedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) matchedLines!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Journals this run booked (fees, payouts): 0 on a re-run of a reconciled day' }) journalsBooked!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) openDiscrepancies!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Discrepancies of earlier runs this run found resolved' }) resolvedDiscrepancies!: number | null;
}

export class ReconciliationRunListDto {
  @ApiProperty({ type: [ReconciliationRunDto] }) items!: ReconciliationRunDto[];
}

export class DiscrepancyDto {
  @ApiProperty({ format: 'uuid' }) discrepancyId!: string;
  @ApiProperty({ enum: SETTLEMENT_PROVIDERS }) provider!: string;
  @ApiProperty({ example: '2026-12-01' }) date!: string;
  @ApiProperty({ enum: DISCREPANCY_KINDS }) kind!: string;
  @ApiProperty({ description: 'The payment, refund or dispute id (or the line id) it is about' }) reference!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) orderId!: string | null;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'What the provider settled, signed as its line is (minor units)' }) providerMinor!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'What the ledger holds, signed the same way (minor units)' }) ledgerMinor!: number | null;
  @ApiProperty({ enum: ['open', 'resolved'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) foundAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) resolvedAt!: string | null;
}

export class DiscrepancyListDto {
  @ApiProperty({ type: [DiscrepancyDto] }) items!: DiscrepancyDto[];
}

export class DisputedOrderDto {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ enum: SETTLEMENT_PROVIDERS }) provider!: string;
  @ApiProperty({ description: "The order's status (paid, refunded...)" }) status!: string;
  @ApiProperty() amountMinor!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() paidMinor!: number;
  @ApiProperty() refundedMinor!: number;
  @ApiProperty({ enum: DISPUTE_STAGES, description: 'The latest stage of its latest dispute with money' }) disputeStage!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class DisputedOrderListDto {
  @ApiProperty({ type: [DisputedOrderDto] }) items!: DisputedOrderDto[];
}

export class DisputeActionRecordDto {
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty({ enum: ['accept', 'submit-evidence'] }) action!: string;
  @ApiProperty({ enum: ['done', 'refused'] }) outcome!: string;
  @ApiPropertyOptional({ description: "The provider's dispute status afterwards (done)" }) status?: string;
  @ApiPropertyOptional({ description: 'Why it was refused (refused)' }) errorCode?: string;
  @ApiProperty({ format: 'date-time' }) completedAt!: string;
}

export class OrderDisputeDto {
  @ApiProperty({ description: 'The provider dispute id (Stripe du_..., Cashfree dispute_id)' }) disputeId!: string;
  @ApiProperty({ enum: ['none', ...DISPUTE_STAGES], description: 'none: only status updates came so far' }) stage!: string;
  @ApiProperty({ description: "The provider's own status (needs_response, under_review, CHARGEBACK_CREATED...)" }) status!: string;
  @ApiProperty() providerPaymentId!: string;
  @ApiProperty() amountMinor!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() feeMinor!: number;
  @ApiProperty({ description: 'An inquiry (retrieval request) moves no money' }) inquiry!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) respondBy!: string | null;
  @ApiProperty({ type: [DisputeActionRecordDto] }) actions!: DisputeActionRecordDto[];
}

export class OrderDisputesDto {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ enum: SETTLEMENT_PROVIDERS }) provider!: string;
  @ApiProperty({ type: [OrderDisputeDto] }) disputes!: OrderDisputeDto[];
  @ApiProperty({ description: 'Dispute reports that came before the order was paid, not decided yet' }) awaitingPayment!: number;
}
