import { redactDeep, redactText } from '@payments/observability';
import { findPii, isLuhnValid, luhnCheckDigit, piiCanaries } from './pii-canaries';

const kindsFound = (text: string, canaries = piiCanaries()) => findPii(text, canaries.all, 'here').map((hit) => hit.kind);

describe('canary personal data', () => {
  it('computes Luhn check digits as card networks do', () => {
    expect(luhnCheckDigit('424242424242424')).toBe('2');
    expect(luhnCheckDigit('400005665566555')).toBe('6');
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
  });

  it('makes a Luhn-valid card number that stays exact as a JSON number, an Indian mobile number and unique addresses', () => {
    const [first, second] = [piiCanaries(), piiCanaries()];
    expect(isLuhnValid(first.pan)).toBe(true);
    expect(first.pan).toMatch(/^4\d{15}$/);
    expect(JSON.stringify({ n: first.numericPan })).toBe(`{"n":${first.pan}}`);
    expect(first.groupedPan.replace(/ /g, '')).toBe(first.pan);
    expect(first.phone).toMatch(/^\+91 98\d{3} \d{5}$/);
    expect(first.vpa).toMatch(/^[\w.]+@okaxis$/);
    expect(first.email).not.toBe(second.email);
    expect(first.pan).not.toBe(second.pan);
  });
});

describe('finding canaries in text', () => {
  const canaries = piiCanaries();
  const mobile = canaries.phone.replace(/\D/g, '').slice(2);

  it.each([
    ['the card number as typed', `card ${canaries.pan} declined`],
    ['the card number grouped by spaces', `card ${canaries.groupedPan}`],
    ['the card number grouped by dashes', canaries.groupedPan.replace(/ /g, '-')],
    ['the card number as a JSON number', JSON.stringify({ number: canaries.numericPan })],
  ])('finds %s', (_, text) => {
    expect(kindsFound(text, canaries)).toEqual(['pan']);
  });

  it.each([
    ['cvc 123', `cvc ${canaries.cvc}`],
    ['cvv: 123', `CVV: ${canaries.cvc}`],
    ['a JSON field', `{"cvc":"${canaries.cvc}"}`],
    ['an escaped JSON field in a row cast to text', `{\\"cvv2\\": \\"${canaries.cvc}\\"}`],
    ['security code', `security code ${canaries.cvc}`],
  ])('finds the security code written as %s', (_, text) => {
    expect(kindsFound(text, canaries)).toEqual(['cvc']);
  });

  it.each([
    ['as typed', (value: string) => value],
    ['in capitals', (value: string) => value.toUpperCase()],
    ['percent-encoded in a URL', (value: string) => value.replace('@', '%40')],
    ['JSON-escaped', (value: string) => value.replace('@', '\\u0040')],
  ])('finds the email and the VPA %s', (_, write) => {
    expect(kindsFound(`${write(canaries.email)} and ${write(canaries.vpa)}`, canaries)).toEqual(['vpa', 'email']);
  });

  it.each([
    ['with its country code and spaces', canaries.phone],
    ['as ten digits', mobile],
    ['with +91 and no spaces', `+91${mobile}`],
  ])('finds the phone number %s', (_, text) => {
    expect(kindsFound(text, canaries)).toEqual(['phone']);
  });

  it('finds nothing in look-alikes: other cards, digits inside a longer run, the code without its name, other addresses', () => {
    const text = [
      '4242424242424242', `9${canaries.pan}`, `${canaries.pan}0`, `order ${canaries.cvc} items`, `cvc ${canaries.cvc}9`,
      'canary.buyer@example.com', canaries.email.replace('canary', 'other'), `${mobile}7`, `1${mobile}`,
    ].join(' | ');
    expect(findPii(text, canaries.all, 'here')).toEqual([]);
  });

  it('reports where each canary was found with the text around it', () => {
    expect(findPii(`row (1,"${canaries.email}")`, canaries.all, 'table checkout.orders')).toEqual([
      { kind: 'email', where: 'table checkout.orders', excerpt: `row (1,"${canaries.email}")` },
    ]);
  });

  it('finds none of them once the text has been redacted', () => {
    const text = `Card ${canaries.groupedPan} cvc ${canaries.cvc} of ${canaries.email}, UPI ${canaries.vpa}, call ${canaries.phone}`;
    expect(kindsFound(text, canaries)).toEqual(['pan', 'cvc', 'vpa', 'email', 'phone']);
    expect(findPii(redactText(text), canaries.all, 'here')).toEqual([]);
    for (const written of [`+91${mobile}`, `91${mobile}`, `0${mobile}`, mobile]) expect(findPii(redactText(`call ${written}`), canaries.all, 'here')).toEqual([]);
    expect(findPii(JSON.stringify(redactDeep({ number: canaries.numericPan, note: text })), canaries.all, 'here')).toEqual([]);
  });
});
