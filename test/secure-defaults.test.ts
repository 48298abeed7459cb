/**
 * Secure defaults, each pinned by a test:
 * 1. no `*` (or `!`) source repositories / destinations / cluster kinds / source namespaces in a ScopedAppProject
 *    without the explicit `allowAny...Unsafe` opt-in;
 * 2. no plaintext secret in any output: every example is synthesized to disk and every file is scanned for Secret
 *    objects with data and for strings that look like credentials;
 * 3. a cascade (resources) finalizer on every Application that owns workloads (Application default, AppOfApps
 *    root and children, every Application of every example);
 * 4. deletion protection on ApplicationSets (`preserveResourcesOnDeletion: true`, `applicationsSync: create-update`)
 *    unless explicitly opted out;
 * 5. cluster-scoped kinds only where granted: no cluster whitelist by default, none ever for the apps tier,
 *    AppOfApps strips a chart's namespace from cluster-scoped objects and rejects an explicit one.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { parseAllDocuments } from 'yaml';
import {
  AppOfApps, AppProject, Application, ApplicationSet, ApplicationSource, ApplicationsSyncPolicy, ArgoCdSettings, Component, DatabaseCredentials,
  DeletionCascade, Destination, Generator, GitOpsApp, GitOpsChart, ModelRegistryDatabase, ModelRegistryStack, ProjectTier, ScopedAppProject,
  ScopedAppProjectProps, TieredApplicationSet,
} from '../src';
import { memoryApp } from './util/arbitraries';
import { expectSchemaValid } from './util/schema';
import { isClusterScoped } from '../src/checks/kinds';

const REPO = 'https://git.example.com/platform/gitops.git';
const IN_CLUSTER = 'https://kubernetes.default.svc';
const FOREGROUND = 'resources-finalizer.argocd.argoproj.io';

const examplesDir = path.join(__dirname, '..', 'examples');
const examples = fs.readdirSync(examplesDir).filter(d => fs.existsSync(path.join(examplesDir, d, 'main.ts'))).sort();

/** Synthesizes an example to a temp folder (the real `synth()`), returns every file written (relative path → text). */
function synthExampleToDisk(name: string): { [file: string]: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `secure-${name}-`));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(examplesDir, name, 'main')).build(dir).synth();
  const out: { [file: string]: string } = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const exampleFiles = new Map<string, { [file: string]: string }>();
function filesOf(name: string): { [file: string]: string } {
  let files = exampleFiles.get(name);
  if (!files) exampleFiles.set(name, files = synthExampleToDisk(name));
  return files;
}

function docsOf(files: { [file: string]: string }): any[] {
  return Object.entries(files).filter(([f]) => /\.ya?ml$/.test(f))
    .flatMap(([, text]) => parseAllDocuments(text, { version: '1.1' }).map(d => d.toJSON())).filter(d => d && typeof d === 'object');
}

// ---------------------------------------------------------------------------------------------------------------
// 1. wildcards

