// Keeps deploy/k8s honest without kustomize: parses every YAML file under deploy/k8s and checks
// the manifests against the services in apps/ and the event catalog in libs/schemas.
// Deployments are checked as the base renders them: each one merged with the strategic-merge
// patch files of the kustomization that lists it (lists of named items merge by name).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const K8S_DIR = __dirname;
const ROOT = path.resolve(__dirname, '../..');
const BASE_DIR = path.join(K8S_DIR, 'base');
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const HEALTH_LIVE = '/health/live';
const HEALTH_READY = '/health/ready';
const DAY_MS = 24 * 60 * 60 * 1000;

type Labels = Record<string, string>;
interface Metadata {
  name: string;
  labels?: Labels;
  annotations?: Labels;
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
  spec?: unknown;
}
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { drop?: string[] };
}
interface Probe {
  httpGet?: { path?: string; port?: number | string };
  timeoutSeconds?: number;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface Container {
  name: string;
  image?: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string } }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  securityContext?: SecurityContext;
  volumeMounts?: { name: string; mountPath: string }[];
  lifecycle?: { preStop?: unknown };
}
interface PodSpec {
  containers: Container[];
  securityContext?: SecurityContext;
  serviceAccountName?: string;
  terminationGracePeriodSeconds?: number;
  volumes?: { name: string; secret?: { secretName: string } }[];
}
interface PodTemplate {
  metadata?: { labels?: Labels; annotations?: Labels };
  spec: PodSpec;
}
interface Deployment extends Manifest {
  spec: { selector: { matchLabels: Labels }; template: PodTemplate };
}
interface Job extends Manifest {
  spec: { backoffLimit?: number; template: PodTemplate };
}
interface Service extends Manifest {
  spec: { type?: string; selector: Labels; ports: { port: number; targetPort?: number | string }[] };
}
interface PodDisruptionBudget extends Manifest {
  spec: { minAvailable?: number | string; selector: { matchLabels: Labels } };
}
interface KafkaTopic extends Manifest {
  spec: { topicName: string; partitions: number; replicas: number; config: Record<string, string | number> };
}
interface HorizontalPodAutoscaler extends Manifest {
  spec: { scaleTargetRef: { kind: string; name: string }; minReplicas?: number; maxReplicas: number };
}
interface PatchTarget {
  group?: string;
  kind?: string;
  name?: string;
  labelSelector?: string;
}
interface Kustomization {
  kind?: string;
  commonLabels?: Labels;
  resources?: string[];
  components?: string[];
  patches?: { path?: string; patch?: string; target?: PatchTarget }[];
  images?: { name: string; newTag?: string; digest?: string }[];
  configMapGenerator?: { name: string; behavior?: string; literals?: string[] }[];
}
interface LoadedKustomization {
  file: string;
  dir: string;
  spec: Kustomization;
}

// ---- loading --------------------------------------------------------------------------------

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFilesUnder(full);
    return /\.ya?ml$/.test(entry.name) || entry.name === 'Kustomization' ? [full] : [];
  });
}

