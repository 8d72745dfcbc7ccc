import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parse } from 'yaml';

// No Docker engine runs here: the Dockerfile and docker-compose.yml are held to their rules by
// reading them (scripts/check-deploy.sh adds `docker-compose config`).

const ROOT = join(__dirname, '..', '..');
const APPS: Record<string, { portVariable: string; health: string }> = {
  gateway: { portVariable: 'GATEWAY_PORT', health: '/health/ready' },
  'webhook-ingest': { portVariable: 'WEBHOOK_INGEST_PORT', health: '/health/ready' },
  checkout: { portVariable: 'CHECKOUT_PORT', health: '/health/ready' },
  'order-ledger': { portVariable: 'ORDER_LEDGER_PORT', health: '/health/ready' },
  entitlements: { portVariable: 'ENTITLEMENTS_PORT', health: '/health/ready' },
  'provider-sandbox': { portVariable: 'SANDBOX_PORT', health: '/health' },
};

interface Stage {
  from: string;
  name: string;
  lines: string[];
}

/** The Dockerfile's stages, each with its instructions (continuation lines joined). */
function stages(): Stage[] {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const args = Object.fromEntries([...text.matchAll(/^ARG (\w+)=(\S+)$/gm)].map((match) => [match[1], match[2]]));
  const result: Stage[] = [];
  for (const line of text.split('\n').filter((entry) => entry.trim() !== '' && !entry.startsWith('#'))) {
    const from = /^FROM (\S+) AS (\S+)$/.exec(line);
    if (from) result.push({ from: from[1].replace(/^\$\{(\w+)\}$/, (_, name: string) => args[name]), name: from[2], lines: [] });
    else result.at(-1)?.lines.push(line);
  }
  return result;
}

const stage = (name: string) => stages().find((candidate) => candidate.name === name) as Stage;

describe('the Dockerfile', () => {
  it('builds once on the slim official Node image and ships only production dependencies and dist/', () => {
    const names = stages().map((candidate) => candidate.name);
    const bases = stages().filter((candidate) => !names.includes(candidate.from)).map((candidate) => `${candidate.name} from ${candidate.from}`);
    expect(bases).toEqual(['build from node:20-bookworm-slim', 'runtime from node:20-bookworm-slim']);
    expect(stage('build').lines).toContain('RUN npm run build');
    const runtime = stage('runtime').lines;
    expect(runtime.some((line) => /^RUN npm ci --omit=dev\b/.test(line))).toBe(true);
    expect(runtime.filter((line) => line.startsWith('COPY'))).toEqual([
      'COPY package.json package-lock.json ./',
      'COPY --from=build /workspace/dist ./dist',
      'COPY scripts/migrate.sh scripts/healthcheck.js ./scripts/',
    ]);
    expect(runtime).toContain('USER node');
  });

  it('has one target per app, on the runtime stage, with a HEALTHCHECK on its own health route', () => {
    expect(stage('app').from).toBe('runtime');
    expect(stage('app').lines.filter((line) => line.startsWith('HEALTHCHECK'))).toEqual([
      'HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD ["node", "scripts/healthcheck.js"]',
    ]);
    expect(stage('runtime').lines.some((line) => line.startsWith('HEALTHCHECK'))).toBe(false);
    for (const [app, { portVariable, health }] of Object.entries(APPS)) {
      const { from, lines } = stage(app);
      expect(from).toBe('app');
      expect(lines).toContain(`CMD ["node", "--enable-source-maps", "dist/apps/${app}/src/main.js"]`);
      expect(lines.find((line) => line.startsWith('ENV'))).toMatch(new RegExp(`^ENV ${portVariable}=\\d+ HEALTH_PORT_VARIABLE=${portVariable} HEALTH_PATH=${health}$`));
      expect(lines.some((line) => line.startsWith('USER'))).toBe(false);
    }
  });

  it('checks health with a script that passes on 200 only, on the port the named variable holds', async () => {
    const statuses = [200, 503];
    const server = createServer((request, response) => {
      response.statusCode = request.url === '/health/ready' ? (statuses.shift() ?? 500) : 404;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = String((server.address() as AddressInfo).port);
    const check = (env: NodeJS.ProcessEnv) =>
      new Promise<number>((resolve) => execFile(process.execPath, [join(ROOT, 'scripts', 'healthcheck.js')], { env }, (error) => resolve(error ? Number(error.code) : 0)));
    try {
      const env = { HEALTH_PORT_VARIABLE: 'CHECKOUT_PORT', CHECKOUT_PORT: port, HEALTH_PATH: '/health/ready' };
      expect(await check(env)).toBe(0);
      expect(await check(env)).toBe(1);
      expect(await check({ ...env, HEALTH_PATH: '/health/live' })).toBe(1);
      expect(await check({ HEALTH_PATH: '/health/ready' })).toBe(2);
    } finally {
      server.close();
    }
  });

  it('bakes no secret into any stage', () => {
    const settings = stages().flatMap((candidate) => candidate.lines.filter((line) => /^(ENV|ARG) /.test(line)));
    expect(settings.filter((line) => /SECRET|PASSWORD|TOKEN|_KEY\b|APP_ID|DATABASE_URL/.test(line))).toEqual([]);
  });
});

describe('docker-compose.yml', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- compose files are free-form YAML here
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, any> };

  it('runs every app from its image target, with the jobs done first and two replicas of checkout and order-ledger', () => {
    const { services } = compose;
    expect(Object.keys(services).sort()).toEqual([...Object.keys(APPS), 'kafka', 'postgres', 'topics', 'migrate'].sort());
    for (const app of Object.keys(APPS)) {
      expect(services[app].build.target).toBe(app);
      expect(services[app].depends_on).toMatchObject({ topics: { condition: 'service_completed_successfully' }, migrate: { condition: 'service_completed_successfully' } });
    }
    expect(services.checkout.deploy.replicas).toBe(2);
    expect(services['order-ledger'].deploy.replicas).toBe(2);
    expect([services.topics.build.target, services.migrate.build.target]).toEqual(['runtime', 'runtime']);
    expect(stages().map((candidate) => candidate.name)).toEqual(expect.arrayContaining(['runtime', ...Object.keys(APPS)]));
  });
});
