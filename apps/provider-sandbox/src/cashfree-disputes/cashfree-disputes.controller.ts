import { Controller, Get, Param, Post, Put, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CashfreeErrors } from '../cashfree/cashfree-api.errors';
import { CashfreeApiGateway, CashfreeOperation } from '../cashfree/cashfree-api.gateway';
import { cashfreeApiRequest, sendCashfreeResponse } from '../cashfree/cashfree-api.http';
import { UploadedDocument, parseDocumentUpload } from './cashfree-dispute.params';
import { DisputeDocumentUpload } from './cashfree-dispute-upload.interceptor';
import { CashfreeDisputesApi } from './cashfree-disputes.api';

/** Cashfree's dispute API (x-api-version 2023-08-01), beside its orders under `/cashfree/pg`. */
@Controller('cashfree/pg')
export class CashfreeDisputesController {
  constructor(
    private readonly gateway: CashfreeApiGateway,
    private readonly disputes: CashfreeDisputesApi,
  ) {}

  @Get('disputes/:disputeId')
  get(@Param('disputeId') disputeId: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.disputes.get(disputeId));
  }

  @Get('orders/:orderId/disputes')
  ofOrder(@Param('orderId') orderId: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.disputes.ofOrder(orderId));
  }

  @Get('payments/:cfPaymentId/disputes')
  ofPayment(@Param('cfPaymentId') cfPaymentId: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.disputes.ofPayment(cfPaymentId));
  }

  @Put('disputes/:disputeId/accept')
  accept(@Param('disputeId') disputeId: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.disputes.accept(disputeId));
  }

  /** Multipart `file`, `doc_type`, `note`; the idempotency fingerprint covers the fields and the file's digest. */
  @Post('disputes/:disputeId/documents')
  @UseInterceptors(DisputeDocumentUpload)
  documents(@Param('disputeId') disputeId: string, @UploadedFile() file: UploadedDocument | undefined, @Req() req: Request, @Res() res: Response): void {
    const upload = req.is('multipart/form-data')
      ? parseDocumentUpload(req.body, file)
      : { ok: false as const, error: CashfreeErrors.invalidField('Content-Type', 'should be multipart/form-data') };
    const request = { ...cashfreeApiRequest(req), body: upload.ok ? upload.params.fingerprint : null };
    sendCashfreeResponse(res, this.gateway.handle(request, this.disputes.submitDocument(disputeId, upload)));
  }

  private handle(req: Request, res: Response, operation: CashfreeOperation): void {
    sendCashfreeResponse(res, this.gateway.handle(cashfreeApiRequest(req), operation));
  }
}
