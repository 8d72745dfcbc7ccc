import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

/** The longest explanation taken, as `DisputeActionRequested` carries it. */
export const EXPLANATION_MAX_LENGTH = 5000;

/** Accepting a dispute takes no body; any property is a 400. */
export class AcceptDisputeDto {}

/** Evidence for a dispute: the merchant's explanation, free text (personal data in it is redacted before it travels). */
export class DisputeEvidenceDto {
  @ApiProperty({ example: 'The customer watched every lesson of the course after paying.', description: `1-${EXPLANATION_MAX_LENGTH} characters` })
  @IsString()
  @Length(1, EXPLANATION_MAX_LENGTH)
  @Matches(/\S/, { message: 'explanation must not be blank' })
  explanation!: string;
}

/** 202: the action was requested; checkout carries it out at the provider and order-ledger records the outcome on the order. */
export class DisputeActionAcceptedDto {
  @ApiProperty({ format: 'uuid', description: 'Derived from (admin, Idempotency-Key); the provider call is keyed by it' }) requestId!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty() disputeId!: string;
  @ApiProperty({ enum: ['accept', 'submit-evidence'] }) action!: 'accept' | 'submit-evidence';
  @ApiProperty({ enum: ['requested'] }) status!: 'requested';
}
