import { MAX_DOCUMENT_BYTES, parseDocumentUpload, parseOpenDispute, parseResolveDispute } from './cashfree-dispute.params';

const errorOf = (result: { ok: boolean; error?: { status: number; body: unknown } }) => (result.ok ? undefined : result.error);

describe('raising a Cashfree dispute in the sandbox', () => {
  it('disputes the whole payment as a chargeback for reason 13.1 unless told otherwise', () => {
    expect(parseOpenDispute(undefined, 58_882)).toEqual({ ok: true, params: { type: 'CHARGEBACK', amountMinor: 58_882, reasonCode: '13.1' } });
  });

  it('reads a partial amount in rupees, a type and a reason code', () => {
    expect(parseOpenDispute({ amount: 100.5, type: 'RETRIEVAL', reason_code: '1402' }, 58_882)).toEqual({
      ok: true, params: { type: 'RETRIEVAL', amountMinor: 10_050, reasonCode: '1402' },
    });
  });

  it.each([
    ['more than the payment', { amount: 588.83 }, 'amount_invalid'],
    ['an amount with three decimals', { amount: 1.005 }, 'amount_invalid'],
    ['an amount as a string', { amount: '100' }, 'amount_invalid'],
    ['an unknown type', { type: 'ARBITRATION' }, 'type_invalid'],
    ['a reason code with spaces', { reason_code: 'not delivered' }, 'reason_code_invalid'],
  ])('refuses %s', (_label, body, code) => {
    expect(errorOf(parseOpenDispute(body, 58_882))).toMatchObject({ status: 400, body: { code } });
  });

  it('resolves only as won or lost', () => {
    expect(parseResolveDispute({ outcome: 'won' })).toEqual({ ok: true, params: 'won' });
    expect(errorOf(parseResolveDispute({ outcome: 'draw' }))).toMatchObject({ body: { code: 'outcome_invalid' } });
    expect(errorOf(parseResolveDispute(undefined))).toMatchObject({ body: { code: 'outcome_missing' } });
  });
});

describe('a document contesting a Cashfree dispute', () => {
  const file = { originalname: 'explanation.txt', size: 11, buffer: Buffer.from('the lessons') };

  it('reads a file part with its type and note, and fingerprints the file by its digest', () => {
    expect(parseDocumentUpload({ doc_type: 'Statement of Service', note: 'watched' }, file)).toEqual({
      ok: true,
      params: {
        documentName: 'explanation.txt', documentType: 'Statement of Service', note: 'watched', sizeBytes: 11,
        fingerprint: { doc_type: 'Statement of Service', note: 'watched', file: { name: 'explanation.txt', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } },
      },
    });
  });

  it('reads `file` sent as a text field, as Cashfree’s Node SDK sends it', () => {
    expect(parseDocumentUpload({ file: 'the lessons', doc_type: 'Delivery/Service Proof' }, undefined)).toMatchObject({
      ok: true, params: { documentName: 'document.txt', sizeBytes: 11, note: null },
    });
  });

  it.each([
    ['no file', { doc_type: 'Statement of Service' }, undefined, 'file_missing'],
    ['no document type', {}, file, 'doc_type_missing'],
    ['a document type Cashfree does not know', { doc_type: 'Selfie' }, file, 'doc_type_invalid'],
    ['a note over 500 characters', { doc_type: 'Statement of Service', note: 'n'.repeat(501) }, file, 'note_invalid'],
    ['a file too large', { doc_type: 'Statement of Service', file: 'x'.repeat(MAX_DOCUMENT_BYTES + 1) }, undefined, 'file_invalid'],
  ])('refuses %s', (_label, fields, upload, code) => {
    expect(errorOf(parseDocumentUpload(fields, upload))).toMatchObject({ status: 400, body: { code } });
  });
});
