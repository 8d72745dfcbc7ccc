import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { DATABASE } from '@payments/nest-runtime';
import { Database } from '@payments/persistence';
import { AdminOnly } from '../auth/auth.decorators';
import { AdminAuditRepository } from './admin-audit.repository';

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'order:6f1c...', description: 'Only actions on this subject' })
  @IsOptional()
  @Matches(/^[a-z-]+:[\x21-\x7e]{1,255}$/, { message: 'subject must look like order:<id>' })
  subject?: string;
}

class AdminActionDto {
  @ApiProperty() actionId!: string;
  @ApiProperty() adminId!: string;
  @ApiProperty({ example: 'refund.request' }) action!: string;
  @ApiProperty({ example: 'order:6f1c...' }) subject!: string;
  @ApiProperty() idempotencyKey!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) request!: unknown;
  @ApiProperty() statusCode!: number;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ format: 'date-time' }) performedAt!: Date;
}

class AdminActionListDto {
  @ApiProperty({ type: [AdminActionDto] }) actions!: AdminActionDto[];
}

/** The audit trail: every admin action taken through the admin API (refunds, resolutions, replays, retries). */
@Controller('api/admin/audit')
@AdminOnly()
@ApiTags('admin')
export class AdminAuditController {
  private readonly audit = new AdminAuditRepository();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get()
  @ApiOperation({ summary: 'Admin actions, newest first (at most 200)' })
  @ApiOkResponse({ type: AdminActionListDto })
  async list(@Query() query: AuditQueryDto): Promise<AdminActionListDto> {
    return { actions: await this.audit.list(this.db, { subject: query.subject, limit: 200 }) };
  }
}
