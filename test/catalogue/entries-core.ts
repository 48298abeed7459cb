import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { CatalogueEntry } from './entry';
import {
  AppOfApps, Application, ApplicationSource, ArgoCdSettings, ArgoCdTarget, Destination, GitOpsApp, GitOpsChart, SyncOption,
} from '../../src';

const GIT = 'https://git.example.com/platform/gitops.git';
const src = () => ApplicationSource.directory({ repoUrl: GIT, path: 'x' });
const dest = () => Destination.inCluster('x');

function gitopsApp(): GitOpsApp {
  return new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cat-')), repoUrl: GIT });
}

/** Synthesizes an Application built in a fresh test chart (id `app` under chart `test`). */
function app(props: any): () => void {
  return () => {
    const c = Testing.chart();
    new Application(c, 'app', { project: 'p', destination: dest(), source: src(), ...props });
    Testing.synth(c);
  };
}

function appOfApps(build: (app: GitOpsApp, root: AppOfApps) => void, settings = true): () => void {
  return () => {
    const a = gitopsApp();
    if (settings) new ArgoCdSettings(new GitOpsChart(a, 'settings', { folder: 'argocd' }), 's', { applicationHealthCheck: true });
    build(a, new AppOfApps(a, 'root', { project: 'admin' }));
    a.synthFiles();
  };
}

