import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** The longest refund reason taken, as `RefundRequested` carries it. */
export const REFUND_REASON_MAX_LENGTH = 500;

/** An admin's refund request. Unknown properties are a 400. The reason is free text: it travels with personal data redacted. */
export class RefundRequestDto {
  @ApiPropertyOptional({ minimum: 1, example: 500, description: "Integer minor units of the order's currency; omitted = the whole refundable remainder" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountMinor?: number;

  @ApiPropertyOptional({ maxLength: REFUND_REASON_MAX_LENGTH, example: 'customer asked within 14 days' })
  @IsOptional()
  @IsString()
  @MaxLength(REFUND_REASON_MAX_LENGTH)
  reason?: string;
}

/** 202: the refund was requested; order-ledger and the provider carry it out. */
export class RefundAcceptedDto {
  @ApiProperty({ format: 'uuid', description: 'Derived from (admin, Idempotency-Key)' }) refundId!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'null: the whole refundable remainder' }) amountMinor!: number | null;
  @ApiProperty({ enum: ['requested'] }) status!: 'requested';
}
