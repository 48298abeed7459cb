import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Testing } from 'cdk8s';
import {
  compileTimes, loadSchemas, ManifestProblem, uncheckedCelRules, validateManifests, validatorFor,
} from '../scripts/schema-validator';
import { validateDir } from '../scripts/validate-dist';
import { expectSchemaValid, expectSchemaValidChart, expectSchemaValidYamlDir } from './util/schema';

const ARGO = 'argoproj.io/v1alpha1';

function application(spec: Record<string, any> = {}, metadata: Record<string, any> = {}): any {
  return {
    apiVersion: ARGO,
    kind: 'Application',
    metadata: { name: 'guestbook', namespace: 'argocd', ...metadata },
    spec: {
      project: 'default',
      source: { repoURL: 'https://github.com/argoproj/argocd-example-apps.git', targetRevision: 'HEAD', path: 'guestbook' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'guestbook' },
      ...spec,
    },
  };
}

function appTemplate(): any {
  return {
    metadata: { name: '{{.name}}-guestbook', labels: { tier: '{{.tier}}' } },
    spec: {
      project: 'default',
      source: { repoURL: 'https://github.com/argoproj/argocd-example-apps.git', targetRevision: 'HEAD', path: 'guestbook' },
      destination: { server: '{{.server}}', namespace: 'guestbook' },
    },
  };
}

function applicationSet(spec: Record<string, any>): any {
  return {
    apiVersion: ARGO,
    kind: 'ApplicationSet',
    metadata: { name: 'guestbook', namespace: 'argocd' },
    spec: { goTemplate: true, template: appTemplate(), ...spec },
  };
}

function problems(docs: any[]): ManifestProblem[] {
  return validateManifests(docs).problems;
}

function paths(docs: any[]): string[] {
  return problems(docs).map(p => p.path);
}

const timings: string[] = [];

// the schema compile timings, on request only (CDK8S_GITOPS_TIMINGS=1): the default test output stays readable
afterAll(() => {
  if (!process.env.CDK8S_GITOPS_TIMINGS) return;
  const times = compileTimes();
  const lines = Object.entries(times).map(([k, ms]) => `  ${k}: ${ms} ms`);
  // eslint-disable-next-line no-console
  console.info(`schema load ${loadSchemas().loadMs} ms; compile times:\n${lines.join('\n')}\n${timings.join('\n')}`);
});

describe('loading', () => {
  test('finds every CRD version', () => {
    const keys = [...loadSchemas().versions.keys()].sort();
    expect(keys).toEqual([
      'argoproj.io/v1alpha1|AppProject',
      'argoproj.io/v1alpha1|Application',
      'argoproj.io/v1alpha1|ApplicationSet',
      'dashboard.opendatahub.io/v1alpha|AcceleratorProfile',
      'dashboard.opendatahub.io/v1|AcceleratorProfile',
      'infrastructure.opendatahub.io/v1alpha1|HardwareProfile',
      'infrastructure.opendatahub.io/v1|HardwareProfile',
      'modelregistry.opendatahub.io/v1alpha1|ModelRegistry',
      'modelregistry.opendatahub.io/v1beta1|ModelRegistry',
    ]);
  });

  test('compiles the 1.4 MB ApplicationSet schema once, and fast enough', () => {
    const t0 = Date.now();
    const fn = validatorFor(ARGO, 'ApplicationSet');
    const ms = Date.now() - t0;
    timings.push(`  first validatorFor(ApplicationSet) call: ${ms} ms`);
    expect(fn).toBeDefined();
    expect(validatorFor(ARGO, 'ApplicationSet')).toBe(fn); // cached
    expect(compileTimes()[`${ARGO}|ApplicationSet`]).toBeLessThan(30_000);
  });

  test('every CEL rule of these CRDs is translated', () => {
    for (const v of loadSchemas().versions.values()) validatorFor(v.apiVersion, v.kind);
    expect(uncheckedCelRules()).toEqual([]);
  });
});

