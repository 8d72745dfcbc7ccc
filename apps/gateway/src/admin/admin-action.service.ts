import type { Response } from 'express';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, DATABASE } from '@payments/nest-runtime';
import { Database, Sql } from '@payments/persistence';
import { AuthenticatedUser } from '../auth/token-claims';
import { GatewayError } from '../gateway.error';
import { IdempotencyRepository, StoredResponse } from '../idempotency/idempotency.repository';
import { AdminAuditRepository } from './admin-audit.repository';

export interface AdminCommand {
  readonly admin: AuthenticatedUser;
  /** The audit's name of the action, e.g. `review.resolve`. */
  readonly action: string;
  /** The idempotency scope: keys are unique per (scope, admin). */
  readonly scope: string;
  /** What it acts on, e.g. `order:<id>`; part of the audit record. */
  readonly subject: string;
  readonly idempotencyKey: string;
  /** sha256 of the normalised request: the same key with another hash is 422 IDEMPOTENCY.KEY_REUSED. */
  readonly requestHash: string;
  /** What the audit keeps of the request (never a secret). */
  readonly request: unknown;
  readonly correlationId: string;
  /** The action itself, inside the transaction. A GatewayError is a refusal: not stored, not audited, the key stays free. */
  run(sql: Sql): Promise<StoredResponse>;
}

export interface AdminAnswer extends StoredResponse {
  /** True when this is the stored answer to an earlier request with the same key. */
  readonly replayed: boolean;
}

/**
 * Every mutating admin call, with Stripe's idempotency semantics and an audit record: one
 * transaction takes the key's advisory lock (409 IDEMPOTENCY.IN_FLIGHT while another holds it),
 * replays a stored answer (422 when the request differs), or runs the action, stores its answer and
 * records who did what. The action, its answer and its audit record commit together or not at all.
 */
@Injectable()
export class AdminActionService {
  private readonly idempotency = new IdempotencyRepository();
  private readonly audit = new AdminAuditRepository();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  perform(command: AdminCommand): Promise<AdminAnswer> {
    const key = { scope: command.scope, principal: command.admin.id, key: command.idempotencyKey };
    return this.db.transaction(async (sql): Promise<AdminAnswer> => {
      if (!(await this.idempotency.tryLock(sql, key))) {
        throw new GatewayError('IDEMPOTENCY.IN_FLIGHT', 'a request with this Idempotency-Key is still being processed; retry shortly');
      }
      const stored = await this.idempotency.find(sql, key);
      if (stored) {
        if (stored.requestHash !== command.requestHash) {
          throw new GatewayError('IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was used with a different request');
        }
        return { statusCode: stored.statusCode, body: stored.body, replayed: true };
      }
      const response = await command.run(sql);
      const now = this.clock.now();
      await this.idempotency.save(sql, key, { ...response, requestHash: command.requestHash }, now);
      await this.audit.record(sql, {
        adminId: command.admin.id, action: command.action, subject: command.subject, idempotencyKey: command.idempotencyKey,
        request: command.request, statusCode: response.statusCode, correlationId: command.correlationId, performedAt: now,
      });
      return { ...response, replayed: false };
    });
  }
}

/** Sends a stored or fresh answer byte for byte; a replay says so in `Idempotent-Replayed`. */
export function sendAdminAnswer(response: Response, answer: AdminAnswer): void {
  if (answer.replayed) response.setHeader('Idempotent-Replayed', 'true');
  response.status(answer.statusCode).type('application/json').send(answer.body);
}
