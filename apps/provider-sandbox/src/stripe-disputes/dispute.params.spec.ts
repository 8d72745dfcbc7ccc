import { EVIDENCE_FIELD_MAX_LENGTH, EVIDENCE_TOTAL_MAX_LENGTH, parseOpenDispute, parseResolveDispute, parseUpdateDispute } from './dispute.params';

const errorOf = (result: { ok: boolean; error?: { body: unknown } }) => (result.error?.body as { error: Record<string, unknown> } | undefined)?.error;

describe('opening a dispute in the sandbox', () => {
  it('disputes the whole amount as fraudulent unless told otherwise', () => {
    expect(parseOpenDispute(undefined)).toEqual({ ok: true, params: { amount: null, reason: 'fraudulent' } });
    expect(parseOpenDispute({ amount: 1200, reason: 'product_not_received', faults: { duplicate: 2 } })).toEqual({ ok: true, params: { amount: 1200, reason: 'product_not_received' } });
  });

  it.each([
    [{ amount: 0 }, 'amount', 'parameter_invalid_integer'],
    [{ amount: '12.5' }, 'amount', 'parameter_invalid_integer'],
    [{ reason: 'bored' }, 'reason', 'parameter_invalid_enum'],
    [{ colour: 'red' }, 'colour', 'parameter_unknown'],
  ])('refuses %j, naming %s', (body, param, code) => {
    expect(errorOf(parseOpenDispute(body))).toMatchObject({ param, code });
  });
});

describe('resolving a dispute in the sandbox', () => {
  it('takes won or lost, and nothing else', () => {
    expect(parseResolveDispute({ outcome: 'won', faults: {} })).toEqual({ ok: true, params: 'won' });
    expect(errorOf(parseResolveDispute({}))).toMatchObject({ param: 'outcome', code: 'parameter_missing' });
    expect(errorOf(parseResolveDispute({ outcome: 'draw' }))).toMatchObject({ param: 'outcome', code: 'parameter_invalid_enum' });
  });
});

describe('updating a dispute through the API', () => {
  it('reads evidence, metadata and submit from a form body, an empty field clearing it', () => {
    expect(parseUpdateDispute({ evidence: { uncategorized_text: 'Delivered', receipt: '' }, metadata: { case: '7' }, submit: 'true' })).toEqual({
      ok: true, params: { evidence: { uncategorized_text: 'Delivered', receipt: null }, metadata: { case: '7' }, submit: true },
    });
    expect(parseUpdateDispute({})).toEqual({ ok: true, params: { evidence: {}, metadata: {}, submit: false } });
  });

  it.each([
    [{ evidence: { colour: 'red' } }, 'evidence[colour]', 'parameter_unknown'],
    [{ evidence: 'all of it' }, 'evidence', 'parameter_invalid_object'],
    [{ evidence: { uncategorized_text: 'x'.repeat(EVIDENCE_FIELD_MAX_LENGTH + 1) } }, 'evidence[uncategorized_text]', 'parameter_invalid_string'],
    [{ evidence: Object.fromEntries(['uncategorized_text', 'product_description', 'refund_policy_disclosure', 'service_date', 'shipping_address', 'billing_address', 'access_activity_log', 'cancellation_rebuttal'].map((field) => [field, 'x'.repeat(EVIDENCE_TOTAL_MAX_LENGTH / 8 + 1)])) }, 'evidence', 'parameter_invalid_string'],
    [{ submit: 'maybe' }, 'submit', 'parameter_invalid_boolean'],
    [{ amount: '5' }, 'amount', 'parameter_unknown'],
  ])('refuses %j, naming %s', (params, param, code) => {
    expect(errorOf(parseUpdateDispute(params))).toMatchObject({ param, code });
  });

  it('refuses to expand what it does not expand, as Stripe words it', () => {
    expect(errorOf(parseUpdateDispute({ 'expand[0]': 'charge' }))).toEqual({ type: 'invalid_request_error', param: 'expand', message: 'This property cannot be expanded (charge).' });
  });
});