describe('Application', () => {
  test('a valid Application passes', () => {
    expect(validateManifests([application()])).toEqual({ validated: 1, skipped: 0, problems: [] });
  });

  test('spec.project: 1 fails', () => {
    expect(problems([application({ project: 1 })])).toEqual([
      { docIndex: 0, kind: 'Application', name: 'guestbook', path: 'spec.project', message: 'must be string' },
    ]);
  });

  test('an unknown field at spec level fails (the API server would prune it)', () => {
    const p = problems([application({ sourcez: { repoURL: 'x' } })]);
    expect(p).toHaveLength(1);
    expect(p[0].path).toBe('spec.sourcez');
    expect(p[0].message).toMatch(/unknown field/);
  });

  test('an unknown field deep inside fails too, with its path', () => {
    const doc = application({ sources: [{ repoURL: 'a' }, { repoURL: 'b', helm: { valueFiles: ['v.yaml'], valuesFile: 'x' } }] });
    delete doc.spec.source;
    expect(paths([doc])).toEqual(['spec.sources[1].helm.valuesFile']);
  });

  test('missing required fields are reported', () => {
    const doc = application();
    delete doc.spec.destination;
    delete doc.metadata.name;
    expect(paths([doc]).sort()).toEqual(['metadata.name', 'spec.destination']);
  });

  test('syncPolicy.retry.limit accepts a number, not a string', () => {
    const syncPolicy = (limit: any) => ({
      automated: { prune: true, selfHeal: true },
      syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'],
      retry: { limit, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } },
    });
    expect(problems([application({ syncPolicy: syncPolicy(5) })])).toEqual([]);
    expect(paths([application({ syncPolicy: syncPolicy('5') })])).toEqual(['spec.syncPolicy.retry.limit']);
    expect(paths([application({ syncPolicy: syncPolicy(1.5) })])).toEqual(['spec.syncPolicy.retry.limit']);
  });

  test('int-or-string: kustomize replicas count as 3 and "3", not true', () => {
    const kustomize = (count: any) => application({
      source: { repoURL: 'https://example.com/repo.git', path: 'app', kustomize: { replicas: [{ name: 'web', count }] } },
    });
    expect(problems([kustomize(3), kustomize('3')])).toEqual([]);
    const p = problems([kustomize(true)]);
    expect(p.map(x => [x.path, x.message])).toEqual([['spec.source.kustomize.replicas[0].count', 'must be an integer or a string (int-or-string)']]);
  });

  test('helm valuesObject takes arbitrary nested data (preserve-unknown-fields)', () => {
    const valuesObject = {
      replicaCount: 2,
      image: { repository: 'nginx', tag: '1.27', pullPolicy: 'IfNotPresent' },
      ingress: { enabled: true, hosts: [{ host: 'a.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }] },
      extra: [1, 'two', { three: [3.5, false] }],
    };
    expect(problems([application({ source: { repoURL: 'https://charts.example.com', chart: 'web', targetRevision: '1.2.3', helm: { valuesObject } } })])).toEqual([]);
    // but valuesObject itself must be an object
    expect(paths([application({ source: { repoURL: 'x', chart: 'web', helm: { valuesObject: ['a'] } } })])).toEqual(['spec.source.helm.valuesObject']);
  });

  test('metadata: name, namespace, labels and annotations types and formats; unknown metadata fields', () => {
    const p = problems([application({}, {
      name: 'Guestbook_1',
      namespace: 'argo.cd',
      labels: { 'app.kubernetes.io/name': 'guestbook', 'tier': 3 },
      annotations: { 'argocd.argoproj.io/sync-wave': -1 },
      lables: { a: 'b' },
    })]);
    expect(p.map(x => x.path).sort()).toEqual([
      'metadata.annotations["argocd.argoproj.io/sync-wave"]',
      'metadata.labels.tier',
      'metadata.lables',
      'metadata.name',
      'metadata.namespace',
    ]);
    expect(problems([application({}, { labels: { 'bad key!': 'x' } })]).map(x => [x.path, x.message])).toEqual([
      ['metadata.labels["bad key!"]', expect.stringMatching(/^invalid key: must be a qualified name/)],
    ]);
    expect(paths([application({}, { labels: { ok: 'not a valid value!' } })])).toEqual(['metadata.labels.ok']);
  });

  test('null where the schema is not nullable is reported (the API server prunes it)', () => {
    expect(paths([application({ revisionHistoryLimit: null })])).toEqual(['spec.revisionHistoryLimit']);
  });

  test('apiVersion and kind must be present and match a CRD version', () => {
    const noKind = application();
    delete noKind.kind;
    expect(paths([noKind])).toEqual(['kind']);
    const noApiVersion = application();
    delete noApiVersion.apiVersion;
    expect(paths([noApiVersion])).toEqual(['apiVersion']);
    // an unknown version of a known kind has no schema here: skipped, like any other kind
    expect(validateManifests([{ ...application(), apiVersion: 'argoproj.io/v1beta1' }])).toMatchObject({ validated: 0, skipped: 1 });
    expect(paths([null])).toEqual(['']);
  });
});

describe('ApplicationSet', () => {
  test('list generator elements of arbitrary shape pass', () => {
    const doc = applicationSet({
      generators: [{
        list: {
          elements: [
            { name: 'dev', server: 'https://dev.example.com', tier: 'dev' },
            { name: 'prod', server: 'https://prod.example.com', replicas: 3, values: { nested: { deep: [1, 2, { x: true }] } } },
          ],
        },
      }],
    });
    expect(validateManifests([doc])).toEqual({ validated: 1, skipped: 0, problems: [] });
  });

  test('rollingSync maxUpdate is int-or-string (2 and "25%")', () => {
    const doc = (maxUpdate: any) => applicationSet({
      generators: [{ list: { elements: [{ name: 'a', server: 's', tier: 'dev' }] } }],
      strategy: {
        type: 'RollingSync',
        rollingSync: {
          steps: [
            { matchExpressions: [{ key: 'tier', operator: 'In', values: ['dev'] }], maxUpdate },
            { matchExpressions: [{ key: 'tier', operator: 'In', values: ['prod'] }] },
          ],
        },
      },
    });
    expect(problems([doc(2), doc('25%')])).toEqual([]);
    expect(paths([doc({ percent: 25 })])).toEqual(['spec.strategy.rollingSync.steps[0].maxUpdate']);
  });

  test('errors deep inside nested generators keep their path (shared subschemas)', () => {
    const doc = applicationSet({
      generators: [{
        matrix: {
          generators: [
            { clusters: { selector: { matchLabels: { env: 'prod' } } } },
            { git: { repoURL: 'https://example.com/repo.git', revision: 'HEAD', directories: [{ path: 'apps/*', exclude: 'yes' }] } },
          ],
        },
      }],
    });
    expect(problems([doc]).map(p => [p.path, p.message])).toEqual([
      ['spec.generators[0].matrix.generators[1].git.directories[0].exclude', 'must be boolean'],
    ]);
  });

  test('template is checked like an Application: unknown field and missing project', () => {
    const doc = applicationSet({ generators: [{ list: { elements: [] } }] });
    delete doc.spec.template.spec.project;
    doc.spec.template.spec.syncPolicy = { automated: { prune: true, selfheal: true } };
    expect(paths([doc]).sort()).toEqual(['spec.template.spec.project', 'spec.template.spec.syncPolicy.automated.selfheal']);
  });
});

describe('AppProject', () => {
  const project = (destinations: any[]) => ({
    apiVersion: ARGO,
    kind: 'AppProject',
    metadata: { name: 'team-a', namespace: 'argocd' },
    spec: {
      description: 'Team A',
      sourceRepos: ['https://github.com/team-a/*'],
      destinations,
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
    },
  });

  test('valid destinations pass', () => {
    expect(problems([project([{ server: 'https://kubernetes.default.svc', namespace: 'team-a-*' }, { name: 'in-cluster', namespace: 'team-a' }])])).toEqual([]);
  });

  test('a bad destinations entry fails', () => {
    const p = problems([project([{ server: 'https://kubernetes.default.svc', namespace: 'team-a' }, { cluster: 'in-cluster', namespace: 7 }])]);
    expect(p.map(x => [x.path, x.message]).sort()).toEqual([
      ['spec.destinations[1].cluster', 'unknown field: not in the CRD schema, the API server would silently drop it'],
      ['spec.destinations[1].namespace', 'must be string'],
    ]);
    expect(p[0]).toMatchObject({ docIndex: 0, kind: 'AppProject', name: 'team-a' });
  });
});

describe('Open Data Hub', () => {
  const modelRegistry = (spec: any, apiVersion = 'modelregistry.opendatahub.io/v1beta1') => ({
    apiVersion,
    kind: 'ModelRegistry',
    metadata: { name: 'registry', namespace: 'rhoai-model-registries' },
    spec,
  });
  const mysql = { host: 'mysql.db.svc', database: 'model_registry', username: 'mlmd', passwordSecret: { name: 'mysql-creds', key: 'password' } };

  test('a minimal ModelRegistry v1beta1 passes (spec.rest is the only required field; its fields are defaulted)', () => {
    expect(problems([modelRegistry({ rest: {}, mysql })])).toEqual([]);
    expect(problems([modelRegistry({ rest: {} })])).toEqual([]);
    expect(paths([modelRegistry({ mysql })])).toEqual(['spec.rest']);
  });

  test('ModelRegistry: range, enum, quantity pattern, list-map keys and CEL rules', () => {
    const p = problems([modelRegistry({
      rest: {
        port: 70000,
        serviceRoute: 'on',
        resources: { limits: { cpu: 1, memory: '1Gi' }, requests: { cpu: 'lots' }, claims: [{ name: 'gpu' }, { name: 'gpu' }] },
      },
      mysql: { host: 'h', database: 'd' },
      oauthProxy: { tlsCertificateSecret: { name: 'tls', key: 'tls.crt' } },
      kubeRBACProxy: {},
    })]);
    expect(p.map(x => x.path).sort()).toEqual([
      'spec',
      'spec.mysql.username',
      'spec.oauthProxy',
      'spec.rest.port',
      'spec.rest.resources.claims',
      'spec.rest.resources.requests.cpu',
      'spec.rest.serviceRoute',
    ]);
    expect(p.find(x => x.path === 'spec')!.message).toMatch(/Cannot use both oauthProxy and kubeRBACProxy/);
  });

  test('ModelRegistry v1alpha1 (deprecated) is validated against its own schema', () => {
    const v1alpha1 = 'modelregistry.opendatahub.io/v1alpha1';
    expect(problems([modelRegistry({ rest: {}, grpc: {}, mysql, istio: { authProvider: 'x' } }, v1alpha1)])).toEqual([]);
    expect(paths([modelRegistry({ rest: {}, mysql }, v1alpha1)])).toEqual(['spec.grpc']); // required in v1alpha1 only
    expect(paths([modelRegistry({ rest: {}, mysql, istio: {} })])).toEqual(['spec.istio']); // v1beta1 has no istio
  });

  test('HardwareProfile v1: valid, and the scheduling CEL rule', () => {
    const hp = (scheduling: any) => ({
      apiVersion: 'infrastructure.opendatahub.io/v1',
      kind: 'HardwareProfile',
      metadata: { name: 'gpu-small', namespace: 'opendatahub' },
      spec: {
        identifiers: [
          { identifier: 'cpu', displayName: 'CPU', defaultCount: 2, minCount: 1, maxCount: '4', resourceType: 'CPU' },
          { identifier: 'nvidia.com/gpu', displayName: 'GPU', defaultCount: 1, minCount: 1, resourceType: 'Accelerator' },
        ],
        scheduling,
      },
    });
    expect(problems([hp({ type: 'Queue', kueue: { localQueueName: 'default' } })])).toEqual([]);
    expect(paths([hp({ type: 'Node' })])).toEqual(['spec.scheduling']);
  });

  test('AcceleratorProfile v1 and v1alpha', () => {
    const ap = (apiVersion: string) => ({
      apiVersion,
      kind: 'AcceleratorProfile',
      metadata: { name: 'nvidia-gpu' },
      spec: { displayName: 'NVIDIA GPU', enabled: true, identifier: 'nvidia.com/gpu' },
    });
    expect(validateManifests([ap('dashboard.opendatahub.io/v1'), ap('dashboard.opendatahub.io/v1alpha')])).toEqual({ validated: 2, skipped: 0, problems: [] });
  });
});

describe('other kinds and helpers', () => {
  test('a core ConfigMap is skipped, not failed', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: 'b' }, whatever: 1 };
    expect(validateManifests([cm, application()])).toEqual({ validated: 1, skipped: 1, problems: [] });
  });

  test('expectSchemaValid throws a readable message', () => {
    const good = [application(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }];
    expect(expectSchemaValid(good)).toBe(good); // returns the documents
    expect(() => expectSchemaValid([application(), application({ project: 1, sourcez: {} })])).toThrow(
      /2 schema problem\(s\) in 2 validated document\(s\):\n#1 Application\/guestbook: spec\.sourcez: unknown field.*\n#1 Application\/guestbook: spec\.project: must be string/,
    );
  });

  test('expectSchemaValidChart synthesizes and validates', () => {
    const chart = Testing.chart();
    const app = application();
    new ApiObject(chart, 'app', { apiVersion: app.apiVersion, kind: app.kind, metadata: app.metadata, spec: app.spec } as any);
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
    expect(expectSchemaValidChart(chart)).toHaveLength(2);

    const bad = Testing.chart();
    new ApiObject(bad, 'app', { apiVersion: app.apiVersion, kind: app.kind, metadata: app.metadata, spec: { ...app.spec, project: 1 } } as any);
    expect(() => expectSchemaValidChart(bad)).toThrow(/spec\.project: must be string/);
  });

  test('expectSchemaValidYamlDir reads every multi-document YAML file under a folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-yaml-'));
    try {
      fs.mkdirSync(path.join(dir, 'apps'));
      fs.writeFileSync(path.join(dir, 'apps', 'guestbook.yaml'), [application(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }]
        .map(d => JSON.stringify(d)).join('\n---\n') + '\n---\n');
      fs.writeFileSync(path.join(dir, 'project.yml'), 'apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: p\nspec:\n  sourceRepos: ["*"]\n');
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'not yaml: [');
      expect(expectSchemaValidYamlDir(dir)).toEqual({ files: 2, documents: 3, validated: 2, skipped: 1, problems: [] });

      fs.writeFileSync(path.join(dir, 'apps', 'bad.yaml'), 'apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: p\nspec:\n  sourceRepos: "*"\n');
      expect(() => expectSchemaValidYamlDir(dir)).toThrow(/apps\/bad\.yaml#0 AppProject\/p: spec\.sourceRepos: must be array/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('missing schemas', () => {
  let empty: string;
  const saved = process.env.CDK8S_GITOPS_SCHEMAS;
  beforeAll(() => {
    empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-schemas-'));
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.CDK8S_GITOPS_SCHEMAS;
    else process.env.CDK8S_GITOPS_SCHEMAS = saved;
    fs.rmSync(empty, { recursive: true, force: true });
  });

  test('opts.schemasDir pointing at an empty folder throws, naming the missing file and CDK8S_GITOPS_SCHEMAS', () => {
    expect(() => validateManifests([application()], { schemasDir: empty })).toThrow(
      new RegExp(`the CRD file ${path.join(empty, 'argocd', 'application-crd.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is missing[\\s\\S]*CDK8S_GITOPS_SCHEMAS`),
    );
  });

  test('CDK8S_GITOPS_SCHEMAS pointing at a missing folder makes the helpers throw (no silent skip)', () => {
    process.env.CDK8S_GITOPS_SCHEMAS = path.join(empty, 'nope');
    expect(() => expectSchemaValid([application()])).toThrow(/schemas folder .*nope is missing[\s\S]*CDK8S_GITOPS_SCHEMAS/);
    expect(() => expectSchemaValid([])).toThrow(/CDK8S_GITOPS_SCHEMAS/);
    expect(() => expectSchemaValidChart(Testing.chart())).toThrow(/CDK8S_GITOPS_SCHEMAS/);
  });
});

