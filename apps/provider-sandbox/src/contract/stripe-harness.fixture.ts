import { StripeAdapter } from '@payments/providers';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import { RunningSandbox, TEST_WEBHOOK_SECRET, WebhookReceiver, startTestSandbox, startWebhookReceiver } from './sandbox-harness.fixture';
import { adapterFor } from './stripe-sandbox-calls.fixture';

/** The in-process sandbox sending its Stripe webhooks to a receiver, and the Stripe adapter pointed at it, verifying with the test secret. */
export interface StripeHarness {
  readonly receiver: WebhookReceiver;
  readonly sandbox: RunningSandbox;
  readonly adapter: StripeAdapter;
}

export interface StripeHarnessOptions {
  /** The sandbox's clock and ids; the adapter then checks webhook timestamps against the same clock. */
  readonly runtime?: SandboxRuntime;
  /** The adapter's page size for list calls. */
  readonly listPageSize?: number;
}

/**
 * Starts the Stripe harness before the tests of the enclosing `describe` and stops it after them.
 * Call it in the `describe` body; read its parts inside tests and hooks, once it has started.
 */
export function stripeHarness(options: StripeHarnessOptions = {}): StripeHarness {
  let receiver: WebhookReceiver | undefined;
  let sandbox: RunningSandbox | undefined;
  let adapter: StripeAdapter | undefined;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startTestSandbox({ webhookUrl: receiver.url, runtime: options.runtime });
    adapter = adapterFor(sandbox, [TEST_WEBHOOK_SECRET], { listPageSize: options.listPageSize, now: options.runtime?.now });
  });

  afterAll(async () => {
    await sandbox?.stop();
    await receiver?.stop();
  });

  const started = <T>(part: T | undefined, name: keyof StripeHarness): T => {
    if (part === undefined) throw new Error(`the Stripe harness's ${name} is read before beforeAll started it`);
    return part;
  };
  return {
    get receiver() { return started(receiver, 'receiver'); },
    get sandbox() { return started(sandbox, 'sandbox'); },
    get adapter() { return started(adapter, 'adapter'); },
  };
}
