import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { CatalogueEntry } from './entry';
import {
  AppProject, Application, ApplicationSet, ApplicationSource, ArgoCdSettings, DeletionCascade, Destination, Generator, GitOpsApp,
  GitOpsChart, Helmfile, ScopedAppProject, SyncOption, TemplatePatch,
} from '../../src';

// The hostile classes of issue 17: paths, disguised wildcards, run-time types, embedded languages, identifiers,
// collisions across the app, plaintext secrets.

const GIT = 'https://git.example.com/platform/gitops.git';
const CHARTS = 'https://charts.example.com';
const src = () => ApplicationSource.directory({ repoUrl: GIT, path: 'x' });
const dest = () => Destination.inCluster('x');

function gitopsApp(): { app: GitOpsApp; argocd: GitOpsChart } {
  const a = new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cat-hard-')), repoUrl: GIT });
  return { app: a, argocd: new GitOpsChart(a, 'argocd', { folder: 'argocd' }) };
}

function app(props: any): () => void {
  return () => {
    const c = Testing.chart();
    new Application(c, 'app', { project: 'p', destination: dest(), source: src(), ...props });
    Testing.synth(c);
  };
}

function workload(chart: Chart): void {
  new k8s.KubeConfigMap(chart, 'cm', { metadata: { name: 'cm' }, data: { a: 'b' } });
}

const TEAM_A = { server: 'https://kubernetes.default.svc', namespace: 'team-a' };

