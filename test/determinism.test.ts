/**
 * Determinism: the same program gives the same bytes, and the output does not depend on the order in which
 * unrelated things were added where that order means nothing to Argo CD.
 *
 * Which orders carry meaning (kept as written) and which do not (must not show in the output), per construct:
 *
 * | construct | order kept (meaningful) | order-free (output identical) |
 * | --- | --- | --- |
 * | Application | `sources` (later value files and sources win), value files, ignoreDifferences entries | labels, annotations (sorted keys), managedNamespaceMetadata |
 * | ApplicationSet | generators, list generator elements (the order Applications are generated and previewed), RollingSync steps | labels, annotations, generator `values` |
 * | ArgoCdSettings | - | argocd-cm / argocd-cmd-params-cm keys (sorted), health checks |
 * | TieredApplicationSet | tiers (the rollout order) | components inside a tier (the git files generator reads files in path order) |
 * | AppOfApps | - | children with the same wave: Applications, waves, TOPOLOGY are the same; see below for document order |
 * | AppProject | destinationServiceAccounts (the first match wins) | see below |
 *
 * Known order leaks (reported, kept as they are; the tests below pin the semantic equality and document the leak):
 * - AppProject emits sourceRepos, destinations, sourceNamespaces, resource lists, roles and sync windows in the
 *   order they were added, although Argo CD treats each as a set. Sorting them changes documented messages
 *   (`denied by sourceRepos[1]`) and existing snapshots, so it is left to the AppProject owner.
 * - AppOfApps writes the child Application documents of `apps/<root>/<root>-children.k8s.yaml` in the order they were
 *   added (cdk8s renders a chart's objects in construct order). Argo CD orders a sync by wave, kind and name, so the
 *   document order means nothing, but the bytes differ.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { parseAllDocuments } from 'yaml';
import {
  AppOfApps, AppProject, Application, ApplicationSet, ApplicationSource, ArgoCdSettings, Component, Destination, Generator, GitOpsApp, GitOpsChart,
  ProjectResourceRule, SyncOption, TieredApplicationSet,
} from '../src';
import { memoryApp } from './util/arbitraries';

const examplesDir = path.join(__dirname, '..', 'examples');
const examples = fs.readdirSync(examplesDir).filter(d => fs.existsSync(path.join(examplesDir, d, 'main.ts'))).sort();
const REPO = 'https://git.example.com/platform/gitops.git';

function buildExample(name: string, outdir: string): GitOpsApp {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(examplesDir, name, 'main')).build(outdir);
}

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `determinism-${prefix}-`));
}

/** Every file under dir (relative path → bytes). */
function readTree(dir: string): { [file: string]: Buffer } {
  const out: { [file: string]: Buffer } = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full).split(path.sep).join('/')] = fs.readFileSync(full);
    }
  };
  walk(dir);
  return out;
}