describe('validate-dist CLI', () => {
  const root = path.resolve(__dirname, '..');
  const run = (dir: string, env: Record<string, string> = {}) => spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(root, 'scripts', 'validate-dist.ts'), dir],
    { cwd: root, encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'tsconfig.json'), ...env } },
  );

  test('counts, skips component files, prints problems and exits 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dist-'));
    try {
      fs.writeFileSync(path.join(dir, 'app.yaml'), JSON.stringify(application()) + '\n---\n' + JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } }));
      fs.writeFileSync(path.join(dir, 'component.yaml'), 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec: 1\n');
      fs.writeFileSync(path.join(dir, 'values.yaml'), 'replicaCount: 2\n');
      let r = run(dir);
      expect(r.stdout).toMatch(/^validated 1 Argo CD\/ODH documents, skipped 1 other kinds, 0 problems/);
      expect(r.status).toBe(0);

      fs.writeFileSync(path.join(dir, 'bad.yml'), JSON.stringify(application({ project: 1 })));
      r = run(dir);
      expect(r.stdout).toMatch(/^validated 2 Argo CD\/ODH documents, skipped 1 other kinds, 1 problems/);
      expect(r.stdout).toMatch(/bad\.yml#0 Application\/guestbook: spec\.project: must be string/);
      expect(r.status).toBe(1);

      r = run(dir, { CDK8S_GITOPS_SCHEMAS: path.join(dir, 'nope') });
      expect(r.stderr).toMatch(/CDK8S_GITOPS_SCHEMAS/);
      expect(r.status).toBe(2);

      // the same check from another script, without printing
      expect(validateDir(dir, { print: false })).toMatchObject({ files: 3, validated: 2, skipped: 1, problems: 1 });
      expect(() => validateDir(path.join(dir, 'nope'))).toThrow(/is not a folder/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
