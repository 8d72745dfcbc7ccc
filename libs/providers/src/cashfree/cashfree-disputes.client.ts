import { ProviderError } from '../port/provider.errors';
import type { DisputeAction, DisputeActionResult } from '../port/settlement.port';
import type { CashfreeHttpClient } from './cashfree-http.client';
import { cashfreeIdempotencyKey } from './cashfree-order.request';
import type { CashfreeDisputeEntity } from './cashfree-settlement.types';

const DISPUTE_ID = /^\d{1,19}$/;
/** The longest explanation sent; a statement of service longer than this is not read by anyone. */
export const MAX_EXPLANATION_LENGTH = 20_000;
/** Cashfree's `note` on a document is short; the whole explanation is the document itself. */
const NOTE_LENGTH = 500;
/** Of Cashfree's document types, the one a written statement about the service is. */
export const EXPLANATION_DOC_TYPE = 'Statement of Service';

const invalid = (message: string) => new ProviderError('PROVIDER.INVALID_REQUEST', message);

/** What `POST /disputes/{id}/documents` sends: the explanation as a text file, its start as the note. */
export function evidenceForm(explanation: string): FormData {
  const trimmed = explanation.trim();
  if (trimmed === '') throw invalid('evidence needs an explanation');
  if (trimmed.length > MAX_EXPLANATION_LENGTH) throw invalid(`an explanation is at most ${MAX_EXPLANATION_LENGTH} characters`);
  const form = new FormData();
  form.append('file', new Blob([trimmed], { type: 'text/plain' }), 'explanation.txt');
  form.append('doc_type', EXPLANATION_DOC_TYPE);
  form.append('note', trimmed.slice(0, NOTE_LENGTH));
  return form;
}

/** Contesting answers the dispute (2023-08-01's spec: an array of one); accepting answers it bare. */
function actedOn(answer: CashfreeDisputeEntity | CashfreeDisputeEntity[], disputeId: string): DisputeActionResult {
  const entity = Array.isArray(answer) ? answer[0] : answer;
  const status = entity?.dispute_status;
  if (typeof status !== 'string' || status === '') {
    throw new ProviderError('PROVIDER.UNAVAILABLE', `Cashfree dispute ${disputeId}: the answer has no dispute_status`, { providerCode: 'malformed_response', retryable: false });
  }
  return { disputeId, status };
}

/**
 * Cashfree disputes: accept (`PUT /disputes/{id}/accept`) or contest with a document
 * (`POST /disputes/{id}/documents`), each under `x-idempotency-key` derived from our key, so a
 * retry can only replay the first answer; and an order's disputes, for reading its recon rows.
 */
export class CashfreeDisputes {
  constructor(private readonly http: CashfreeHttpClient) {}

  async act(action: DisputeAction): Promise<DisputeActionResult> {
    if (!DISPUTE_ID.test(action.disputeId)) throw invalid(`not a Cashfree dispute id: "${action.disputeId}"`);
    if (!action.idempotencyKey) throw invalid('an idempotency key derived from our ids is required');
    const path = `/disputes/${action.disputeId}`;
    const idempotencyKey = cashfreeIdempotencyKey(action.idempotencyKey);
    switch (action.action) {
      case 'accept': {
        const accepted = await this.http.call<CashfreeDisputeEntity>({ method: 'PUT', path: `${path}/accept`, idempotencyKey, what: 'accept dispute' });
        return actedOn(accepted, action.disputeId);
      }
      case 'submit-evidence': {
        const body = evidenceForm(action.explanation);
        const contested = await this.http.call<CashfreeDisputeEntity[]>({ method: 'POST', path: `${path}/documents`, body, idempotencyKey, what: 'submit dispute evidence' });
        return actedOn(contested, action.disputeId);
      }
      default: {
        const unknown: never = action;
        throw invalid(`unknown dispute action ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** `GET /orders/{order_id}/disputes`; an order Cashfree does not know has none. */
  async ofOrder(orderId: string): Promise<CashfreeDisputeEntity[]> {
    const path = `/orders/${encodeURIComponent(orderId)}/disputes`;
    return (await this.http.call<CashfreeDisputeEntity[]>({ method: 'GET', path, what: 'get order disputes', allowNotFound: true })) ?? [];
  }
}
