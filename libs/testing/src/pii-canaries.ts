import { randomInt } from 'node:crypto';

/**
 * Canary personal data: values unique to one test run, pushed through every input and then looked
 * for everywhere the system keeps or sends text. Unique values keep the search free of what other
 * runs left on a shared broker, and free of look-alikes (test cards, fixture emails).
 */
export type PiiKind = 'pan' | 'cvc' | 'vpa' | 'email' | 'phone';

export interface PiiCanary {
  readonly kind: PiiKind;
  /** The value as a person would type it. */
  readonly value: string;
  /** How it is found, in any of the ways it may be written (grouped digits, `%40` for `@`, any case). */
  readonly pattern: RegExp;
}

export interface PiiCanaries {
  /** A Luhn-valid 16-digit card number, ungrouped. */
  readonly pan: string;
  /** The same card number grouped by spaces, as a decline message quotes it. */
  readonly groupedPan: string;
  /** The card number as a JSON number would carry it. */
  readonly numericPan: number;
  /** A 3-digit security code; searched for only next to its name (`cvc 123`, `"cvv":"123"`). */
  readonly cvc: string;
  readonly vpa: string;
  readonly email: string;
  /** An Indian mobile number, `+91 98xxx xxxxx`. */
  readonly phone: string;
  readonly all: readonly PiiCanary[];
}

const digits = (count: number) => Array.from({ length: count }, () => String(randomInt(10))).join('');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The check digit that makes `payload` + digit pass the Luhn test. */
export function luhnCheckDigit(payload: string): string {
  let sum = 0;
  for (let index = 0; index < payload.length; index += 1) {
    let digit = Number(payload[payload.length - 1 - index]);
    if (index % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

export function isLuhnValid(number: string): boolean {
  return /^\d{2,}$/.test(number) && luhnCheckDigit(number.slice(0, -1)) === number.slice(-1);
}

/** A run of these digits, with any one space or dash between two of them, after `prefix` or else not inside a longer run. */
function digitRun(value: string, prefix = ''): RegExp {
  return new RegExp(`(?<!\\d)${prefix}${[...value].join('[ -]?')}(?!\\d)`);
}

/** An address `local@domain` in any case, its `@` also percent- or JSON-escaped. */
function address(value: string): RegExp {
  const [local, domain] = value.split('@');
  return new RegExp(`${escapeRegExp(local)}(?:@|%40|\\\\u0040)${escapeRegExp(domain)}`, 'i');
}

/** The code after its name and up to 8 quotes, colons, equals signs or spaces. */
function securityCode(code: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])(?:cvc2?|cvv2?|cvn|csc|security[ _-]?code)[\\s"':=\\\\]{0,8}${code}(?!\\d)`, 'i');
}

/** A fresh set of canaries; the card number starts with 4 and stays below 2^53, so it is exact as a JSON number. */
export function piiCanaries(): PiiCanaries {
  const payload = `4${digits(14)}`;
  const pan = `${payload}${luhnCheckDigit(payload)}`;
  const tag = digits(8);
  const mobile = `98${digits(8)}`;
  const canaries = {
    pan,
    groupedPan: pan.replace(/(\d{4})(?=\d)/g, '$1 '),
    numericPan: Number(pan),
    cvc: String(randomInt(100, 1000)),
    vpa: `canary.payer${tag}@okaxis`,
    email: `canary.buyer${tag}@example.com`,
    phone: `+91 ${mobile.slice(0, 5)} ${mobile.slice(5)}`,
  };
  return {
    ...canaries,
    all: [
      { kind: 'pan', value: pan, pattern: digitRun(pan) },
      { kind: 'cvc', value: canaries.cvc, pattern: securityCode(canaries.cvc) },
      { kind: 'vpa', value: canaries.vpa, pattern: address(canaries.vpa) },
      { kind: 'email', value: canaries.email, pattern: address(canaries.email) },
      { kind: 'phone', value: canaries.phone, pattern: digitRun(mobile, '(?:\\+?91[ -]?|0)?') },
    ],
  };
}

/** Where a canary was found: the place (table, topic, file) and the text around it. */
export interface PiiHit {
  readonly kind: PiiKind;
  readonly where: string;
  readonly excerpt: string;
}

const EXCERPT_CONTEXT = 60;

/** Every canary found in `text`, one hit per canary and place. */
export function findPii(text: string, canaries: readonly PiiCanary[], where: string): PiiHit[] {
  return canaries.flatMap((canary) => {
    const match = canary.pattern.exec(text);
    if (!match) return [];
    const excerpt = text.slice(Math.max(0, match.index - EXCERPT_CONTEXT), match.index + match[0].length + EXCERPT_CONTEXT);
    return [{ kind: canary.kind, where, excerpt }];
  });
}
