import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { OrderViewDto } from '../orders/order-view.dto';

export class ResolveReviewDto {
  @ApiProperty({ example: 'Refunded the second payment by hand', description: 'What was decided, 1-500 characters' })
  @IsString()
  @Length(1, 500)
  @Matches(/^[^\u0000-\u001f\u007f]*$/, { message: 'note must be a single line of text' })
  note!: string;
}

export class ReviewListQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved', 'all'], default: 'open' }) @IsOptional() @IsIn(['open', 'resolved', 'all']) state?: 'open' | 'resolved' | 'all';
}

export class ReviewResolutionDto {
  @ApiProperty({ enum: ['order', 'unmatched'] }) kind!: string;
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty() resolvedBy!: string;
  @ApiProperty() note!: string;
  @ApiProperty({ format: 'date-time' }) resolvedAt!: Date;
}

export class ReviewFlagDto {
  @ApiProperty({ type: OrderViewDto, description: 'The flagged order; lastFailureCode says why (REVIEW.AMOUNT_MISMATCH, REVIEW.PAYMENT_AFTER_CLOSE...)' }) order!: OrderViewDto;
  @ApiPropertyOptional({ type: ReviewResolutionDto, nullable: true }) resolution!: ReviewResolutionDto | null;
}

export class ReviewFlagListDto {
  @ApiProperty({ type: [ReviewFlagDto] }) flags!: ReviewFlagDto[];
}

export class UnmatchedPaymentDto {
  @ApiProperty({ format: 'uuid', description: 'The order id the provider named, which no order has (yet)' }) orderId!: string;
  @ApiProperty({ format: 'date-time' }) firstReceivedAt!: string;
  @ApiProperty() facts!: number;
  @ApiProperty({ type: [String], example: ['RecordPaymentSucceeded'] }) kinds!: string[];
  @ApiProperty() paymentsMinor!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) currency!: string | null;
  @ApiProperty({ type: [String] }) providerPaymentIds!: string[];
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'When it was surfaced as unmatched (ORDER_UNMATCHED_AFTER_MS)' }) surfacedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'When its order turned up after all' }) matchedAt!: string | null;
  @ApiPropertyOptional({ type: ReviewResolutionDto, nullable: true }) resolution!: ReviewResolutionDto | null;
}

export class UnmatchedPaymentListDto {
  @ApiProperty({ type: [UnmatchedPaymentDto] }) items!: UnmatchedPaymentDto[];
}
