/** Why webhook-ingest refused a request before any provider could read it. */
export type WebhookRequestErrorCode =
  /** No body at all. */
  | 'WEBHOOK.EMPTY_BODY'
  /** Not `application/json` (with no charset, or UTF-8), or a content encoding we do not read. */
  | 'WEBHOOK.UNSUPPORTED_CONTENT_TYPE'
  /** Larger than `WEBHOOK_BODY_LIMIT`; answered 413. */
  | 'WEBHOOK.BODY_TOO_LARGE'
  /** The body did not arrive whole (the sender aborted, or its length was wrong). */
  | 'WEBHOOK.MALFORMED_BODY';

/** A webhook request refused at the HTTP boundary; nothing of it was verified, stored or published. */
export class WebhookRequestError extends Error {
  constructor(
    readonly code: WebhookRequestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookRequestError';
  }
}