/** Application, sources, destinations, sync options, GitOpsApp, AppOfApps, ArgoCdSettings. */
export const CORE_ENTRIES: CatalogueEntry[] = [
  {
    name: 'Application name with uppercase letters',
    construct: 'Application',
    run: app({ name: 'Payments' }),
    path: 'test/app',
    value: '"Payments"',
    fix: /lowercase|Fix: use "payments"/i,
  },
  {
    name: 'Application name longer than 63 characters',
    construct: 'Application',
    run: app({ name: 'a'.repeat(64) }),
    path: 'test/app',
    value: `"${'a'.repeat(64)}"`,
    fix: /shorten it/,
  },
  {
    name: 'Application name with an underscore',
    construct: 'Application',
    run: app({ name: 'my_app' }),
    path: 'test/app',
    value: '"my_app"',
    fix: /Fix:/,
  },
  {
    name: 'empty project name',
    construct: 'Application',
    run: app({ project: '' }),
    path: 'test/app',
    value: 'name is empty',
    fix: /give the object a name/,
  },
  {
    name: 'invalid label value',
    construct: 'Application',
    run: app({ labels: { tier: '-infra' } }),
    path: 'test/app',
    value: '"-infra"',
    fix: /Fix:/,
  },
  {
    name: 'label value longer than 63 characters',
    construct: 'Application',
    run: app({ labels: { team: 'x'.repeat(64) } }),
    path: 'test/app',
    value: `"${'x'.repeat(64)}"`,
    fix: /shorten the value/,
  },
  {
    name: 'invalid label key',
    construct: 'Application',
    run: app({ labels: { 'bad key': 'v' } }),
    path: 'test/app',
    value: '"bad key"',
    fix: /Fix:/,
  },
  {
    name: 'destination with both server and name',
    construct: 'Destination',
    run: () => Destination.of({ server: 'https://kubernetes.default.svc', name: 'in-cluster', namespace: 'x' }),
    value: '"server":"https://kubernetes.default.svc","name":"in-cluster"',
    fix: /keep one/,
  },
  {
    name: 'destination with neither server nor name',
    construct: 'Destination',
    run: () => Destination.of({ namespace: 'x' }),
    value: '{"namespace":"x"}',
    fix: /Destination.inCluster/,
  },
  {
    name: 'destination server that is not a URL',
    construct: 'Destination',
    run: () => Destination.byServer('kubernetes.default.svc', 'x'),
    value: '"kubernetes.default.svc"',
    fix: /https:\/\//,
  },
  {
    name: 'destination namespace with uppercase letters',
    construct: 'Destination',
    run: () => Destination.inCluster('Payments'),
    value: '"Payments"',
    fix: /lowercase/,
  },
  {
    name: 'two source types in one source',
    construct: 'ApplicationSource',
    run: () => ApplicationSource.of({ repoUrl: GIT, path: 'x', helm: {}, directory: {} }),
    value: '["helm","directory"]',
    fix: /split it into several sources/,
  },
  {
    name: 'chart and path in one source',
    construct: 'ApplicationSource',
    run: () => ApplicationSource.of({ repoUrl: GIT, path: 'x', chart: 'y' }),
    value: '"chart":"y","path":"x"',
    fix: /ApplicationSource.helm\(\)/,
  },
  {
    name: 'ref source with a chart',
    construct: 'ApplicationSource',
    run: () => ApplicationSource.of({ repoUrl: GIT, chart: 'x', ref: 'values' }),
    value: '"ref":"values","chart":"x"',
    fix: /separate git source with ref/,
  },
  {
    name: 'Helm repository chart without a version',
    construct: 'ApplicationSource',
    run: () => ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'x', version: '' }),
    value: '"version":""',
    fix: /pin the chart version/,
  },
  {
    name: 'source without path, chart or ref',
    construct: 'ApplicationSource',
    run: () => ApplicationSource.of({ repoUrl: GIT }),
    value: `{"repoUrl":"${GIT}"}`,
    fix: /path: '.'/,
  },
  {
    name: '$ref value file in the middle of a path',
    construct: 'ApplicationSource',
    run: () => ApplicationSource.helmChart({ repoUrl: GIT, path: 'c', valueFiles: ['env/$values/x.yaml'] }),
    value: '"env/$values/x.yaml"',
    fix: /\$values\/path/,
  },
  {
    name: '$values value file with no ref source',
    construct: 'Application',
    run: app({
      source: undefined,
      sources: [ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'x', version: '1.0.0', valueFiles: ['$values/x.yaml'] })],
    }),
    path: 'test/app',
    value: 'got refs []',
    fix: /add ApplicationSource.ref/,
  },
  {
    name: 'two ref sources with the same name',
    construct: 'Application',
    run: app({
      source: undefined,
      sources: [src(), ApplicationSource.ref({ repoUrl: GIT, ref: 'values' }), ApplicationSource.ref({ repoUrl: GIT, ref: 'values' })],
    }),
    path: 'test/app',
    value: "ref 'values'",
    fix: /give each ref source its own name/,
  },
  {
    name: 'ref source in a single-source Application',
    construct: 'Application',
    run: app({ source: ApplicationSource.ref({ repoUrl: GIT, ref: 'values' }) }),
    path: 'test/app',
    value: '"values"',
    fix: /sources: \[chartSource/,
  },
  {
    name: 'source and sources together',
    construct: 'Application',
    run: app({ sources: [src()] }),
    path: 'test/app',
    value: '"sources":1',
    fix: /put every source in sources/,
  },
  {
    name: 'Application without a source',
    construct: 'Application',
    run: app({ source: undefined }),
    path: 'test/app',
    value: 'needs a source',
    fix: /set source/,
  },
  {
    name: 'unknown sync option string',
    construct: 'SyncOption',
    run: () => SyncOption.of('CreateNamespaces=true'),
    value: '"CreateNamespaces=true"',
    fix: /use one of/,
  },
  {
    name: 'sync option with the wrong case',
    construct: 'SyncOption',
    run: () => SyncOption.of('prunelast=true'),
    value: '"prunelast=true"',
    fix: /spelled PruneLast/,
  },
  {
    name: 'sync option with an unsupported value',
    construct: 'SyncOption',
    run: () => SyncOption.of('PruneLast=yes'),
    value: '"PruneLast=yes"',
    fix: /use PruneLast=true/,
  },
  {
    name: 'sync option without =value',
    construct: 'SyncOption',
    run: () => SyncOption.of('CreateNamespace'),
    value: '"CreateNamespace"',
    fix: /use one of/,
  },
  {
    name: 'resource-only sync option on an Application',
    construct: 'Application',
    run: app({ syncPolicy: { syncOptions: [SyncOption.FORCE] } }),
    path: 'test/app',
    value: '"Force=true"',
    fix: /argocd.argoproj.io\/sync-options annotation/,
  },
  {
    name: 'application-only sync option in a resource annotation',
    construct: 'SyncOption',
    run: () => SyncOption.annotationValue([SyncOption.CREATE_NAMESPACE]),
    value: '"CreateNamespace=true"',
    fix: /syncPolicy.syncOptions/,
  },
  {
    name: 'the same sync option with two values',
    construct: 'Application',
    run: app({ syncPolicy: { syncOptions: [SyncOption.serverSideApply(true), SyncOption.serverSideApply(false)] } }),
    path: 'test/app',
    value: '["ServerSideApply=true","ServerSideApply=false"]',
    fix: /keep one of them/,
  },
  {
    name: 'negative retry limit other than -1',
    construct: 'Application',
    run: app({ syncPolicy: { retry: { limit: -5 } } }),
    path: 'test/app',
    value: '-5',
    fix: /or -1 to retry forever/,
  },
  {
    name: 'fractional retry limit',
    construct: 'Application',
    run: app({ syncPolicy: { retry: { limit: 2.5 } } }),
    path: 'test/app',
    value: '2.5',
    fix: /limit: 5/,
  },
  {
    name: 'retry backoff duration of zero',
    construct: 'Application',
    run: app({ syncPolicy: { retry: { backoff: { duration: Duration.millis(0) } } } }),
    path: 'test/app',
    value: '(got 0)',
    fix: /Duration.seconds\(5\)/,
  },
  {
    name: 'retry maxDuration shorter than duration',
    construct: 'Application',
    run: app({ syncPolicy: { retry: { backoff: { duration: Duration.minutes(5), maxDuration: Duration.seconds(30) } } } }),
    path: 'test/app',
    value: '"duration":"5m","maxDuration":"30s"',
    fix: /at least as long as duration/,
  },
  {
    name: 'retry backoff factor below 1 or fractional',
    construct: 'Application',
    run: app({ syncPolicy: { retry: { backoff: { factor: 0.5 } } } }),
    path: 'test/app',
    value: '0.5',
    fix: /factor: 2/,
  },
  {
    name: 'managedNamespaceMetadata without CreateNamespace',
    construct: 'Application',
    run: app({ syncPolicy: { managedNamespaceMetadata: { labels: { a: 'b' } } } }),
    path: 'test/app',
    value: '{"labels":{"a":"b"}}',
    fix: /SyncOption.CREATE_NAMESPACE/,
  },
  {
    name: 'non-integer sync wave',
    construct: 'Application',
    run: app({ syncWave: 1.5 }),
    path: 'test/app',
    value: '1.5',
    fix: /whole number/,
  },
  {
    name: 'ignoreDifferences entry that ignores nothing',
    construct: 'Application',
    run: app({ ignoreDifferences: [{ kind: 'Deployment' }] }),
    path: 'test/app',
    value: '{"kind":"Deployment"}',
    fix: /jsonPointers/,
  },
  {
    name: 'JSON pointer without a leading slash',
    construct: 'Application',
    run: app({ ignoreDifferences: [{ kind: 'Deployment', jsonPointers: ['spec/replicas'] }] }),
    path: 'test/app',
    value: '"spec/replicas"',
    fix: /'\/spec\/replicas'/,
  },
  {
    name: 'notification recipient list with a semicolon',
    construct: 'Application',
    run: app({ notifications: [{ trigger: 'on-sync-failed', service: 'slack', recipients: ['a;b'] }] }),
    path: 'test/app',
    value: '["a;b"]',
    fix: /list each recipient separately/,
  },
  {
    name: 'negative revisionHistoryLimit',
    construct: 'Application',
    run: app({ revisionHistoryLimit: -1 }),
    path: 'test/app',
    value: '-1',
    fix: /e\.g\. 10/,
  },
  {
    name: 'fromChart without a GitOpsApp repoUrl',
    construct: 'ApplicationSource',
    run: () => {
      const a = new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cat-')) });
      const wl = new Chart(a, 'wl');
      new Application(new Chart(a, 'apps'), 'app', { project: 'p', destination: dest(), source: ApplicationSource.fromChart(wl) });
      a.synthFiles();
    },
    path: 'apps/app',
    value: '"wl"',
    fix: /pass repoUrl/,
  },
  {
    name: 'fromChart in a plain cdk8s App',
    construct: 'ApplicationSource',
    run: () => {
      const a = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cat-')) });
      const wl = new Chart(a, 'wl');
      new Application(new Chart(a, 'apps'), 'app', { project: 'p', destination: dest(), source: ApplicationSource.fromChart(wl) });
      a.synth();
    },
    path: 'apps/app',
    value: '"wl"',
    fix: /new GitOpsApp/,
  },
  {
    name: 'chart folder outside the output folder',
    construct: 'GitOpsChart',
    run: () => new GitOpsChart(gitopsApp(), 'c', { folder: '../elsewhere' }),
    path: 'c',
    value: '"../elsewhere"',
    fix: /apps\/root/,
  },
  {
    name: 'two generated files with the same path',
    construct: 'GitOpsApp',
    run: () => {
      const a = gitopsApp();
      a.addFile('REPORT.md', { render: () => '' });
      a.addFile('REPORT.md', { render: () => '' });
    },
    path: '<app root>',
    value: '"REPORT.md"',
    fix: /its own path/,
  },
  {
    name: 'AppOfApps outside a GitOpsApp',
    construct: 'AppOfApps',
    run: () => new AppOfApps(new App(), 'root', { project: 'admin' }),
    path: 'root',
    value: '"App"',
    fix: /new GitOpsApp/,
  },
  {
    name: 'child app without a destination namespace',
    construct: 'AppOfApps',
    run: appOfApps((_a, root) => root.addApplication('c', { project: 'p', destination: Destination.inCluster(), source: src() })),
    path: 'root',
    value: '"server":"https://kubernetes.default.svc"',
    fix: /Destination.inCluster\('my-namespace'\)/,
  },
  {
    name: 'wave cycle between children',
    construct: 'AppOfApps',
    run: appOfApps((_a, root) => {
      const a = root.addApplication('a', { project: 'p', destination: Destination.inCluster('a'), source: src() });
      const b = root.addApplication('b', { project: 'p', destination: Destination.inCluster('b'), source: src(), dependsOn: [a] });
      root.addDependency(a, b);
    }),
    path: 'root',
    value: 'a -> b -> a',
    fix: /remove one of these dependencies/,
  },
  {
    name: 'explicit wave before its dependency',
    construct: 'AppOfApps',
    run: appOfApps((_a, root) => {
      const a = root.addApplication('a', { project: 'p', destination: Destination.inCluster('a'), source: src(), syncWave: 5 });
      root.addApplication('b', { project: 'p', destination: Destination.inCluster('b'), source: src(), syncWave: 1, dependsOn: [a] });
    }),
    path: 'root',
    value: '(got 1 <= 5)',
    fix: /use a wave above 5/,
  },
  {
    name: 'several waves without the Application health check',
    construct: 'AppOfApps',
    run: appOfApps((_a, root) => {
      root.addApplication('a', { project: 'p', destination: Destination.inCluster('a'), source: src(), syncWave: 1 });
      root.addApplication('b', { project: 'p', destination: Destination.inCluster('b'), source: src(), syncWave: 2 });
    }, false),
    path: 'root',
    value: '[1,2]',
    fix: /applicationHealthCheck: true/,
  },
  {
    name: 'child chart object outside the child namespace',
    construct: 'AppOfApps',
    run: appOfApps((a, root) => {
      const c = new Chart(a, 'wl', { namespace: 'team-a' });
      new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'team-b' } });
      root.addChart('wl', c, { project: 'p' });
    }),
    path: 'root',
    value: '"team-b"',
    fix: /extraNamespaces/,
  },
  {
    name: 'cluster-scoped object with a namespace',
    construct: 'AppOfApps',
    run: appOfApps((a, root) => {
      const c = new Chart(a, 'wl', { namespace: 'team-a' });
      new k8s.KubeClusterRole(c, 'cr', { metadata: { name: 'x', namespace: 'kube-system' } });
      root.addChart('wl', c, { project: 'p' });
    }),
    path: 'root',
    value: '"kube-system"',
    fix: /remove metadata.namespace/,
  },
  {
    name: 'the same resource in two children',
    construct: 'AppOfApps',
    run: appOfApps((a, root) => {
      for (const id of ['one', 'two']) {
        const c = new Chart(a, id, { namespace: 'shared' });
        new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
        root.addChart(id, c, { project: 'p' });
      }
    }),
    path: 'root',
    value: "'one' and 'two'",
    fix: /keep it in one child/,
  },
  {
    name: 'two children with the same name',
    construct: 'AppOfApps',
    run: appOfApps((_a, root) => {
      root.addApplication('a', { project: 'p', destination: Destination.inCluster('a'), source: src() });
      root.addApplication('a2', { name: 'a', project: 'p', destination: Destination.inCluster('a'), source: src() });
    }),
    path: 'root/children/a2',
    value: '"a"',
    fix: /its own name/,
  },
  {
    name: 'a field the target Argo CD version silently drops',
    construct: 'ArgoCdTarget',
    run: () => {
      const c = Testing.chart();
      ArgoCdTarget.set(c, '3.0');
      new Application(c, 'app', { project: 'p', destination: dest(), source: src(), syncPolicy: { automated: { enabled: false } } });
      Testing.synth(c);
    },
    path: 'test',
    value: '(got false)',
    fix: /raise the target version/,
  },
  {
    name: 'a target Argo CD version the bindings do not cover',
    construct: 'ArgoCdTarget',
    run: () => ArgoCdTarget.set(Testing.chart(), '2.14'),
    path: 'test',
    value: '"2.14"',
    fix: /target a 3\.x release/,
  },
  {
    name: 'conflicting Argo CD setting values',
    construct: 'ArgoCdSettings',
    run: () => {
      const s = new ArgoCdSettings(Testing.chart(), 'settings', {});
      s.addSetting('timeout.reconciliation', '180s');
      s.addSetting('timeout.reconciliation', '60s');
    },
    path: 'test/settings',
    value: '"180s"',
    fix: /Fix:/,
  },
];
