import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../api/http';
import { PaymentFailure } from '../api/types';

/** A failure as the safe code and our own sentence for it (GET /api/payment-failures/:code), never a provider's text. */
export function FailureExplanation(props: { code: string; fallback?: string | null }) {
  const [failure, setFailure] = useState<PaymentFailure | null>(null);
  useEffect(() => {
    api<PaymentFailure>(`/api/payment-failures/${encodeURIComponent(props.code)}`).then(setFailure, () => setFailure(null));
  }, [props.code]);
  return (
    <div class="failure" role="alert" data-failure-code={props.code}>
      <p><strong class="code">{props.code}</strong>: {failure?.message ?? props.fallback ?? ''}</p>
      {failure && <p>{failure.meaning} {failure.payerAction}</p>}
    </div>
  );
}

/** A refused request: its code and the gateway's message. */
export function ErrorNotice(props: { error: unknown }) {
  if (!props.error) return null;
  const error = props.error instanceof ApiError ? props.error : new ApiError(0, 'UNEXPECTED', String((props.error as Error).message ?? props.error));
  return (
    <div class="error" role="alert" data-error-code={error.code}>
      <strong class="code">{error.code}</strong>: {error.message}
    </div>
  );
}
