import { randomUUID } from 'node:crypto';
import { cashfreeApi, cashfreeControl, cashfreeSuite, cashfreeWebhookLog, inrCheckout } from './cashfree-harness.fixture';
import { DisputeJson, paidCashfreeOrder, raisedDispute } from './cashfree-settlement.fixture';
import { TEST_CASHFREE_APP_ID, TEST_CASHFREE_SECRET_KEY } from './sandbox-harness.fixture';

const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

describe('the sandbox speaks Cashfree’s dispute API (2023-08-01) over plain HTTP', () => {
  const suite = cashfreeSuite();

  async function uploadDocument(disputeId: number, form: FormData | string, headers: Record<string, string> = {}) {
    const response = await fetch(`${suite.sandbox.url}/cashfree/pg/disputes/${disputeId}/documents`, {
      method: 'POST', body: form,
      headers: { 'x-client-id': TEST_CASHFREE_APP_ID, 'x-client-secret': TEST_CASHFREE_SECRET_KEY, 'x-api-version': '2023-08-01', ...headers },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const evidence = (fields: Record<string, string | Blob>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    return form;
  };

  it('raises a chargeback on a paid order: CHARGEBACK_CREATED with the payment, three days to answer and Cashfree’s preferred evidence', async () => {
    const paid = await paidCashfreeOrder(suite.sandbox, suite.adapter, 58_882);
    const raised = await cashfreeControl(suite.sandbox, `/orders/${paid.orderId}/dispute`, { amount: 100.5, reason_code: '1402' });
    expect(raised.raw).toContain('"dispute_amount":100.50');
    const dispute = (raised.body as { dispute: DisputeJson }).dispute;
    const fetched = await cashfreeApi(suite.sandbox, 'GET', `/disputes/${dispute.dispute_id}`);
    expect(fetched.body).toMatchObject({
      dispute_id: dispute.dispute_id, dispute_type: 'CHARGEBACK', dispute_status: 'CHARGEBACK_CREATED', reason_code: '1402', reason_description: 'Duplicate Processing',
      dispute_amount: 100.5, resolved_at: null, dispute_evidence: [], preferred_evidence: expect.arrayContaining([expect.objectContaining({ document_type: 'Statement of Service' })]),
      order_details: { order_id: paid.orderId, cf_payment_id: paid.cfPaymentId, order_amount: 588.82, order_currency: 'INR' },
    });
    const { created_at: createdAt, respond_by: respondBy } = fetched.body as { created_at: string; respond_by: string };
    expect(Date.parse(respondBy) - Date.parse(createdAt)).toBe(3 * 24 * 3600 * 1000);
    expect((await cashfreeApi<unknown[]>(suite.sandbox, 'GET', `/orders/${paid.orderId}/disputes`)).body).toEqual([fetched.body]);
    expect((await cashfreeApi<unknown[]>(suite.sandbox, 'GET', `/payments/${paid.cfPaymentId}/disputes`)).body).toEqual([fetched.body]);
    expect((await cashfreeWebhookLog(suite.sandbox, paid.orderId, 'DISPUTE_CREATED')).map((entry) => entry.objectId)).toEqual([String(dispute.dispute_id)]);
  });

  it('takes a document as a file part or as a text field, and keeps each: CHARGEBACK_DOCS_RECEIVED, and DISPUTE_UPDATED', async () => {
    const paid = await paidCashfreeOrder(suite.sandbox, suite.adapter, 58_882);
    const dispute = await raisedDispute(suite.sandbox, paid.orderId);
    const asFile = await uploadDocument(dispute.dispute_id, evidence({ file: new Blob(['lessons watched'], { type: 'text/plain' }), doc_type: 'Proof of Service Used', note: 'see log' }));
    expect(asFile).toMatchObject({ status: 200, body: [{ dispute_status: 'CHARGEBACK_DOCS_RECEIVED' }] });
    const asText = await uploadDocument(dispute.dispute_id, evidence({ file: 'a statement', doc_type: 'Statement of Service' }));
    expect((asText.body as unknown as DisputeJson[])[0].dispute_evidence.map((document) => [document.document_type, document.document_name])).toEqual([
      ['Proof of Service Used', 'blob'], ['Statement of Service', 'document.txt'],
    ]);
    expect(await cashfreeWebhookLog(suite.sandbox, paid.orderId, 'DISPUTE_UPDATED')).toHaveLength(2);
  });

  it('accepts a dispute: CHARGEBACK_MERCHANT_ACCEPTED and resolved, after which nothing more can be done to it', async () => {
    const paid = await paidCashfreeOrder(suite.sandbox, suite.adapter, 58_882);
    const dispute = await raisedDispute(suite.sandbox, paid.orderId);
    const accepted = await cashfreeApi(suite.sandbox, 'PUT', `/disputes/${dispute.dispute_id}/accept`, undefined, { 'x-idempotency-key': `accept-${dispute.dispute_id}` });
    expect(accepted.body).toMatchObject({ dispute_status: 'CHARGEBACK_MERCHANT_ACCEPTED', resolved_at: expect.any(String) });
    const again = await cashfreeApi(suite.sandbox, 'PUT', `/disputes/${dispute.dispute_id}/accept`);
    expect(again).toMatchObject({ status: 400, body: { code: 'dispute_action_not_allowed', message: 'action not allowed: the dispute is CHARGEBACK_MERCHANT_ACCEPTED' } });
    expect(await uploadDocument(dispute.dispute_id, evidence({ file: 'late', doc_type: 'Statement of Service' }))).toMatchObject({ status: 400, body: { code: 'dispute_action_not_allowed' } });
    expect(await cashfreeControl(suite.sandbox, `/disputes/${dispute.dispute_id}/resolve`, { outcome: 'won' })).toMatchObject({ status: 400 });
    expect(await cashfreeWebhookLog(suite.sandbox, paid.orderId, 'DISPUTE_CLOSED')).toHaveLength(1);
  });

  it('replays a retried document upload under the same idempotency key, and refuses the key with another document', async () => {
    const paid = await paidCashfreeOrder(suite.sandbox, suite.adapter, 58_882);
    const dispute = await raisedDispute(suite.sandbox, paid.orderId);
    const key = `evidence-${randomUUID()}`;
    const form = () => evidence({ file: new Blob(['the same'], { type: 'text/plain' }), doc_type: 'Statement of Service' });
    const first = await uploadDocument(dispute.dispute_id, form(), { 'x-idempotency-key': key });
    expect(await uploadDocument(dispute.dispute_id, form(), { 'x-idempotency-key': key })).toEqual(first);
    const other = evidence({ file: new Blob(['another'], { type: 'text/plain' }), doc_type: 'Statement of Service' });
    expect(await uploadDocument(dispute.dispute_id, other, { 'x-idempotency-key': key })).toMatchObject({ status: 422, body: { type: 'idempotency_error' } });
    expect(((await cashfreeApi(suite.sandbox, 'GET', `/disputes/${dispute.dispute_id}`)).body as unknown as DisputeJson).dispute_evidence).toHaveLength(1);
  });

  it.each([
    ['a JSON body', JSON.stringify({ file: 'x', doc_type: 'Statement of Service' }), { 'content-type': 'application/json' }, 'Content-Type_invalid'],
    ['no document', evidence({ doc_type: 'Statement of Service' }), {}, 'file_missing'],
    ['a document type Cashfree does not know', evidence({ file: 'x', doc_type: 'Selfie' }), {}, 'doc_type_invalid'],
    ['a file over 5 MB', evidence({ file: new Blob([Buffer.alloc(MAX_DOCUMENT_BYTES + 1)]), doc_type: 'Statement of Service' }), {}, 'file_invalid'],
    ['a part under another name', evidence({ evidence: new Blob(['x']), doc_type: 'Statement of Service' }), {}, 'file_invalid'],
  ])('refuses a document upload with %s in Cashfree’s error shape', async (_label, form, headers, code) => {
    const paid = await paidCashfreeOrder(suite.sandbox, suite.adapter, 58_882);
    const dispute = await raisedDispute(suite.sandbox, paid.orderId);
    expect(await uploadDocument(dispute.dispute_id, form, headers)).toMatchObject({ status: 400, body: { code, type: 'invalid_request_error' } });
  });

  it('answers Cashfree’s 404s and 400s for disputes it does not hold and ids that are not ids', async () => {
    expect(await cashfreeApi(suite.sandbox, 'GET', '/disputes/999999999')).toMatchObject({ status: 404, body: { code: 'dispute_not_found' } });
    expect(await cashfreeApi(suite.sandbox, 'GET', '/disputes/du_1')).toMatchObject({ status: 400, body: { code: 'dispute_id_invalid' } });
    expect(await cashfreeApi(suite.sandbox, 'GET', '/orders/ord_missing/disputes')).toMatchObject({ status: 404, body: { code: 'order_not_found' } });
    expect(await cashfreeApi(suite.sandbox, 'GET', '/payments/1/disputes')).toMatchObject({ status: 404, body: { code: 'payment_not_found' } });
    expect(await cashfreeApi(suite.sandbox, 'GET', '/disputes/1', undefined, { 'x-client-secret': 'wrong' })).toMatchObject({ status: 401 });
  });

  it('raises a dispute only on a paid order, and resolves one only as won or lost', async () => {
    const orderId = randomUUID();
    await suite.adapter.openCheckout(inrCheckout(orderId));
    expect(await cashfreeControl(suite.sandbox, `/orders/${orderId}/dispute`)).toMatchObject({ status: 400, body: { code: 'order_not_paid' } });
    expect(await cashfreeControl(suite.sandbox, '/orders/ord_missing/dispute')).toMatchObject({ status: 404, body: { code: 'order_not_found' } });
    const paid = await paidCashfreeOrder(suite.sandbox, suite.adapter, 58_882);
    expect(await cashfreeControl(suite.sandbox, `/orders/${paid.orderId}/dispute`, { amount: 600 })).toMatchObject({ status: 400, body: { code: 'amount_invalid' } });
    const dispute = await raisedDispute(suite.sandbox, paid.orderId);
    expect(await cashfreeControl(suite.sandbox, `/disputes/${dispute.dispute_id}/resolve`, { outcome: 'maybe' })).toMatchObject({ status: 400, body: { code: 'outcome_invalid' } });
    expect(await cashfreeControl(suite.sandbox, '/disputes/999999999/resolve', { outcome: 'won' })).toMatchObject({ status: 404, body: { code: 'dispute_not_found' } });
  });
});
