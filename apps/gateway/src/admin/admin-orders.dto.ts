import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { OrderViewDto } from '../orders/order-view.dto';

export const ORDER_STATUSES = ['pending', 'paid', 'partially_refunded', 'refunded', 'failed', 'expired'] as const;

/** The filters the console's lists share (orders, subscriptions). */
export class AdminListQueryDto {
  @ApiPropertyOptional({ enum: ['stripe', 'cashfree'] }) @IsOptional() @IsIn(['stripe', 'cashfree']) provider?: string;
  @ApiPropertyOptional({ example: 'INR' }) @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' }) currency?: string;
  @ApiPropertyOptional({ example: 'buyer-1' })
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,255}$/, { message: 'userId must be 1-255 printable characters' })
  userId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Placed at or after' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Placed before' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class AdminOrderQueryDto extends AdminListQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) needsReview?: string;
}

export class HistoryEventDto {
  @ApiProperty({ description: 'Position in the order\'s stream, from 1' }) version!: number;
  @ApiProperty({ example: 'OrderPlaced' }) type!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event\'s data, redacted as logs are' }) data!: Record<string, unknown>;
}

class JournalPostingDto {
  @ApiProperty({ example: 'provider_clearing' }) account!: string;
  @ApiProperty({ description: 'Signed integer minor units; a journal sums to zero' }) amountMinor!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
}

export class JournalDto {
  @ApiProperty({ example: 'payment:pi_123' }) journalId!: string;
  @ApiProperty({ format: 'date-time' }) postedAt!: string;
  @ApiProperty({ type: [JournalPostingDto] }) postings!: JournalPostingDto[];
}

export class AdminOrderDetailDto {
  @ApiProperty({ type: OrderViewDto }) order!: OrderViewDto;
  @ApiProperty({ type: [HistoryEventDto], description: "The order's stream in order-ledger's event store, oldest first" }) events!: HistoryEventDto[];
  @ApiProperty({ type: [JournalDto], description: "The order's ledger journals, oldest first" }) journals!: JournalDto[];
}
