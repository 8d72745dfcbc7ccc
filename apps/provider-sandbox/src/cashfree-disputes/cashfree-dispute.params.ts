import { createHash } from 'node:crypto';
import { CashfreeErrors } from '../cashfree/cashfree-api.errors';
import { FieldError, ParamsResult, amount, parse, text } from '../cashfree/cashfree-order.params';
import { CASHFREE_DISPUTE_TYPES, CashfreeDisputeType, DEFAULT_REASON_CODE, DISPUTE_DOCUMENT_TYPES, OpenDisputeParams } from './cashfree-dispute';

/** The most a contesting document may weigh; Cashfree takes documents of a few megabytes. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
const REASON_CODE = /^[A-Za-z0-9._-]+$/;

/**
 * `POST /_sandbox/cashfree/orders/:order_id/dispute` `{amount?, type?, reason_code?}`: `amount` in
 * rupees, as Cashfree's `dispute_amount` (default the whole payment, never more); `type` CHARGEBACK
 * (default), DISPUTE or RETRIEVAL; `reason_code` default `13.1`.
 */
export function parseOpenDispute(body: unknown, paidMinor: number): ParamsResult<OpenDisputeParams> {
  return parse(body ?? {}, (fields) => {
    const type = (text(fields, 'type', { min: 1, max: 20 }) ?? 'CHARGEBACK') as CashfreeDisputeType;
    if (!CASHFREE_DISPUTE_TYPES.includes(type)) throw new FieldError(CashfreeErrors.invalidField('type', `should be one of ${CASHFREE_DISPUTE_TYPES.join(', ')}`));
    const amountMinor = fields.amount === undefined || fields.amount === null ? paidMinor : amount(fields, 'amount', 1);
    if (amountMinor > paidMinor) {
      throw new FieldError(CashfreeErrors.invalidField('amount', `should be at most the payment's ${(paidMinor / 100).toFixed(2)}`));
    }
    const reasonCode = text(fields, 'reason_code', { min: 1, max: 20, pattern: REASON_CODE }) ?? DEFAULT_REASON_CODE;
    return { type, amountMinor, reasonCode };
  });
}

/** `POST /_sandbox/cashfree/disputes/:id/resolve` `{outcome: 'won'|'lost'}`. */
export function parseResolveDispute(body: unknown): ParamsResult<'won' | 'lost'> {
  return parse(body ?? {}, (fields) => {
    const outcome = text(fields, 'outcome', { min: 1, max: 10, required: true });
    if (outcome !== 'won' && outcome !== 'lost') throw new FieldError(CashfreeErrors.invalidField('outcome', 'should be won or lost'));
    return outcome;
  });
}

/** An uploaded part as multer hands it over. */
export interface UploadedDocument {
  readonly originalname: string;
  readonly size: number;
  readonly buffer: Buffer;
}

export interface DocumentUpload {
  readonly documentName: string;
  readonly documentType: string;
  readonly note: string | null;
  readonly sizeBytes: number;
  /** What the idempotency key's fingerprint covers: the fields and the file's digest. */
  readonly fingerprint: Record<string, unknown>;
}

/**
 * `POST /disputes/{dispute_id}/documents`, multipart: `file` (a file part, or a text field, as
 * Cashfree's Node SDK sends it), `doc_type` (one of Cashfree's document types) and `note?`.
 */
export function parseDocumentUpload(fields: unknown, file: UploadedDocument | undefined): ParamsResult<DocumentUpload> {
  return parse(fields ?? {}, (form) => {
    const content = file?.buffer ?? (typeof form.file === 'string' && form.file !== '' ? Buffer.from(form.file, 'utf8') : null);
    if (!content) throw new FieldError(CashfreeErrors.missingField('file'));
    if (content.length > MAX_DOCUMENT_BYTES) throw new FieldError(CashfreeErrors.invalidField('file', `should be at most ${MAX_DOCUMENT_BYTES} bytes`));
    const documentType = text(form, 'doc_type', { min: 1, max: 60, required: true }) as string;
    if (!DISPUTE_DOCUMENT_TYPES.includes(documentType)) {
      throw new FieldError(CashfreeErrors.invalidField('doc_type', `should be one of ${DISPUTE_DOCUMENT_TYPES.join(', ')}`));
    }
    const note = text(form, 'note', { min: 1, max: 500 });
    const documentName = file?.originalname && file.originalname.length <= 200 ? file.originalname : 'document.txt';
    const digest = createHash('sha256').update(content).digest('hex');
    return {
      documentName, documentType, note, sizeBytes: content.length,
      fingerprint: { doc_type: documentType, note, file: { name: documentName, sha256: digest } },
    };
  });
}
