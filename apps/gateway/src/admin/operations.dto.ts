import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DeadLetterDto {
  @ApiProperty() deadLetterTopic!: string;
  @ApiProperty() partition!: number;
  @ApiProperty() offset!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) messageId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) type!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) key!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'CONTRACT.VIOLATION' }) errorCode!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The error message, redacted' }) error!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) originalTopic!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) consumerGroup!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) failedAt!: string | null;
  @ApiProperty({ description: 'Already re-published by a replay' }) replayed!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) undecodable!: string | null;
}

export class DeadLetterListingDto {
  @ApiProperty({ example: 'orders.commands' }) topic!: string;
  @ApiProperty({ example: 'orders.commands.dlq' }) deadLetterTopic!: string;
  @ApiProperty() replayGroup!: string;
  @ApiProperty({ type: [DeadLetterDto] }) deadLetters!: DeadLetterDto[];
}

export class DeadLetterListDto {
  @ApiProperty({ type: [DeadLetterListingDto] }) topics!: DeadLetterListingDto[];
}

export class DeadLetterReplayDto {
  @ApiProperty() topic!: string;
  @ApiProperty({ description: 'Messages re-published to the topic (consumers skip what they applied before)' }) replayed!: number;
}

export class ParkedMessageDto {
  @ApiProperty({ example: 'order-ledger' }) service!: string;
  @ApiProperty() id!: string;
  @ApiProperty() consumerGroup!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() partition!: number;
  @ApiProperty() offset!: string;
  @ApiProperty() messageKey!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) messageId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) messageType!: string | null;
  @ApiProperty({ description: 'Failed attempts so far (0: parked behind an earlier message of its key)' }) attempts!: number;
  @ApiProperty({ format: 'date-time', description: 'Not retried before' }) notBefore!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Redacted' }) lastError!: string | null;
}

export class ParkedMessageListDto {
  @ApiProperty({ type: [ParkedMessageDto] }) items!: ParkedMessageDto[];
  @ApiProperty({ type: [String], description: 'Services that did not answer; their parked messages are missing from the list' }) unavailable!: string[];
}

export class ParkedRetryDto {
  @ApiProperty() service!: string;
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Due at once: retried as soon as it heads its key' }) due!: boolean;
}
