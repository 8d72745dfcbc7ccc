import { ApiProperty } from '@nestjs/swagger';

class ProviderPaymentsDto {
  @ApiProperty({ example: 'stripe' }) provider!: string;
  @ApiProperty({ description: 'Orders paid since the gateway started (a counter: chart its rate)' }) paid!: number;
  @ApiProperty({ description: 'Failed payment attempts since the gateway started' }) failed!: number;
}

class LatencyBucketDto {
  @ApiProperty({ example: '0.5', description: 'Upper bound in seconds, or +Inf' }) le!: string;
  @ApiProperty({ description: 'Grants at or below it (cumulative)' }) count!: number;
}

class PaymentToGrantDto {
  @ApiProperty() count!: number;
  @ApiProperty() sumSeconds!: number;
  @ApiProperty({ type: [LatencyBucketDto] }) buckets!: LatencyBucketDto[];
}

class ConsumerLagDto {
  @ApiProperty({ example: 'order-ledger' }) service!: string;
  @ApiProperty({ example: 'order-ledger' }) group!: string;
  @ApiProperty({ example: 'orders.commands' }) topic!: string;
  @ApiProperty() lag!: number;
}

class OutboxBacklogDto {
  @ApiProperty({ example: 'checkout' }) service!: string;
  @ApiProperty() backlog!: number;
}

export class MetricsOverviewDto {
  @ApiProperty({ format: 'date-time' }) sampledAt!: string;
  @ApiProperty({ type: [ProviderPaymentsDto] }) payments!: ProviderPaymentsDto[];
  @ApiProperty({ type: PaymentToGrantDto, description: "From the provider's payment time to the access grant" }) paymentToGrant!: PaymentToGrantDto;
  @ApiProperty({ type: [ConsumerLagDto] }) consumerLag!: ConsumerLagDto[];
  @ApiProperty({ type: [OutboxBacklogDto] }) outboxBacklog!: OutboxBacklogDto[];
  @ApiProperty({ type: [String], description: 'Services whose /metrics did not answer' }) unavailable!: string[];
}