function parseYamlFile(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${rel(file)}: ${doc.errors.map((error) => error.message).join('; ')}`);
    const value: unknown = doc.toJS();
    return value === null || value === undefined ? [] : [value];
  });
}

function rel(file: string): string {
  return path.relative(ROOT, file);
}

const isKustomizationFile = (file: string) => KUSTOMIZATION_FILES.includes(path.basename(file));
const kustomizationIn = (dir: string) => KUSTOMIZATION_FILES.map((name) => path.join(dir, name)).find((file) => existsSync(file));
const isDirectory = (file: string) => existsSync(file) && statSync(file).isDirectory();

const allYamlFiles = yamlFilesUnder(K8S_DIR);
const docsByFile = new Map(allYamlFiles.map((file) => [file, parseYamlFile(file)]));
const kustomizations: LoadedKustomization[] = allYamlFiles
  .filter(isKustomizationFile)
  .map((file) => ({ file, dir: path.dirname(file), spec: docsByFile.get(file)![0] as Kustomization }));

/** Resource files a kustomization builds from, following directory resources recursively. */
function resourceFilesOf(dir: string): { file: string; owner: LoadedKustomization }[] {
  const owner = kustomizations.find((k) => k.dir === dir);
  if (!owner) throw new Error(`${rel(dir)} has no kustomization.yaml`);
  return (owner.spec.resources ?? []).flatMap((entry) => {
    const target = path.resolve(dir, entry);
    return isDirectory(target) ? resourceFilesOf(target) : [{ file: target, owner }];
  });
}

const baseResources = resourceFilesOf(BASE_DIR).flatMap(({ file, owner }) =>
  (docsByFile.get(file) ?? []).map((doc) => ({ doc: doc as Manifest, owner })),
);
const baseOf = <T extends Manifest>(kind: string) => baseResources.filter(({ doc }) => doc.kind === kind) as { doc: T; owner: LoadedKustomization }[];

// ---- a small strategic merge, enough for the fields checked here ------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strategicMerge(base: unknown, patch: unknown): unknown {
  if (isObject(base) && isObject(patch)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) merged[key] = key in base ? strategicMerge(base[key], value) : value;
    return merged;
  }
  const named = (list: unknown[]) => list.every((item) => isObject(item) && typeof item.name === 'string');
  if (Array.isArray(base) && Array.isArray(patch) && named(base) && named(patch)) {
    const merged = [...base] as Record<string, unknown>[];
    for (const item of patch as Record<string, unknown>[]) {
      const index = merged.findIndex((existing) => existing.name === item.name);
      if (index === -1) merged.push(item);
      else merged[index] = strategicMerge(merged[index], item) as Record<string, unknown>;
    }
    return merged;
  }
  return patch;
}

function targets(target: PatchTarget | undefined, patch: Manifest, resource: Manifest): boolean {
  if (!target) return patch.kind === resource.kind && patch.metadata?.name === resource.metadata.name;
  if (target.kind && target.kind !== resource.kind) return false;
  if (target.group !== undefined && target.group !== (resource.apiVersion.includes('/') ? resource.apiVersion.split('/')[0] : '')) return false;
  if (target.name && !new RegExp(`^(?:${target.name})$`).test(resource.metadata.name)) return false;
  for (const requirement of target.labelSelector?.split(',') ?? []) {
    const match = /^\s*([^=!\s]+)\s*==?\s*(\S*)\s*$/.exec(requirement);
    if (!match) throw new Error(`unsupported labelSelector in a patch target: ${target.labelSelector}`);
    if (resource.metadata.labels?.[match[1]] !== match[2]) return false;
  }
  return true;
}

/** The resource with the strategic-merge patch files of its kustomization applied. */
function rendered<T extends Manifest>(resource: T, owner: LoadedKustomization): T {
  let result: T = resource;
  for (const entry of owner.spec.patches ?? []) {
    if (!entry.path) continue; // inline patches here are JSON patches for overlays
    for (const patch of docsByFile.get(path.resolve(owner.dir, entry.path)) ?? []) {
      if (isObject(patch) && targets(entry.target, patch as unknown as Manifest, resource)) {
        const { metadata: _ignored, ...body } = patch;
        result = strategicMerge(result, body) as T;
      }
    }
  }
  return result;
}

// ---- what the manifests must match ---------------------------------------------------------

const catalogTopics = Object.keys(JSON.parse(readFileSync(path.join(ROOT, 'libs/schemas/avro/topics.json'), 'utf8')) as object);

const services = readdirSync(path.join(ROOT, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(ROOT, 'apps', entry.name, 'package.json')))
  .map((entry) => entry.name)
  .sort();

function httpPortOf(service: string): number {
  const configFile = path.join(ROOT, 'apps', service, 'src/config', `${service}.config.ts`);
  const match = /httpPort:\s*(\d+)/.exec(readFileSync(configFile, 'utf8'));
  if (!match) throw new Error(`${rel(configFile)} has no \`httpPort: NNNN\` default`);
  return Number(match[1]);
}

