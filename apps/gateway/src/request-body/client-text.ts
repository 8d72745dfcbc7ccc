import { redactText } from '@payments/observability';

/** What stands in for a client's identifier that held personal data. */
export const REDACTED_IDENTIFIER = '[REDACTED]';

/**
 * A product id or coupon code as the gateway sends it on to checkout: as given, or `[REDACTED]`
 * when it holds personal data (a card or phone number typed into the coupon field). Such text never
 * names anything of ours, so checkout answers it as unknown, and it is never published, stored or
 * echoed. The whole value is replaced, so the forwarded code is never longer than the one given.
 */
export function forwardedIdentifier(text: string): string {
  return redactText(text) === text ? text : REDACTED_IDENTIFIER;
}

/** A client's free text (a refund reason) with personal data redacted, cut to `maxLength` characters. */
export function redactedFreeText(text: string, maxLength: number): string {
  return redactText(text).slice(0, maxLength);
}

/** Validation messages name the offending property, which a hostile body may have named with a card number. */
export function redactedMessages(messages: readonly string[]): string[] {
  return messages.map(redactText);
}
