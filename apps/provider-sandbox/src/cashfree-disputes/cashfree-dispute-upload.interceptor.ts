import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { Observable, of } from 'rxjs';
import { CashfreeErrors } from '../cashfree/cashfree-api.errors';
import { sendCashfreeResponse } from '../cashfree/cashfree-api.http';
import { MAX_DOCUMENT_BYTES } from './cashfree-dispute.params';

const LIMITS = { fileSize: MAX_DOCUMENT_BYTES, fieldSize: MAX_DOCUMENT_BYTES, files: 1, fields: 10 };

/**
 * Reads the multipart body of `POST /disputes/{id}/documents` (multer, in memory, one `file` part
 * of at most `MAX_DOCUMENT_BYTES`), and answers a body it cannot read with a Cashfree-shaped 400
 * naming what is wrong, before the route runs.
 */
@Injectable()
export class DisputeDocumentUpload implements NestInterceptor {
  private readonly multipart: NestInterceptor = new (FileInterceptor('file', { limits: LIMITS }))();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multipart.intercept(context, next);
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      const refusal = error instanceof PayloadTooLargeException
        ? CashfreeErrors.invalidField('file', `should be at most ${MAX_DOCUMENT_BYTES} bytes`)
        : CashfreeErrors.invalidField('file', `the multipart body cannot be read: ${error.message}`);
      sendCashfreeResponse(context.switchToHttp().getResponse<Response>(), refusal);
      return of(undefined);
    }
  }
}