/** Issue 17 (hardening, second round). */
export const HARDENING_ENTRIES: CatalogueEntry[] = [
  // 1. paths
  {
    name: 'chart id .. (would write above the output folder)',
    construct: 'GitOpsApp',
    run: () => {
      const { app: a } = gitopsApp();
      workload(new Chart(a, '..'));
      a.synthFiles();
    },
    path: '..',
    value: '".."',
    fix: /give the chart an id with letters or digits/,
  },
  {
    name: 'GitOpsChart folder with a Windows drive letter',
    construct: 'GitOpsChart',
    run: () => new GitOpsChart(gitopsApp().app, 'c', { folder: 'C:\\temp' }),
    path: 'c',
    value: 'C:',
    fix: /apps\/root/,
  },
  {
    name: 'Helmfile base outside the values repository',
    construct: 'Helmfile',
    run: () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cat-hf-'));
      fs.mkdirSync(path.join(dir, 'repo'));
      fs.writeFileSync(path.join(dir, 'outside.yaml'), 'releases: []\n');
      fs.writeFileSync(path.join(dir, 'repo', 'helmfile.yaml'), 'bases: [../outside.yaml]\nreleases: []\n');
      Helmfile.fromFile(path.join(dir, 'repo', 'helmfile.yaml'));
    },
    value: '../outside.yaml',
    fix: /inside the values repository/,
  },
  // 2. wildcards in disguise
  {
    name: 'ScopedAppProject namespace glob kube-* (reaches the system namespaces)',
    construct: 'ScopedAppProject',
    run: () => ScopedAppProject.apps(gitopsApp().argocd, 'team-a', { destinations: [{ server: TEAM_A.server, namespace: 'kube-*' }] }),
    path: 'argocd/team-a',
    value: 'kube-*',
    fix: /allowAnyDestinationUnsafe/,
  },
  {
    name: 'ScopedAppProject namespace ?* (a wildcard in disguise)',
    construct: 'ScopedAppProject',
    run: () => ScopedAppProject.apps(gitopsApp().argocd, 'team-a', { destinations: [{ server: TEAM_A.server, namespace: '?*' }] }),
    path: 'argocd/team-a',
    value: '?*',
    fix: /allowAnyDestinationUnsafe/,
  },
  {
    name: 'ScopedAppProject cluster kind ClusterRole* (reaches ClusterRoleBinding)',
    construct: 'ScopedAppProject',
    run: () => ScopedAppProject.platform(gitopsApp().argocd, 'infra', {
      destinations: [TEAM_A], clusterResourceWhitelist: [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole*' }],
    }),
    path: 'argocd/infra',
    value: 'ClusterRole*',
    fix: /list each kind literally/,
  },
  {
    name: 'AppProject with a lone negated namespace (!kube-system = everything else)',
    construct: 'AppProject',
    run: () => {
      const { app: a, argocd } = gitopsApp();
      new AppProject(argocd, 'p', { sourceRepos: [GIT], destinations: [{ server: TEAM_A.server, namespace: '!kube-system' }] });
      a.synthFiles();
    },
    path: 'argocd/p',
    value: '!kube-system',
    fix: /add \{ server: '\*', namespace: '\*' \}/,
  },
  // 3. run-time types
  {
    name: "deletionCascade 'cascade' as any",
    construct: 'Application',
    run: app({ deletionCascade: 'cascade' }),
    path: 'test/app',
    value: '"cascade"',
    fix: /DeletionCascade\.FOREGROUND/,
  },
  {
    name: 'a plain string where a SyncOption is expected',
    construct: 'Application',
    run: app({ syncPolicy: { syncOptions: ['CreateNamespace=true'] } }),
    path: 'test/app',
    value: 'CreateNamespace=true',
    fix: /SyncOption\.CREATE_NAMESPACE/,
  },
  {
    name: 'Application without props',
    construct: 'Application',
    run: () => new (Application as any)(Testing.chart(), 'x'),
    path: 'test/x',
    value: 'but it is undefined',
    fix: /project: 'team-a'/,
  },
  {
    name: 'a plain Argo-style source object',
    construct: 'Application',
    run: app({ source: { repoURL: GIT, path: 'x', targetRevision: 'HEAD' } }),
    path: 'test/app',
    value: 'repoURL',
    fix: /ApplicationSource\./,
  },
  {
    name: 'Application without a project',
    construct: 'Application',
    run: app({ project: undefined }),
    path: 'test/app',
    value: "needs 'project'",
    fix: /project: 'team-a'/,
  },
  // 4. embedded languages
  {
    name: 'templatePatch that is not YAML',
    construct: 'TemplatePatch',
    run: () => TemplatePatch.fromYaml('spec: ['),
    value: 'spec: [',
    fix: /fix the YAML/,
  },
  {
    name: 'Helm values string that is not YAML',
    construct: 'ApplicationSource',
    run: () => ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.0.0', values: 'replicas: [1, 2' }),
    value: 'replicas: [1, 2',
    fix: /fix the YAML/,
  },
  {
    name: 'Lua health check with a syntax error',
    construct: 'ArgoCdSettings',
    run: () => new ArgoCdSettings(Testing.chart(), 's').addHealthCheck('example.com', 'Widget', 'hs = {}\nif obj.status then\nreturn hs'),
    path: 'test/s',
    value: 'return hs',
    fix: /fix the Lua syntax/,
  },
  {
    name: 'directory include with an unclosed brace',
    construct: 'ApplicationSource',
    run: () => ApplicationSource.directory({ repoUrl: GIT, path: 'x', include: '{*.yaml' }),
    value: '{*.yaml',
    fix: /braces closed/,
  },
  // 5. identifiers
  {
    name: "Helm chart ''",
    construct: 'ApplicationSource',
    run: () => ApplicationSource.helm({ repoUrl: CHARTS, chart: '', version: '1.0.0' }),
    value: '""',
    fix: /name the chart/,
  },
  {
    name: 'Helm chart name with a leading space',
    construct: 'ApplicationSource',
    run: () => ApplicationSource.helm({ repoUrl: CHARTS, chart: ' web', version: '1.0.0' }),
    value: '" web"',
    fix: /"web"/,
  },
  {
    name: 'a .git URL given to ApplicationSource.helm',
    construct: 'ApplicationSource',
    run: () => ApplicationSource.helm({ repoUrl: GIT, chart: 'web', version: '1.0.0' }),
    value: GIT,
    fix: /helmChart/,
  },
  {
    name: "Helm version 'latest'",
    construct: 'ApplicationSource',
    run: () => ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: 'latest' }),
    value: '"latest"',
    fix: /pin the version/,
  },
  {
    name: 'Helm parameter with an empty name',
    construct: 'ApplicationSource',
    run: () => ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.0.0', parameters: [{ name: '', value: 'x' }] }),
    value: '""',
    fix: /name the value/,
  },
  {
    name: 'absolute directory path',
    construct: 'ApplicationSource',
    run: () => ApplicationSource.directory({ repoUrl: GIT, path: '/etc' }),
    value: '/etc',
    fix: /relative to the repository root/,
  },
  {
    name: 'directory path climbing out of the repository',
    construct: 'ApplicationSource',
    run: () => ApplicationSource.directory({ repoUrl: GIT, path: 'apps/../../x' }),
    value: 'apps/../../x',
    fix: /relative to the repository root/,
  },
  {
    name: 'valuesObject holding a function',
    construct: 'ApplicationSource',
    run: () => ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.0.0', valuesObject: { image: { tag: () => '1' } } }),
    value: 'helm.valuesObject.image.tag',
    fix: /JSON data only/,
  },
  {
    name: 'valuesObject holding a BigInt',
    construct: 'ApplicationSource',
    run: () => ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.0.0', valuesObject: { replicas: BigInt(3) } }),
    value: '3n',
    fix: /BigInt as a string/,
  },
  // 6. collisions
  {
    name: 'two Applications with the same name',
    construct: 'Application',
    run: () => {
      const c = Testing.chart();
      new Application(c, 'a', { name: 'web', project: 'p', destination: Destination.inCluster('a'), source: src() });
      new Application(c, 'b', { name: 'web', project: 'p', destination: Destination.inCluster('b'), source: ApplicationSource.directory({ repoUrl: GIT, path: 'y' }) });
      Testing.synth(c);
    },
    path: 'test/b',
    value: '"web"',
    fix: /its own name/,
  },
  {
    name: 'Application built from an empty chart',
    construct: 'Application',
    run: () => {
      const { app: a, argocd } = gitopsApp();
      const empty = new Chart(a, 'payments');
      new Application(argocd, 'payments', { project: 'p', destination: Destination.inCluster('payments'), source: ApplicationSource.fromChart(empty) });
      a.synthFiles();
    },
    path: 'argocd/payments',
    value: '"payments"',
    fix: /add the chart's objects/,
  },
  // 7. plaintext secrets
  {
    name: 'a chart an Application deploys holds a Secret with data',
    construct: 'Application',
    run: () => {
      const { app: a, argocd } = gitopsApp();
      const web = new Chart(a, 'web', { namespace: 'web' });
      new ApiObject(web, 'secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 'hunter2' } });
      new Application(argocd, 'web', { project: 'p', destination: Destination.inCluster('web'), source: ApplicationSource.fromChart(web) });
      a.synthFiles();
    },
    path: 'argocd/web',
    value: '["password"]',
    fix: /ExternalSecret or SealedSecret/,
  },
  // also
  {
    name: 'syncWave NaN',
    construct: 'Application',
    run: app({ syncWave: NaN }),
    path: 'test/app',
    value: '(got NaN)',
    fix: /whole number/,
  },
  {
    name: 'merge generator on a key no child produces',
    construct: 'Generator',
    run: () => Generator.merge({
      mergeKeys: ['cluster'],
      generators: [Generator.list({ elements: [{ env: 'dev' }] }), Generator.list({ elements: [{ env: 'dev', size: 'l' }] })],
    }),
    value: '"cluster"',
    fix: /a parameter the generators produce/,
  },
  {
    name: "progressive syncs flag set to 'yes'",
    construct: 'ArgoCdSettings',
    run: () => new ArgoCdSettings(Testing.chart(), 's').addCmdParam('applicationsetcontroller.enable.progressive.syncs', 'yes'),
    path: 'test/s',
    value: '"yes"',
    fix: /"true" or "false"/,
  },
  {
    name: 'ApplicationSet template with a plain source object',
    construct: 'ApplicationSet',
    run: () => new ApplicationSet(Testing.chart(), 'envs', {
      generators: [Generator.list({ elements: [{ env: 'dev' }] })],
      template: { name: '{{.env}}', project: 'p', destination: Destination.inCluster('{{.env}}'), source: { repoURL: GIT, path: 'x' } as any },
    }),
    path: 'test/envs',
    value: 'repoURL',
    fix: /ApplicationSource\./,
  },
  {
    name: 'deletionCascade as a string in an ApplicationSet template',
    construct: 'ApplicationSet',
    run: () => new ApplicationSet(Testing.chart(), 'envs', {
      generators: [Generator.list({ elements: [{ env: 'dev' }] })],
      template: { name: '{{.env}}', project: 'p', destination: Destination.inCluster('{{.env}}'), source: src(), deletionCascade: 'foreground' as DeletionCascade },
    }),
    path: 'test/envs',
    value: '"foreground"',
    fix: /DeletionCascade\./,
  },
  {
    name: 'addSyncOption with a string',
    construct: 'Application',
    run: () => {
      const a = new Application(Testing.chart(), 'app', { project: 'p', destination: dest(), source: src() });
      a.addSyncOption('PruneLast=true' as unknown as SyncOption);
    },
    path: 'test/app',
    value: 'PruneLast=true',
    fix: /SyncOption\./,
  },
];
