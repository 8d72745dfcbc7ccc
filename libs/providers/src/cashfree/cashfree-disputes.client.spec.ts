import { ProviderError } from '../port/provider.errors';
import { EXPLANATION_DOC_TYPE, MAX_EXPLANATION_LENGTH, evidenceForm } from './cashfree-disputes.client';

describe('the evidence sent to contest a Cashfree dispute', () => {
  it('is the explanation as a text document, of the statement-of-service type, with its start as the note', async () => {
    const explanation = `  The customer watched all twelve lessons of the course. ${'More detail. '.repeat(60)}`;
    const form = evidenceForm(explanation);
    const file = form.get('file') as File;
    expect(file.name).toBe('explanation.txt');
    expect(file.type).toMatch(/^text\/plain/);
    expect(await file.text()).toBe(explanation.trim());
    expect(form.get('doc_type')).toBe(EXPLANATION_DOC_TYPE);
    expect(form.get('note')).toBe(explanation.trim().slice(0, 500));
  });

  it.each([
    ['an empty explanation', '   '],
    ['an explanation longer than any reader reads', 'x'.repeat(MAX_EXPLANATION_LENGTH + 1)],
  ])('refuses %s before calling Cashfree', (_label, explanation) => {
    expect(() => evidenceForm(explanation)).toThrow(expect.objectContaining({ code: 'PROVIDER.INVALID_REQUEST' }));
    expect(() => evidenceForm(explanation)).toThrow(ProviderError);
  });
});