describe('secure default: no * or ! repositories and destinations without explicit opt-in (ScopedAppProject)', () => {
  const project = (props: ScopedAppProjectProps) => {
    const chart = new Chart(new GitOpsApp({ outdir: '/tmp/never', repoUrl: REPO }), 'c');
    new ScopedAppProject(chart, 'team', { destinations: [{ server: IN_CLUSTER, namespace: 'team-a' }], ...props });
    return Testing.synth(chart)[0].spec;
  };

  test('GIVEN no sourceRepos THEN the only repository is the GitOps repository itself', () => {
    expect(project({}).sourceRepos).toEqual([REPO]);
  });

  test.each([['*'], ['**'], [' * '], ['!https://git.example.com/secret.git']])('GIVEN sourceRepos [%j] THEN it fails, naming the opt-in', (repo) => {
    expect(() => project({ sourceRepos: [repo] })).toThrow(/allowAnySourceRepoUnsafe: true/);
  });

  test.each([
    [{ server: '*', namespace: 'team-a' }],
    [{ name: '*', namespace: 'team-a' }],
    [{ server: IN_CLUSTER, namespace: '*' }],
    [{ server: IN_CLUSTER, namespace: '!kube-system' }],
    [{ server: '!https://prod.example.com', namespace: 'team-a' }],
  ])('GIVEN destination %j THEN it fails, naming the opt-in', (destination) => {
    expect(() => project({ destinations: [destination] })).toThrow(/allowAnyDestinationUnsafe: true/);
  });

  test('GIVEN a later addSourceRepo("*") or addDestination({ namespace: "*" }) THEN it fails too', () => {
    const chart = new Chart(new GitOpsApp({ outdir: '/tmp/never', repoUrl: REPO }), 'c');
    const p = new ScopedAppProject(chart, 'team', { destinations: [{ server: IN_CLUSTER, namespace: 'team-a' }] });
    expect(() => p.addSourceRepo('*')).toThrow(/allowAnySourceRepoUnsafe/);
    expect(() => p.addDestination({ server: IN_CLUSTER, namespace: '*' })).toThrow(/allowAnyDestinationUnsafe/);
    expect(() => p.addSourceNamespace('*')).toThrow(/allowAnySourceNamespaceUnsafe/);
    expect(() => p.addClusterResourceWhitelist({ group: '*', kind: '*' })).toThrow(/allowAnyClusterResourceUnsafe/);
  });

  test('GIVEN the explicit opt-ins THEN the wildcards are emitted as written (and the project is schema-valid)', () => {
    const chart = new Chart(new GitOpsApp({ outdir: '/tmp/never', repoUrl: REPO }), 'c');
    new ScopedAppProject(chart, 'anything', {
      sourceRepos: ['*'],
      destinations: [{ server: '*', namespace: '*' }],
      sourceNamespaces: ['*'],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      allowAnySourceRepoUnsafe: true,
      allowAnyDestinationUnsafe: true,
      allowAnySourceNamespaceUnsafe: true,
      allowAnyClusterResourceUnsafe: true,
    });
    const [doc] = expectSchemaValid(Testing.synth(chart));
    expect(doc.spec.sourceRepos).toEqual(['*']);
    expect(doc.spec.destinations).toEqual([{ server: '*', namespace: '*' }]);
    expect(doc.spec.clusterResourceWhitelist).toEqual([{ group: '*', kind: '*' }]);
  });

  test.each(examples)('GIVEN example %s THEN no AppProject in it allows * or ! repositories or destinations', (name) => {
    for (const p of docsOf(filesOf(name)).filter(d => d.kind === 'AppProject')) {
      for (const r of p.spec.sourceRepos ?? []) expect(r).not.toMatch(/^(\*+|!.*)$/);
      for (const d of p.spec.destinations ?? []) {
        for (const v of [d.server, d.name, d.namespace]) if (v !== undefined) expect(v).not.toMatch(/^(\*+|!.*)$/);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 2. plaintext secrets

/** Patterns of credentials in text. Each is checked against a planted example below, so the scan is not vacuous. */
const CREDENTIAL_PATTERNS: Array<[string, RegExp, string]> = [
  ['password/secret/token assignment', /\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret)[ \t]*[=:][ \t]*["']?(?![$<{]|true\b|false\b|null\b)[^\s"'$]{4,}/i, 'password=hunter22'],
  ['private key block', /-----BEGIN [A-Z ]*PRIVATE KEY-----/, '-----BEGIN RSA PRIVATE KEY-----'],
  ['AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, 'AKIAIOSFODNN7EXAMPLE'],
  ['AWS secret access key', /\baws_secret_access_key\b/i, 'aws_secret_access_key = wJalrXUtnFEMI'],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36}\b/, 'ghp_' + 'a'.repeat(36)],
  ['Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/, 'xoxb-1234567890-abc'],
  ['JWT', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.x'],
  ['credentials in a URL', /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:[^\s@/]+@/i, 'https://admin:hunter22@git.example.com/x.git'],
];

function credentialFindings(files: { [file: string]: string }): string[] {
  const findings: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    for (const [what, re] of CREDENTIAL_PATTERNS) {
      const m = re.exec(text);
      if (m) findings.push(`${file}: ${what}: ${JSON.stringify(m[0])}`);
    }
  }
  for (const d of docsOf(files)) {
    if (d.kind === 'Secret' && (Object.keys(d.data ?? {}).length > 0 || Object.keys(d.stringData ?? {}).length > 0)) {
      findings.push(`Secret ${d.metadata?.namespace}/${d.metadata?.name} has data`);
    }
  }
  return findings;
}

describe('secure default: no plaintext secret in any output', () => {
  test.each(CREDENTIAL_PATTERNS.map(([what, , sample]) => [what, sample]))('the scanner finds a planted %s', (_what, sample) => {
    expect(credentialFindings({ 'x.yaml': `a: b\nnote: "${sample}"\n` })).toHaveLength(1);
  });

  test('the scanner finds a Secret with data, and a plaintext password the model registry was allowed to write', () => {
    const app = new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'secure-')), repoUrl: REPO });
    new ModelRegistryStack(app, 'registry', {
      database: ModelRegistryDatabase.inClusterMySql({ credentials: DatabaseCredentials.unsafePlaintext({ password: 'hunter22-plain' }) }),
      unsafeAllowPlaintextPassword: true,
    });
    const findings = credentialFindings(app.synthFiles());
    expect(findings.some(f => /Secret .* has data/.test(f))).toBe(true);
    expect(findings.some(f => f.includes('hunter22-plain'))).toBe(true);
  });

  test.each(examples)('GIVEN example %s synthesized to disk THEN no file holds a Secret with data or anything that looks like a credential', (name) => {
    const files = filesOf(name);
    expect(Object.keys(files).length).toBeGreaterThan(0);
    expect(credentialFindings(files)).toEqual([]);
  });

  test('GIVEN a plaintext database password without the opt-in THEN the stack fails, without echoing the password', () => {
    const app = new GitOpsApp({ outdir: '/tmp/never', repoUrl: REPO });
    let message = '';
    try {
      new ModelRegistryStack(app, 'registry', {
        database: ModelRegistryDatabase.inClusterMySql({ credentials: DatabaseCredentials.unsafePlaintext({ password: 'hunter22-plain' }) }),
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/plaintext.*Fix: reference an existing Secret/);
    expect(message).not.toContain('hunter22-plain');
  });

  test('GIVEN a Secret with data added to a stack chart without the opt-in THEN synth fails', () => {
    const app = new GitOpsApp({ outdir: '/tmp/never', repoUrl: REPO });
    const stack = new ModelRegistryStack(app, 'registry', {
      database: ModelRegistryDatabase.inClusterMySql({ credentials: DatabaseCredentials.fromSecret({ secretName: 'mr-db' }) }),
    });
    new k8s.KubeSecret(stack.registryChart, 'leak', { metadata: { name: 'leak' }, stringData: { 'database-password': 'hunter22' } });
    expect(() => app.synthFiles()).toThrow(/Fix:/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 3. cascade finalizers

describe('secure default: Applications that own workloads carry the resources finalizer', () => {
  test('GIVEN an Application with defaults THEN it has the foreground resources finalizer; NONE is an explicit opt-out', () => {
    const chart = new Chart(memoryApp(), 'c');
    const source = ApplicationSource.directory({ repoUrl: REPO, path: 'web' });
    new Application(chart, 'web', { project: 'apps', destination: Destination.inCluster('web'), source });
    // another namespace: the same source to the same destination is a collision (APP-302)
    new Application(chart, 'orphaning', { project: 'apps', destination: Destination.inCluster('web-orphans'), source, deletionCascade: DeletionCascade.NONE });
    const [web, orphaning] = expectSchemaValid(Testing.synth(chart));
    expect(web.metadata.finalizers).toEqual([FOREGROUND]);
    expect(orphaning.metadata.finalizers).toBeUndefined();
  });

  test('GIVEN an AppOfApps THEN the root and every child (chart, Application and ApplicationSet children alike) cascade', () => {
    const app = new GitOpsApp({ outdir: '/tmp/never', repoUrl: REPO });
    new ArgoCdSettings(new GitOpsChart(app, 'settings', { folder: 'argocd' }), 'settings', { applicationHealthCheck: true });
    const root = new AppOfApps(app, 'root', { project: 'admin' });
    const workload = new Chart(app, 'web', { namespace: 'web' });
    new k8s.KubeConfigMap(workload, 'config', {});
    const web = root.addChart('web', workload, { project: 'apps' });
    root.addApplication('monitoring', {
      project: 'platform',
      dependsOn: [web],
      destination: Destination.inCluster('monitoring'),
      source: ApplicationSource.helm({ repoUrl: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '79.5.0' }),
    });
    const docs = docsOf(app.synthFiles());
    const apps = docs.filter(d => d.kind === 'Application');
    expect(apps.map(a => a.metadata.name).sort()).toEqual(['monitoring', 'root', 'web']);
    for (const a of apps) expect(a.metadata.finalizers).toEqual([FOREGROUND]);
  });

  test.each(examples)('GIVEN example %s THEN every Application in it has a resources finalizer', (name) => {
    // a SelfManagedArgoCd (cluster-bootstrap's argo-cd) has none on purpose: deleting it must orphan Argo CD, not uninstall it
    const selfManaged = (d: any) => d.spec?.source?.chart === 'argo-cd' && /Delete=false/.test(d.metadata.annotations?.['argocd.argoproj.io/sync-options'] ?? '');
    for (const a of docsOf(filesOf(name)).filter(d => d.kind === 'Application' && !selfManaged(d))) {
      expect(a.metadata.finalizers ?? []).toEqual(expect.arrayContaining([expect.stringMatching(/^resources-finalizer\.argocd\.argoproj\.io(\/background)?$/)]));
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 4. ApplicationSet deletion protection

describe('secure default: ApplicationSets cannot delete Applications or their resources unless asked to', () => {
  const template = {
    name: '{{.env}}-web',
    project: 'apps',
    destination: Destination.inCluster('{{.env}}'),
    source: ApplicationSource.directory({ repoUrl: REPO, path: 'web' }),
  };

  test('GIVEN an ApplicationSet with defaults THEN create-update, preserveResourcesOnDeletion and no finalizer on generated Applications', () => {
    const chart = new Chart(memoryApp(), 'c');
    new ApplicationSet(chart, 'envs', { generators: [Generator.list({ elements: [{ env: 'dev' }] })], template, rolloutPlan: false });
    const [set] = expectSchemaValid(Testing.synth(chart));
    expect(set.spec.syncPolicy).toEqual({ applicationsSync: 'create-update', preserveResourcesOnDeletion: true });
    expect(set.spec.template.metadata.finalizers).toBeUndefined();
  });

  test('GIVEN a background finalizer on generated Applications without opting out of preserveResourcesOnDeletion THEN it fails', () => {
    const chart = new Chart(memoryApp(), 'c');
    expect(() => new ApplicationSet(chart, 'envs', {
      generators: [Generator.list({ elements: [{ env: 'dev' }] })], template: { ...template, deletionCascade: DeletionCascade.BACKGROUND }, rolloutPlan: false,
    })).toThrow(/preserveResourcesOnDeletion: false/);
  });

  test('GIVEN an explicit opt-out THEN it is emitted as asked (pull-request previews)', () => {
    const chart = new Chart(memoryApp(), 'c');
    new ApplicationSet(chart, 'previews', {
      generators: [Generator.list({ elements: [{ env: 'pr-1' }] })],
      template,
      rolloutPlan: false,
      applicationsSync: ApplicationsSyncPolicy.SYNC,
      preserveResourcesOnDeletion: false,
    });
    expect(Testing.synth(chart)[0].spec.syncPolicy).toEqual({ applicationsSync: 'sync', preserveResourcesOnDeletion: false });
  });

  test('GIVEN a TieredApplicationSet and an AppOfApps ApplicationSet child with defaults THEN both are protected', () => {
    const app = new GitOpsApp({ outdir: '/tmp/never', repoUrl: REPO });
    const chart = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
    new ArgoCdSettings(chart, 'settings', { progressiveSyncs: true, applicationHealthCheck: true });
    const tiered = new TieredApplicationSet(chart, 'platform', { tiers: [{ name: 'infra' }] });
    tiered.addComponent(new Component({ name: 'cert-manager', tier: 'infra', project: 'platform', namespace: 'cert-manager', source: ApplicationSource.helm({ repoUrl: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.16.2' }) }));
    const root = new AppOfApps(app, 'root', { project: 'admin' });
    root.addApplicationSet('addons', { generators: [Generator.list({ elements: [{ env: 'dev' }] })], template, rolloutPlan: false });
    const sets = docsOf(app.synthFiles()).filter(d => d.kind === 'ApplicationSet');
    expect(sets).toHaveLength(2);
    for (const s of sets) expect(s.spec.syncPolicy).toEqual({ applicationsSync: 'create-update', preserveResourcesOnDeletion: true });
  });

  test.each(examples)('GIVEN example %s THEN every ApplicationSet is protected, except the pull-request previews that opt out', (name) => {
    for (const s of docsOf(filesOf(name)).filter(d => d.kind === 'ApplicationSet')) {
      const optedOut = name === 'pr-previews';
      expect(s.spec.syncPolicy).toEqual(optedOut
        ? { applicationsSync: 'sync', preserveResourcesOnDeletion: false }
        : { applicationsSync: 'create-update', preserveResourcesOnDeletion: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 5. cluster-scoped kinds

describe('secure default: cluster-scoped kinds only where granted', () => {
  test('GIVEN an AppProject with defaults THEN it whitelists no cluster-scoped kind (Argo CD denies them) and never emits an empty namespaced whitelist', () => {
    const chart = new Chart(memoryApp(), 'c');
    new AppProject(chart, 'plain', { sourceRepos: [REPO], destinations: [{ server: IN_CLUSTER, namespace: 'team-a' }] });
    const [doc] = expectSchemaValid(Testing.synth(chart));
    expect(doc.spec.clusterResourceWhitelist).toBeUndefined();
    expect(doc.spec.namespaceResourceWhitelist).toBeUndefined();
    expect(() => new AppProject(chart, 'empty', { namespaceResourceWhitelist: [] })).toThrow(/denyAllNamespacedResources/);
  });

  test.each([
    [ProjectTier.APPS, undefined],
    [ProjectTier.DATA_SERVICES, undefined],
    [ProjectTier.CUSTOM, undefined],
  ])('GIVEN a %s-tier ScopedAppProject THEN it whitelists no cluster-scoped kind', (tier, expected) => {
    const chart = new Chart(new GitOpsApp({ outdir: '/tmp/never', repoUrl: REPO }), 'c');
    new ScopedAppProject(chart, 'p', { tier, destinations: [{ server: IN_CLUSTER, namespace: 'team-a' }] });
    expect(Testing.synth(chart)[0].spec.clusterResourceWhitelist).toEqual(expected);
  });

  test('GIVEN an apps-tier project THEN a cluster-scoped kind cannot be added, in the props or later', () => {
    const chart = new Chart(new GitOpsApp({ outdir: '/tmp/never', repoUrl: REPO }), 'c');
    const destinations = [{ server: IN_CLUSTER, namespace: 'team-a' }];
    expect(() => ScopedAppProject.apps(chart, 'a', { destinations, clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] })).toThrow(/apps-tier project is namespace-scoped only/);
    const p = ScopedAppProject.apps(chart, 'b', { destinations });
    expect(() => p.addClusterResourceWhitelist({ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' })).toThrow(/apps-tier project is namespace-scoped only/);
  });

  test('GIVEN the platform tier THEN its cluster whitelist is the named preset, no wildcard', () => {
    const chart = new Chart(new GitOpsApp({ outdir: '/tmp/never', repoUrl: REPO }), 'c');
    ScopedAppProject.platform(chart, 'platform', { destinations: [{ server: IN_CLUSTER, namespace: '' }] });
    const list: any[] = Testing.synth(chart)[0].spec.clusterResourceWhitelist;
    expect(list.length).toBeGreaterThan(0);
    for (const r of list) expect(`${r.group}/${r.kind}`).not.toContain('*');
  });

  test('GIVEN an Application of an apps-tier project whose chart holds a ClusterRole THEN synth fails, pointing at a platform project', () => {
    const app = new GitOpsApp({ outdir: '/tmp/never', repoUrl: REPO });
    const argocd = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
    ScopedAppProject.apps(argocd, 'apps', { destinations: [{ server: IN_CLUSTER, namespace: 'web' }] });
    const workload = new Chart(app, 'web', { namespace: 'web' });
    new k8s.KubeClusterRole(workload, 'reader', { metadata: { name: 'web-reader' } });
    new Application(argocd, 'web-app', { name: 'web', project: 'apps', destination: Destination.inCluster('web'), source: ApplicationSource.fromChart(workload) });
    expect(() => app.synthFiles()).toThrow(/ClusterRole[\s\S]*Fix:[\s\S]*platform-tier project/);
  });

  test('GIVEN an AppOfApps chart child with cluster-scoped objects THEN the chart namespace is stripped from them; an explicit other namespace is rejected', () => {
    const build = (explicit: boolean) => {
      const app = new GitOpsApp({ outdir: '/tmp/never', repoUrl: REPO });
      const root = new AppOfApps(app, 'root', { project: 'admin', healthCheckManagedExternally: true });
      const workload = new Chart(app, 'ops', { namespace: 'ops' });
      new k8s.KubeNamespace(workload, 'ns', { metadata: { name: 'ops' } });
      new k8s.KubeClusterRole(workload, 'role', { metadata: { name: 'ops-reader', namespace: explicit ? 'kube-system' : undefined } });
      new k8s.KubeConfigMap(workload, 'config', { metadata: { name: 'ops-config' } });
      root.addChart('ops', workload, { project: 'platform' });
      return app;
    };
    const docs = docsOf(build(false).synthFiles());
    expect(docs.find(d => d.kind === 'Namespace').metadata.namespace).toBeUndefined();
    expect(docs.find(d => d.kind === 'ClusterRole').metadata.namespace).toBeUndefined();
    expect(docs.find(d => d.kind === 'ConfigMap').metadata.namespace).toBe('ops');
    expect(() => build(true).synthFiles()).toThrow(/cluster-scoped ClusterRole ops-reader has a namespace \(got "kube-system"\)\. Fix: remove metadata.namespace/);
  });

  test.each(examples)('GIVEN example %s THEN no cluster-scoped object carries a namespace', (name) => {
    for (const d of docsOf(filesOf(name)).filter(x => typeof x.apiVersion === 'string' && typeof x.kind === 'string')) {
      if (isClusterScoped(d.apiVersion, d.kind)) expect(d.metadata?.namespace).toBeUndefined();
    }
  });
});