describe('determinism: the same program gives the same bytes', () => {
  test('every example is found', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  test.each(examples)('GIVEN example %s WHEN synthesized twice (new apps, other folders) THEN synthFiles() is byte-identical', (name) => {
    const first = buildExample(name, tmp(name)).synthFiles();
    const second = buildExample(name, tmp(name)).synthFiles();
    expect(Object.keys(second)).toEqual(Object.keys(first));
    for (const file of Object.keys(first)) expect(Buffer.from(second[file]).equals(Buffer.from(first[file]))).toBe(true);
    // and synthFiles() of one app, called twice, too (validations and lazy values run again)
    const app = buildExample(name, tmp(name));
    expect(app.synthFiles()).toEqual(app.synthFiles());
  });

  test.each(examples)('GIVEN example %s WHEN synth() writes it twice into the same folder THEN the files on disk are byte-identical to synthFiles()', (name) => {
    const dir = tmp(name);
    buildExample(name, dir).synth();
    const once = readTree(dir);
    buildExample(name, dir).synth();
    const twice = readTree(dir);
    expect(Object.keys(twice)).toEqual(Object.keys(once));
    for (const f of Object.keys(once)) expect(twice[f].equals(once[f])).toBe(true);
    const files = buildExample(name, tmp(name)).synthFiles();
    expect(Object.keys(once).sort()).toEqual(Object.keys(files).sort());
    for (const [f, text] of Object.entries(files)) expect(once[f].equals(Buffer.from(text))).toBe(true);
  });
});

/** Builds the same content twice with `build(order)` for two orders and returns both synthFiles() results. */
function bothOrders(build: (reverse: boolean) => GitOpsApp): [{ [f: string]: string }, { [f: string]: string }] {
  return [build(false).synthFiles(), build(true).synthFiles()];
}

function ordered<T>(items: T[], reverse: boolean): T[] {
  return reverse ? [...items].reverse() : items;
}

describe('determinism: order that means nothing does not show in the output', () => {
  test('GIVEN ArgoCdSettings keys and health checks added in different orders THEN the ConfigMaps are byte-identical', () => {
    const [a, b] = bothOrders(reverse => {
      const app = new GitOpsApp({ outdir: tmp('settings') });
      const chart = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
      const settings = new ArgoCdSettings(chart, 'settings', reverse
        ? { settings: { 'timeout.reconciliation': '180s', 'application.instanceLabelKey': 'x' }, cmdParams: { 'server.insecure': 'true', 'controller.diff.server.side': 'true' } }
        : { cmdParams: { 'controller.diff.server.side': 'true', 'server.insecure': 'true' }, settings: { 'application.instanceLabelKey': 'x', 'timeout.reconciliation': '180s' } });
      const checks: Array<() => void> = [
        () => settings.enableApplicationHealthCheck(),
        () => settings.enableProgressiveSyncs(),
        () => settings.addHealthCheck('cert-manager.io', 'Certificate', 'hs = {}\nhs.status = "Healthy"\nreturn hs\n'),
        () => settings.addSetting('ui.bannercontent', 'maintenance'),
        () => settings.addCmdParam('reposerver.parallelism.limit', '4'),
      ];
      for (const f of ordered(checks, reverse)) f();
      return app;
    });
    expect(b).toEqual(a);
  });

  test('GIVEN Application labels, annotations and namespace metadata in different insertion orders THEN the Application is byte-identical', () => {
    const [a, b] = bothOrders(reverse => {
      const app = new GitOpsApp({ outdir: tmp('labels') });
      const chart = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
      const entries = [['team', 'payments'], ['tier', 'apps'], ['example.com/owner', 'alice']];
      const labels = Object.fromEntries(ordered(entries, reverse));
      const annotations = Object.fromEntries(ordered([['note', 'a'], ['example.com/ticket', 'T-1']], reverse));
      const application = new Application(chart, 'web', {
        project: 'apps',
        destination: Destination.inCluster('web'),
        source: ApplicationSource.directory({ repoUrl: REPO, path: 'web' }),
        labels,
        annotations,
        syncPolicy: { syncOptions: [SyncOption.CREATE_NAMESPACE], managedNamespaceMetadata: { labels, annotations } },
      });
      for (const [k, v] of ordered([['x', '1'], ['y', '2']], reverse)) application.addLabel(k, v);
      return app;
    });
    expect(b).toEqual(a);
  });

  test('GIVEN TieredApplicationSet components added in a different order within (and across) tiers THEN every file is byte-identical, the rollout plan included', () => {
    const components = [
      new Component({ name: 'cert-manager', tier: 'infra', project: 'platform', namespace: 'cert-manager', source: ApplicationSource.helm({ repoUrl: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.16.2' }) }),
      new Component({ name: 'ingress-nginx', tier: 'infra', project: 'platform', namespace: 'ingress', source: ApplicationSource.helm({ repoUrl: 'https://kubernetes.github.io/ingress-nginx', chart: 'ingress-nginx', version: '4.11.3' }) }),
      new Component({ name: 'external-secrets', tier: 'infra', wave: 1, project: 'platform', namespace: 'external-secrets', source: ApplicationSource.helm({ repoUrl: 'https://charts.external-secrets.io', chart: 'external-secrets', version: '0.10.7' }) }),
      new Component({ name: 'redis', tier: 'data', project: 'data', namespace: 'redis', source: ApplicationSource.helm({ repoUrl: 'https://charts.bitnami.com/bitnami', chart: 'redis', version: '20.6.0' }) }),
      new Component({ name: 'postgres', tier: 'data', project: 'data', namespace: 'postgres', source: ApplicationSource.helm({ repoUrl: 'https://cloudnative-pg.github.io/charts', chart: 'cluster', version: '0.1.0' }) }),
    ];
    const [a, b] = bothOrders(reverse => {
      const app = new GitOpsApp({ outdir: tmp('tiered'), repoUrl: REPO, targetRevision: 'main' });
      const chart = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
      new ArgoCdSettings(chart, 'settings', { progressiveSyncs: true });
      const set = new TieredApplicationSet(chart, 'platform', { tiers: [{ name: 'infra' }, { name: 'data' }] });
      for (const c of ordered(components, reverse)) set.addComponent(c);
      return app;
    });
    expect(Object.keys(b)).toEqual(Object.keys(a));
    expect(b['argocd/ROLLOUT-platform.md']).toEqual(a['argocd/ROLLOUT-platform.md']);
    expect(b).toEqual(a);
  });

  test('GIVEN AppOfApps children with the same waves added in different orders THEN the Applications, waves and topology are the same (document order in the children file follows insertion: reported)', () => {
    const build = (reverse: boolean) => {
      const app = new GitOpsApp({ outdir: tmp('aoa'), repoUrl: REPO, targetRevision: 'main' });
      const settings = new GitOpsChart(app, 'argocd-settings', { folder: 'argocd' });
      new ArgoCdSettings(settings, 'settings', { applicationHealthCheck: true });
      const root = new AppOfApps(app, 'root', { project: 'admin' });
      const add = (name: string, wave: number) => () => {
        const chart = new Chart(app, name, { namespace: name });
        new k8s.KubeConfigMap(chart, 'config', { metadata: { name: `${name}-config` } });
        root.addChart(name, chart, { project: 'apps', syncWave: wave });
      };
      for (const f of ordered([add('billing', 1), add('orders', 1), add('payments', 1), add('search', 2), add('web', 2)], reverse)) f();
      return app;
    };
    const [a, b] = [build(false).synthFiles(), build(true).synthFiles()];
    const childrenFile = 'apps/root/root-children.k8s.yaml';
    expect(Object.keys(a)).toContain(childrenFile);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const f of Object.keys(a).filter(x => x !== childrenFile)) expect(b[f]).toEqual(a[f]);
    const docs = (text: string) => parseAllDocuments(text).map(d => JSON.stringify(d.toJSON())).sort();
    expect(docs(b[childrenFile])).toEqual(docs(a[childrenFile]));
    // the leak: the same documents, in insertion order
    expect(b[childrenFile]).not.toEqual(a[childrenFile]);
  });

  test('GIVEN AppProject entries added in different orders THEN the project is the same as sets (the emitted order follows insertion: reported)', () => {
    const repos = ['https://git.example.com/platform/gitops.git', 'https://charts.jetstack.io', 'https://git.example.com/team-a/*'];
    const destinations = [
      { server: 'https://kubernetes.default.svc', namespace: 'team-a-*' },
      { name: 'prod-eu', namespace: 'team-a' },
      { server: 'https://kubernetes.default.svc', namespace: 'shared' },
    ];
    const kinds: ProjectResourceRule[] = [{ group: '', kind: 'Namespace' }, { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }];
    const synth = (reverse: boolean) => {
      const chart = new Chart(memoryApp(), 'c');
      const p = new AppProject(chart, 'team-a', {});
      for (const r of ordered(repos, reverse)) p.addSourceRepo(r);
      for (const d of ordered(destinations, reverse)) p.addDestination(d);
      for (const k of ordered(kinds, reverse)) p.addClusterResourceWhitelist(k);
      return Testing.synth(chart)[0];
    };
    const [a, b] = [synth(false), synth(true)];
    const asSets = (spec: any) => ({
      sourceRepos: [...spec.sourceRepos].sort(),
      destinations: spec.destinations.map((d: any) => JSON.stringify(d)).sort(),
      clusterResourceWhitelist: spec.clusterResourceWhitelist.map((d: any) => JSON.stringify(d)).sort(),
    });
    expect(asSets(b.spec)).toEqual(asSets(a.spec));
    expect(b.spec.sourceRepos).not.toEqual(a.spec.sourceRepos); // the leak
  });
});

describe('determinism: order that carries meaning is kept', () => {
  test('GIVEN Application sources in another order THEN the sources keep the order written (later sources win)', () => {
    const synth = (reverse: boolean) => {
      const chart = new Chart(memoryApp(), 'c');
      const sources = ordered([
        ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'web', version: '1.0.0', valueFiles: ['$values/a.yaml', '$values/b.yaml'] }),
        ApplicationSource.ref({ repoUrl: REPO, ref: 'values' }),
      ], reverse);
      new Application(chart, 'web', { project: 'apps', destination: Destination.inCluster('web'), sources });
      return Testing.synth(chart)[0].spec.sources;
    };
    const [a, b] = [synth(false), synth(true)];
    expect(b).toEqual([...a].reverse());
    expect(a[0].helm.valueFiles).toEqual(['$values/a.yaml', '$values/b.yaml']);
  });

  test('GIVEN list generator elements in another order THEN the elements keep their order (the order Applications are generated)', () => {
    const synth = (reverse: boolean) => {
      const chart = new Chart(memoryApp(), 'c');
      new ApplicationSet(chart, 'envs', {
        generators: [Generator.list({ elements: ordered([{ env: 'dev' }, { env: 'staging' }, { env: 'prod' }], reverse) })],
        template: { name: '{{.env}}-web', project: 'apps', destination: Destination.inCluster('{{.env}}'), source: ApplicationSource.directory({ repoUrl: REPO, path: 'web' }) },
        rolloutPlan: false,
      });
      return Testing.synth(chart)[0].spec.generators[0].list.elements.map((e: any) => e.env);
    };
    expect(synth(false)).toEqual(['dev', 'staging', 'prod']);
    expect(synth(true)).toEqual(['prod', 'staging', 'dev']);
  });

  test('GIVEN TieredApplicationSet tiers in another order THEN the RollingSync steps follow the tiers (the rollout order)', () => {
    const steps = (tiers: string[]) => {
      const app = new GitOpsApp({ outdir: tmp('tiers'), repoUrl: REPO });
      const chart = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
      new ArgoCdSettings(chart, 'settings', { progressiveSyncs: true });
      const set = new TieredApplicationSet(chart, 'platform', { tiers: tiers.map(name => ({ name })) });
      return set.applicationSet.strategy.steps.map(s => s.matchExpressions[0].values[0]);
    };
    expect(steps(['infra', 'apps'])).toEqual(['infra', 'apps']);
    expect(steps(['apps', 'infra'])).toEqual(['apps', 'infra']);
  });
});
