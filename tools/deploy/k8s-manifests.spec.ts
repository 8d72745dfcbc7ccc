import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

// deploy/k8s validated against the Kubernetes schemas (kubernetes-models, through k8s-validate.mjs),
// then held to the rules a platform team checks by hand.

const ROOT = join(__dirname, '..', '..');
const K8S = join(ROOT, 'deploy', 'k8s');
const VALIDATOR = join(__dirname, 'k8s-validate.mjs');
const CONSUMERS = ['gateway', 'checkout', 'order-ledger', 'entitlements'];
const SERVICES = ['gateway', 'webhook-ingest', 'checkout', 'order-ledger', 'entitlements'];
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|_KEY$|APP_ID|DATABASE_URL/;
const SECRET_VALUE = /sk_(live|test)_|whsec_|cfsk_|postgres(ql)?:\/\/[^/\s@]*:[^/\s@]*@/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are free-form YAML here
type Manifest = Record<string, any>;
type Container = Manifest;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? yamlFiles(join(dir, entry.name)) : entry.name.endsWith('.yaml') ? [join(dir, entry.name)] : [],
  );
}

const manifests: Manifest[] = yamlFiles(K8S).flatMap((file) => parseAllDocuments(readFileSync(file, 'utf8')).map((document) => document.toJS() as Manifest));
const ofKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const podSpecs = () => [...ofKind('Deployment'), ...ofKind('Job')].map((workload) => workload.spec.template.spec);
const deployment = (name: string) => ofKind('Deployment').find((manifest) => manifest.metadata.name === name) as Manifest;

describe('the Kubernetes manifests', () => {
  it('are valid against the Kubernetes schemas', () => {
    const output = execFileSync(process.execPath, [VALIDATOR, K8S], { cwd: ROOT, encoding: 'utf8' });
    const results = output.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; name: string; error: string | null });
    expect(results.filter((result) => result.error !== null)).toEqual([]);
    expect(results).toHaveLength(manifests.length);
  });

  it('would be refused by the schema check if a field had the wrong type', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-invalid-'));
    const broken = readFileSync(join(K8S, 'apps', 'order-ledger.yaml'), 'utf8').replace('containerPort: 3003', 'containerPort: three-thousand-and-three');
    writeFileSync(join(dir, 'order-ledger.yaml'), broken);
    const run = spawnSync(process.execPath, [VALIDATOR, dir], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('containerPort must be integer');
  });

  it('give every service a Deployment and a Service, with probes on its health routes', () => {
    for (const name of SERVICES) {
      const [container] = deployment(name).spec.template.spec.containers as Container[];
      expect(ofKind('Service').map((service) => service.metadata.name)).toContain(name);
      expect(container.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.ports).toEqual([{ name: 'http', containerPort: expect.any(Number) }]);
    }
  });

  it('set requests and limits on every container, limits at or above requests', () => {
    const containers = podSpecs().flatMap((spec) => spec.containers as Container[]);
    expect(containers.length).toBeGreaterThanOrEqual(SERVICES.length + 2);
    const mebibytes = (quantity: string) => Number(quantity.replace(/Mi$/, ''));
    for (const { name, resources } of containers) {
      expect({ name, cpu: [resources.requests.cpu, resources.limits.cpu].every(Boolean) }).toEqual({ name, cpu: true });
      expect(mebibytes(resources.limits.memory)).toBeGreaterThanOrEqual(mebibytes(resources.requests.memory));
    }
  });

  it('hold no secret value: secrets come from Secret references only', () => {
    expect(ofKind('Secret')).toEqual([]);
    for (const { data } of ofKind('ConfigMap')) expect(Object.keys(data).filter((key) => SECRET_NAME.test(key))).toEqual([]);
    const env = podSpecs().flatMap((spec) => (spec.containers as Container[]).flatMap((container) => container.env ?? []));
    const literalSecrets = env.filter((entry: Manifest) => SECRET_NAME.test(entry.name) && !entry.valueFrom?.secretKeyRef);
    expect(literalSecrets).toEqual([]);
    for (const file of yamlFiles(K8S)) expect({ file, leak: SECRET_VALUE.test(readFileSync(file, 'utf8')) }).toEqual({ file, leak: false });
  });

  it('give each consumer a PodDisruptionBudget and time to finish its message and leave its group', () => {
    for (const name of CONSUMERS) {
      const budget = ofKind('PodDisruptionBudget').find((pdb) => pdb.metadata.name === name) as Manifest;
      const pod = deployment(name).spec.template;
      expect(budget.spec.minAvailable).toBe(1);
      expect(pod.metadata.labels).toMatchObject(budget.spec.selector.matchLabels);
      // The consumer's session timeout is 6 s and a handler's transaction at most 30 s (statement_timeout), after a 5 s preStop pause.
      expect(pod.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(45);
    }
  });

  it('run the migrations and topic jobs with the services told not to do either at start', () => {
    const config = ofKind('ConfigMap')[0].data;
    expect(config).toMatchObject({ KAFKA_CREATE_TOPICS: 'false', DATABASE_MIGRATE_AT_START: 'false', TOPIC_REPLICATION_FACTOR: '3' });
    const commands = ofKind('Job').map((job) => job.spec.template.spec.containers[0].command.join(' '));
    expect(commands).toEqual(expect.arrayContaining(['bash scripts/migrate.sh', 'node --enable-source-maps dist/tools/deploy/provision-topics.js']));
  });
});