const containsLabels = (labels: Labels | undefined, selector: Labels) =>
  Object.entries(selector).every(([key, value]) => labels?.[key] === value);

function containerPort(container: Container, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((candidate) => candidate.name === port)?.containerPort;
}

// ---- the checks ----------------------------------------------------------------------------

describe('kustomizations', () => {
  it('parse, and every file they reference in resources, patches and components exists', () => {
    expect(kustomizations.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const { file, dir, spec } of kustomizations) {
      for (const legacy of ['bases', 'patchesStrategicMerge', 'patchesJson6902'])
        if (legacy in spec) problems.push(`${rel(file)}: uses ${legacy}; use resources/patches`);
      for (const entry of spec.resources ?? []) {
        const target = path.resolve(dir, entry);
        if (!existsSync(target)) problems.push(`${rel(file)}: resource ${entry} does not exist`);
        else if (isDirectory(target) && !kustomizationIn(target)) problems.push(`${rel(file)}: resource ${entry} is a directory without kustomization.yaml`);
      }
      for (const entry of spec.components ?? []) {
        const target = path.resolve(dir, entry);
        if (!isDirectory(target) || !kustomizationIn(target)) problems.push(`${rel(file)}: component ${entry} is not a directory with kustomization.yaml`);
      }
      for (const entry of spec.patches ?? []) {
        if (entry.path === undefined && entry.patch === undefined) problems.push(`${rel(file)}: a patch has neither path nor patch`);
        if (entry.path !== undefined && !existsSync(path.resolve(dir, entry.path))) problems.push(`${rel(file)}: patch ${entry.path} does not exist`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('leave no manifest behind: every YAML file is a kustomization or referenced by one', () => {
    const referenced = new Set(
      kustomizations.flatMap(({ dir, spec }) => [
        ...(spec.resources ?? []).map((entry) => path.resolve(dir, entry)),
        ...(spec.patches ?? []).flatMap((entry) => (entry.path ? [path.resolve(dir, entry.path)] : [])),
      ]),
    );
    const orphans = allYamlFiles.filter((file) => !isKustomizationFile(file) && !referenced.has(file)).map(rel);
    expect(orphans).toEqual([]);
  });

  it('base labels everything part-of odoo-backbone and generates backbone-config with the shared settings', () => {
    const base = kustomizations.find((k) => k.dir === BASE_DIR)!.spec;
    expect(base.commonLabels).toMatchObject({ 'app.kubernetes.io/part-of': 'odoo-backbone' });
    const config = base.configMapGenerator?.find((generator) => generator.name === 'backbone-config');
    const keys = (config?.literals ?? []).map((literal) => literal.split('=')[0]);
    expect(keys).toEqual(expect.arrayContaining(['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'LOG_LEVEL', 'OTEL_EXPORTER_OTLP_ENDPOINT']));
  });

  it.each(['dev', 'prod'])('overlay %s builds on base and sets the tag of every service image', (overlay) => {
    const dir = path.join(K8S_DIR, 'overlays', overlay);
    const spec = kustomizations.find((k) => k.dir === dir)?.spec;
    expect(spec?.resources).toContain('../../base');
    for (const service of services) {
      const image = spec?.images?.find((entry) => entry.name === `ghcr.io/odoo-backbone/${service}`);
      expect({ service, pinned: Boolean(image?.newTag ?? image?.digest) }).toEqual({ service, pinned: true });
    }
  });

  it('prod autoscales order-service and inventory-service', () => {
    const dir = path.join(K8S_DIR, 'overlays/prod');
    const hpas = resourceFilesOf(dir)
      .flatMap(({ file }) => docsByFile.get(file) ?? [])
      .filter((doc): doc is HorizontalPodAutoscaler => (doc as Manifest).kind === 'HorizontalPodAutoscaler');
    const scaled = hpas.map((hpa) => hpa.spec.scaleTargetRef).filter((ref) => ref.kind === 'Deployment').map((ref) => ref.name);
    expect(scaled.sort()).toEqual(['inventory-service', 'order-service']);
  });
});

describe('topics', () => {
  const topics = baseOf<KafkaTopic>('KafkaTopic').map(({ doc }) => doc);
  const expected = catalogTopics.flatMap((topic) => [topic, `${topic}.dlq`]).sort();

  it('are exactly the catalog topics and their .dlq topics', () => {
    expect(catalogTopics.length).toBeGreaterThan(0);
    expect(topics.map((topic) => topic.spec.topicName).sort()).toEqual(expected);
  });

  it.each(expected)('%s is a Strimzi KafkaTopic for backbone-kafka with the agreed settings', (topicName) => {
    const topic = topics.find((candidate) => candidate.spec.topicName === topicName)!;
    const dlq = topicName.endsWith('.dlq');
    expect(topic.apiVersion).toBe('kafka.strimzi.io/v1beta2');
    expect(topic.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
    expect(topic.metadata.name.length).toBeLessThanOrEqual(253);
    expect(topic.metadata.labels?.['strimzi.io/cluster']).toBe('backbone-kafka');
    expect(topic.spec).toMatchObject({ partitions: dlq ? 1 : 6, replicas: 3 });
    expect(Number(topic.spec.config['min.insync.replicas'])).toBe(2);
    expect(topic.spec.config['cleanup.policy']).toBe('delete');
    expect(Number(topic.spec.config['retention.ms'])).toBe((dlq ? 30 : 7) * DAY_MS);
  });
});

describe.each(services)('service %s', (service) => {
  const port = httpPortOf(service);
  const found = baseOf<Deployment>('Deployment').find(({ doc }) => doc.metadata.name === service);
  const deployment = found && rendered(found.doc, found.owner);
  const pod = deployment?.spec.template;
  const container = pod?.spec.containers[0];

  it(`has a Deployment of ghcr.io/odoo-backbone/${service} listening on its HTTP_PORT default`, () => {
    expect(deployment).toBeDefined();
    expect(pod!.spec.containers).toHaveLength(1);
    expect(container!.image).toBe(`ghcr.io/odoo-backbone/${service}`);
    expect(container!.ports?.map((candidate) => candidate.containerPort)).toEqual([port]);
    const httpPortEnv = container!.env?.find((env) => env.name === 'HTTP_PORT');
    if (httpPortEnv) expect(httpPortEnv.value).toBe(String(port));
    expect(containsLabels(pod!.metadata?.labels, deployment!.spec.selector.matchLabels)).toBe(true);
    expect(baseOf<Manifest>('ServiceAccount').map(({ doc }) => doc.metadata.name)).toContain(pod!.spec.serviceAccountName);
  });

  it('has a ClusterIP Service on the same port that selects its pods', () => {
    const svc = baseOf<Service>('Service').find(({ doc }) => doc.metadata.name === service)?.doc;
    expect(svc).toBeDefined();
    expect(svc!.spec.type ?? 'ClusterIP').toBe('ClusterIP');
    expect(containsLabels(pod!.metadata?.labels, svc!.spec.selector)).toBe(true);
    const http = svc!.spec.ports.find((candidate) => candidate.port === port);
    expect(http).toBeDefined();
    expect(containerPort(container!, http!.targetPort ?? http!.port)).toBe(port);
  });

  it('has a PodDisruptionBudget (minAvailable 1) that selects its pods', () => {
    const pdb = baseOf<PodDisruptionBudget>('PodDisruptionBudget').find(({ doc }) => doc.metadata.name === service)?.doc;
    expect(pdb).toBeDefined();
    expect(pdb!.spec.minAvailable).toBe(1);
    expect(containsLabels(pod!.metadata?.labels, pdb!.spec.selector.matchLabels)).toBe(true);
  });

  it('is scraped by Prometheus on /metrics at its port', () => {
    expect(pod!.metadata?.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/path': '/metrics', 'prometheus.io/port': String(port) });
  });

  it('reads shared settings from backbone-config and DATABASE_URL from a mounted secret file', () => {
    expect(container!.envFrom?.map((source) => source.configMapRef?.name)).toContain('backbone-config');
    const env = container!.env ?? [];
    expect(env.find((entry) => entry.name === 'DATABASE_URL')).toBeUndefined();
    const file = env.find((entry) => entry.name === 'DATABASE_URL_FILE')?.value;
    expect(file).toBeDefined();
    const mount = container!.volumeMounts?.find((candidate) => path.posix.dirname(file!) === candidate.mountPath);
    expect(mount).toBeDefined();
    expect(pod!.spec.volumes?.find((volume) => volume.name === mount!.name)?.secret?.secretName).toBeTruthy();
    for (const entry of env.filter((candidate) => candidate.valueFrom?.secretKeyRef?.name === 'backbone-kafka-credentials'))
      expect({ env: entry.name, optional: entry.valueFrom!.secretKeyRef!.optional }).toEqual({ env: entry.name, optional: true });
  });
});

describe.each(baseOf<Deployment>('Deployment').map(({ doc, owner }) => [doc.metadata.name, rendered(doc, owner)] as const))(
  'Deployment %s',
  (_name, deployment) => {
    const pod = deployment.spec.template.spec;

    it.each(pod.containers.map((container) => [container.name, container] as const))(
      'container %s has liveness, readiness and startup probes on the health endpoints',
      (_container, container) => {
        expect(container.livenessProbe?.httpGet?.path).toBe(HEALTH_LIVE);
        expect(container.readinessProbe?.httpGet?.path).toBe(HEALTH_READY);
        expect(container.readinessProbe?.timeoutSeconds).toBe(3);
        expect(container.startupProbe?.httpGet?.path).toBeDefined();
        for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe])
          expect(containerPort(container, probe?.httpGet?.port)).toBe(container.ports?.[0]?.containerPort);
      },
    );

    it('runs as non-root with a read-only root filesystem and no capabilities', () => {
      for (const container of pod.containers) {
        const runAsNonRoot = container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
        const runAsUser = container.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
        expect(runAsNonRoot).toBe(true);
        expect(runAsUser).not.toBe(0);
        expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
        expect(container.securityContext?.capabilities?.drop).toContain('ALL');
      }
    });

    it('drains on shutdown: a preStop hook and a 45 s grace period', () => {
      expect(pod.terminationGracePeriodSeconds).toBe(45);
      for (const container of pod.containers) expect(container.lifecycle?.preStop).toBeDefined();
    });
  },
);

describe('schema-registration Job', () => {
  const found = baseOf<Job>('Job').find(({ doc }) => doc.metadata.name === 'schema-registration');

  it('runs the repository registration script from the order-service image, non-root, with a backoff limit', () => {
    expect(found).toBeDefined();
    const job = rendered(found!.doc, found!.owner);
    const [container] = job.spec.template.spec.containers;
    expect(job.spec.backoffLimit).toBeGreaterThan(0);
    expect(container.image).toBe('ghcr.io/odoo-backbone/order-service');
    const script = container.command?.find((arg) => arg.endsWith('.mjs'));
    expect(script).toBe('libs/schemas/scripts/register-schemas.mjs');
    expect(existsSync(path.join(ROOT, script!))).toBe(true);
    expect(container.securityContext?.runAsNonRoot ?? job.spec.template.spec.securityContext?.runAsNonRoot).toBe(true);
    expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
  });
});
