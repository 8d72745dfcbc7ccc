import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Topics } from '@payments/contracts';
import { APPS, eventually } from '@payments/testing';
import { E2E_PORTS, E2E_URLS, E2eSystem, bearerFor, messagesAbout, openCheckout, orderView, startE2eSystem, topicRecorder, waitUntilSettled } from './e2e-system';

// The system as a deployment runs it: the compiled output of `npm run build` (scripts/test.sh builds
// before the e2e tier), topics provisioned and migrations applied by their own jobs first, and the
// services told not to do either at start.

const ROOT = join(__dirname, '..', '..', '..');

interface Run {
  code: number;
  output: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe('the compiled system', () => {
  let e2e: E2eSystem;
  let recorder: Awaited<ReturnType<typeof topicRecorder>>;
  const jobs: Record<'topics' | 'migrations', Run[]> = { topics: [], migrations: [] };

  beforeAll(async () => {
    for (const app of APPS) {
      if (!existsSync(join(ROOT, 'dist', 'apps', app, 'src', 'main.js'))) throw new Error(`dist/apps/${app} is missing: run npm run build first`);
    }
    e2e = await startE2eSystem({ APP_RUNTIME: 'compiled', KAFKA_CREATE_TOPICS: 'false', DATABASE_MIGRATE_AT_START: 'false' }, {
      beforeApps: async (env) => {
        for (let attempt = 0; attempt < 2; attempt += 1) {
          jobs.topics.push(await run(process.execPath, [join('dist', 'tools', 'deploy', 'provision-topics.js')], env));
          jobs.migrations.push(await run('bash', ['scripts/migrate.sh'], env));
        }
      },
    });
    recorder = await topicRecorder([Topics.entitlementGranted, Topics.ordersEvents]);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  it('ran each deployment job twice, the second time with nothing left to do', () => {
    expect(jobs.topics.map((job) => job.code)).toEqual([0, 0]);
    expect(jobs.migrations.map((job) => job.code)).toEqual([0, 0]);
    expect(jobs.topics[1].output).not.toMatch(/"action":"created"/);
    expect(jobs.migrations[0].output).toMatch(/"msg":"order_ledger: applied /);
    for (const schema of ['gateway', 'checkout', 'webhook_ingest', 'order_ledger', 'entitlements']) {
      expect(jobs.migrations[1].output).toContain(`"msg":"${schema}: up to date"`);
    }
  });

  it('runs every app from dist/', () => {
    const scripts = e2e.system.instances().map((instance) => instance.process.spawnargs.find((arg) => arg.endsWith('.js')));
    expect(scripts.sort()).toEqual(APPS.map((app) => join(ROOT, 'dist', 'apps', app, 'src', 'main.js')).sort());
  });

  it('serves the built web pages from the compiled gateway', async () => {
    const page = await fetch(`${E2E_URLS.gateway}/app/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('counts a forged webhook where an operator alerts on it', async () => {
    const forged = await fetch(`http://127.0.0.1:${E2E_PORTS.webhookIngest}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
      body: JSON.stringify({ id: 'evt_forged', type: 'payment_intent.succeeded', data: { object: {} } }),
    });
    expect(forged.status).toBe(400);
    const metrics = await (await fetch(`http://127.0.0.1:${E2E_PORTS.webhookIngest}/metrics`)).text();
    expect(metrics).toMatch(/^payments_webhooks_refused_total\{code="WEBHOOK\.SIGNATURE_INVALID"[^}]*\} 1$/m);
  });

  it('takes a Stripe payment from checkout to entitlement-granted', async () => {
    const userId = `user-compiled-${Date.now()}`;
    const token = await bearerFor(userId);
    const checkout = await openCheckout<{ orderId: string; payment: { providerReference: string } }>(token, { productId: 'course-typescript-101', currency: 'USD' });
    expect(checkout.status).toBe(201);
    const { orderId, payment } = checkout.body;

    const pay = await fetch(`${E2E_URLS.sandbox}/_sandbox/stripe/payment_intents/${payment.providerReference}/pay`, { method: 'POST' });
    expect(pay.status).toBe(200);

    const granted = await eventually(
      async () => messagesAbout(recorder, Topics.entitlementGranted, orderId)[0],
      60_000,
      'entitlement-granted for the order',
    );
    expect(granted.payload).toMatchObject({ userId, productId: 'course-typescript-101', orderId });
    const order = await eventually(async () => {
      const view = await orderView<{ status: string; invoiceNumber: string | null }>(token, orderId);
      return view?.status === 'paid' ? view : undefined;
    }, 30_000, 'the gateway read model to show the order paid');
    expect(order.invoiceNumber).toMatch(/^INV-\d{4}-\d+$/);

    await waitUntilSettled(e2e, recorder);
    expect(messagesAbout(recorder, Topics.ordersEvents, orderId).map((message) => message.type)).toEqual(['OrderPlaced', 'OrderPaid']);
    expect(messagesAbout(recorder, Topics.entitlementGranted, orderId)).toHaveLength(1);
  });
});
