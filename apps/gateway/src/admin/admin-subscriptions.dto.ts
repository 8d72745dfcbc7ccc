import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SubscriptionViewDto } from '../subscriptions/subscription.dto';
import { AdminListQueryDto, HistoryEventDto, JournalDto } from './admin-orders.dto';

export const SUBSCRIPTION_STATUSES = ['incomplete', 'active', 'past_due', 'ended'] as const;

export class AdminSubscriptionQueryDto extends AdminListQueryDto {
  @ApiPropertyOptional({ enum: SUBSCRIPTION_STATUSES }) @IsOptional() @IsIn(SUBSCRIPTION_STATUSES) status?: string;
}

export class AdminSubscriptionDetailDto {
  @ApiProperty({ type: SubscriptionViewDto }) subscription!: SubscriptionViewDto;
  @ApiProperty({ type: [HistoryEventDto], description: "The subscription's stream in order-ledger's event store, oldest first" }) events!: HistoryEventDto[];
  @ApiProperty({ type: [JournalDto], description: 'One journal per paid period (and refund), oldest first' }) journals!: JournalDto[];
}
