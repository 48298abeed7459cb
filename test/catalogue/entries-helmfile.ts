import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { CatalogueEntry } from './entry';
import {
  ArgoCdSettings, GitOpsApp, GitOpsChart, Helmfile, HelmfileMigration, HelmfileMigrationProps, TieredApplicationSet,
} from '../../src';

const GITOPS = 'https://git.example.com/platform/gitops.git';
const VALUES = 'https://git.example.com/platform/helmfiles.git';
const REPOS = 'repositories:\n  - name: jetstack\n    url: https://charts.jetstack.io\n';

/** Writes files (path → text) into a fresh folder and returns it. */
function repo(files: { [file: string]: string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cat-helmfile-'));
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

/** A values repository with `helmfile.yaml` (its releases) and a local chart `./c`. */
const oneHelmfile = (releases: string) => repo({ 'helmfile.yaml': `releases:\n${releases}`, 'c/Chart.yaml': 'name: c\n' });

/** Reads `helmfile.yaml` from `dir`. */
const read = (dir: string, file = 'helmfile.yaml') => Helmfile.fromFile(path.join(dir, file), { repoDir: dir });

/** Reads a Helmfile from text, as `helmfile.yaml`. */
const fromYaml = (text: string) => () => Helmfile.fromYaml(text);

/**
 * Migrates the Helmfiles `files` of a fresh values repository with the HelmfileMigration `migration` (without an
 * ApplicationSet); their entries have tier `apps`, or none with `tier: null`.
 */
function migrate(files: { [file: string]: string }, extra: Partial<HelmfileMigrationProps> = {}, tier: string | null = 'apps'): () => void {
  return () => {
    const dir = repo({ 'c/Chart.yaml': 'name: c\n', ...files });
    const app = new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cat-helmfile-out-')), repoUrl: GITOPS, targetRevision: 'main' });
    new HelmfileMigration(app, 'migration', {
      project: 'platform',
      valuesRepository: { repoUrl: VALUES, targetRevision: 'main' },
      helmfiles: Object.keys(files).filter(f => f.endsWith('.yaml')).map(f => ({ helmfile: read(dir, f), tier: tier ?? undefined })),
      ...extra,
    });
    app.synthFiles();
  };
}

/** Helmfile reader, HelmfileMigration and HelmfileMigrationComponent. */
export const HELMFILE_ENTRIES: CatalogueEntry[] = [
  // ---- reading Helmfiles
  {
    name: 'templated Helmfile ({{ }})',
    construct: 'Helmfile',
    run: () => read(repo({
      'helmfiles/apps.yaml': `${REPOS}releases:\n  - name: web\n    namespace: web\n    chart: jetstack/cert-manager\n    version: v1.16.2\n`
        + '    values:\n      - values/{{ .Environment.Name }}/web.yaml\n',
    }), 'helmfiles/apps.yaml'),
    path: 'helmfiles/apps.yaml:10',
    value: '"- values/{{ .Environment.Name }}/web.yaml"',
    fix: /render it first \(helmfile -f helmfiles\/apps.yaml -e <env> build/,
  },
  {
    name: 'Helmfile with a {{ if }} block around releases',
    construct: 'Helmfile',
    run: fromYaml('releases:\n{{ if eq .Environment.Name "prod" }}\n  - name: web\n    chart: ./c\n{{ end }}\n'),
    path: 'helmfile.yaml:2',
    value: '(got "{{ if eq .Environment.Name \\"prod\\" }}")',
    fix: /replace the template expression with its value/,
  },
  {
    name: 'Helmfile that is not valid YAML',
    construct: 'Helmfile',
    run: fromYaml('releases:\n  - name: web\n   namespace: web\n'),
    path: 'helmfile.yaml:3',
    value: '(got "namespace: web")',
    fix: /fix the YAML syntax/,
  },
  {
    name: 'release without a chart',
    construct: 'Helmfile',
    run: fromYaml('releases:\n  - name: web\n    namespace: web\n'),
    path: 'helmfile.yaml:2',
    value: 'release web/web needs a chart',
    fix: /add chart: <repo>\/<chart>/,
  },
  {
    name: 'release without a name',
    construct: 'Helmfile',
    run: fromYaml('releases:\n  - namespace: web\n    chart: ./c\n'),
    path: 'helmfile.yaml:2',
    value: 'a release needs a name',
    fix: /add name: <release>/,
  },
  {
    name: 'chart from a repository not declared in repositories:',
    construct: 'Helmfile',
    run: fromYaml('releases:\n  - name: web\n    namespace: web\n    chart: bitnami/nginx\n    version: 18.2.0\n'),
    path: 'helmfile.yaml:4',
    value: '"chart":"bitnami/nginx"',
    fix: /add repositories: \[\{ name: bitnami/,
  },
  {
    name: 'misspelled release key',
    construct: 'Helmfile',
    run: fromYaml('releases:\n  - name: web\n    namespace: web\n    chart: ./c\n    valuse: [web.yaml]\n'),
    path: 'helmfile.yaml:5',
    value: '(got ["valuse"])',
    fix: /correct the spelling/,
  },
  {
    name: 'unknown top-level Helmfile key',
    construct: 'Helmfile',
    run: fromYaml(`${REPOS}release:\n  - name: web\n`),
    path: 'helmfile.yaml:4',
    value: '(got "release")',
    fix: /use one of repositories, releases/,
  },
  {
    name: 'pre-0.x charts: instead of releases:',
    construct: 'Helmfile',
    run: fromYaml('charts:\n  - name: web\n    chart: ./c\n'),
    path: 'helmfile.yaml:1',
    value: '(got "charts")',
    fix: /rename it to releases:/,
  },
  {
    name: 'release declared twice in one Helmfile',
    construct: 'Helmfile',
    run: fromYaml('releases:\n  - { name: web, namespace: web, chart: ./c }\n  - { name: web, namespace: web, chart: ./c }\n'),
    path: 'helmfile.yaml:3',
    value: '(got "web/web")',
    fix: /remove one, or give them different names or namespaces/,
  },
  {
    name: 'value file of a release that does not exist',
    construct: 'Helmfile',
    run: () => read(oneHelmfile('  - name: web\n    namespace: web\n    chart: ./c\n    values:\n      - values/web.yaml\n')),
    path: 'helmfile.yaml:6',
    value: '(got "values/web.yaml")',
    fix: /missingFileHandler: Warn/,
  },
  {
    name: 'value file outside the values repository',
    construct: 'Helmfile',
    run: () => {
      const dir = repo({ 'hf/helmfile.yaml': 'releases:\n  - { name: web, namespace: web, chart: ./c, values: [../../shared/web.yaml] }\n' });
      return Helmfile.fromYaml(fs.readFileSync(path.join(dir, 'hf/helmfile.yaml'), 'utf8'), { filePath: path.join(dir, 'hf/helmfile.yaml'), repoDir: dir });
    },
    path: 'hf/helmfile.yaml:2',
    value: '(got "../../shared/web.yaml")',
    fix: /repoDir that contains it/,
  },
  {
    name: 'local chart folder that does not exist',
    construct: 'Helmfile',
    run: () => read(oneHelmfile('  - name: web\n    namespace: web\n    chart: ./charts/web\n')),
    path: 'helmfile.yaml:4',
    value: '(got "./charts/web")',
    fix: /declare the repository it comes from/,
  },
  {
    name: 'environment the Helmfile does not define',
    construct: 'Helmfile',
    run: () => {
      const dir = oneHelmfile('  - { name: web, namespace: web, chart: ./c }\n');
      fs.writeFileSync(path.join(dir, 'helmfile.yaml'), 'environments:\n  default: {}\n  production: {}\n---\n' + fs.readFileSync(path.join(dir, 'helmfile.yaml'), 'utf8'));
      return Helmfile.fromFile(path.join(dir, 'helmfile.yaml'), { environment: 'prod' });
    },
    path: 'helmfile.yaml',
    value: '(got ["default","production"])',
    fix: /add environments: \{ prod: \{\} \}/,
  },
  {
    name: 'condition that is not a boolean in the environment values',
    construct: 'Helmfile',
    run: fromYaml('values: [{ web: { enabled: "yes" } }]\nreleases:\n  - { name: web, namespace: web, chart: ./c, condition: web.enabled }\n'),
    path: 'helmfile.yaml:3',
    value: '(got "yes")',
    fix: /set web.enabled: true or false/,
  },
  {
    name: 'inherit from a template that does not exist',
    construct: 'Helmfile',
    run: fromYaml('templates:\n  default: { namespace: web }\nreleases:\n  - name: web\n    chart: ./c\n    inherit: [{ template: defaults }]\n'),
    path: 'helmfile.yaml:6',
    value: '(got "defaults")',
    fix: /use one of the templates \["default"\]/,
  },
  {
    name: 'remote (git::) base',
    construct: 'Helmfile',
    run: fromYaml('bases:\n  - git::https://git.example.com/platform/helmfiles.git@common.yaml?ref=main\n'),
    path: 'helmfile.yaml:2',
    value: '(got "git::https://git.example.com/platform/helmfiles.git@common.yaml?ref=main")',
    fix: /vendor the base into the repository/,
  },
  {
    name: 'base that has bases of its own',
    construct: 'Helmfile',
    run: () => read(repo({ 'helmfile.yaml': 'bases: [common.yaml]\n', 'common.yaml': 'bases: [defaults.yaml]\n', 'defaults.yaml': 'releases: []\n' })),
    path: 'common.yaml:1',
    value: '(got ["defaults.yaml"])',
    fix: /list every base in the top Helmfile/,
  },
  {
    name: 'sub-helmfile that does not exist',
    construct: 'Helmfile',
    run: () => Helmfile.fromFileTree(path.join(repo({ 'helmfile.yaml': 'helmfiles:\n  - helmfiles/infra.yaml\n' }), 'helmfile.yaml')),
    path: 'helmfile.yaml:2',
    value: '(got "helmfiles/infra.yaml")',
    fix: /relative to the Helmfile that lists it/,
  },
  {
    name: 'label selector without = (helmfile -l tier)',
    construct: 'Helmfile',
    run: () => Helmfile.fromFile(path.join(oneHelmfile('  - { name: web, namespace: web, chart: ./c }\n'), 'helmfile.yaml'), { selectors: ['tier'] }),
    path: 'helmfile.yaml',
    value: '(got "tier")',
    fix: /tier=infra,name!=legacy/,
  },
  // ---- migrating Helmfiles
  {
    name: 'needs cycle between releases',
    construct: 'HelmfileMigration',
    run: migrate({
      'helmfile.yaml': 'releases:\n  - { name: a, namespace: x, chart: ./c, needs: [x/c] }\n'
        + '  - { name: b, namespace: x, chart: ./c, needs: [x/a] }\n  - { name: c, namespace: x, chart: ./c, needs: [x/b] }\n',
    }),
    path: 'helmfile.yaml:2',
    value: '["x/a","x/c","x/b","x/a"]',
    fix: /remove one of these needs/,
  },
  {
    name: 'needs a release no Helmfile declares',
    construct: 'HelmfileMigration',
    run: migrate({ 'helmfile.yaml': 'releases:\n  - { name: api, namespace: shop, chart: ./c, needs: [shop/postgres] }\n' }),
    path: 'helmfile.yaml:2',
    value: '(got "shop/postgres")',
    fix: /add the Helmfile that declares it to the migration/,
  },
  {
    name: 'needs a release without its namespace',
    construct: 'HelmfileMigration',
    run: migrate({ 'helmfile.yaml': 'releases:\n  - { name: db, namespace: data, chart: ./c }\n  - { name: api, namespace: shop, chart: ./c, needs: [db] }\n' }),
    path: 'helmfile.yaml:3',
    value: '(got "shop/db")',
    fix: /write the namespace of the release it means: data\/db/,
  },
  {
    name: 'needs a release in a later tier',
    construct: 'HelmfileMigration',
    run: migrate({
      'helmfile.yaml': 'releases:\n  - { name: operator, namespace: x, chart: ./c, labels: { tier: infra }, needs: [x/webhook] }\n'
        + '  - { name: webhook, namespace: x, chart: ./c, labels: { tier: apps } }\n',
    }, { tierLabel: 'tier', tiers: ['infra', 'apps'] }, null),
    path: 'helmfile.yaml:2',
    value: '{"x/operator":"infra","x/webhook":"apps"}',
    fix: /move x\/webhook to tier infra or an earlier one/,
  },
  {
    name: 'explicit wave not after a needed release',
    construct: 'HelmfileMigration',
    run: migrate({ 'helmfile.yaml': 'releases:\n  - { name: db, namespace: x, chart: ./c }\n  - { name: api, namespace: x, chart: ./c, needs: [db] }\n' },
      { releases: { 'x/api': { wave: 0 } } }),
    path: 'helmfile.yaml:3',
    value: '{"x/api":0,"x/db":0}',
    fix: /give x\/api a wave above 0/,
  },
  {
    name: 'repository chart without a version',
    construct: 'HelmfileMigrationComponent',
    run: migrate({ 'helmfile.yaml': `${REPOS}releases:\n  - name: cert-manager\n    namespace: cert-manager\n    chart: jetstack/cert-manager\n` }),
    path: 'migration/applications/cert-manager--cert-manager',
    value: '(got "jetstack/cert-manager")',
    fix: /pin it in the Helmfile \(version: '1.2.3'\)/,
  },
  {
    name: 'release without a namespace',
    construct: 'HelmfileMigrationComponent',
    run: migrate({ 'helmfile.yaml': 'releases:\n  - { name: web, chart: ./c }\n' }),
    path: 'migration/applications/web',
    value: '(got "web")',
    fix: /add namespace: to the release/,
  },
  {
    name: 'release in two Helmfiles',
    construct: 'HelmfileMigration',
    run: migrate({ 'a.yaml': 'releases:\n  - { name: web, namespace: web, chart: ./c }\n', 'b.yaml': '\nreleases:\n  - { name: web, namespace: web, chart: ./c }\n' }),
    path: 'b.yaml:3',
    value: '(got "web/web")',
    fix: /keep it in one Helmfile/,
  },
  {
    name: 'two releases that become the same component name',
    construct: 'HelmfileMigration',
    run: migrate({ 'helmfile.yaml': 'releases:\n  - { name: redis, namespace: orders, chart: ./c }\n  - { name: redis, namespace: carts, chart: ./c }\n' }),
    path: 'helmfile.yaml:3',
    value: '(got "redis")',
    fix: /releases: \{ 'carts\/redis': \{ name: 'carts-redis' \} \}/,
  },
  {
    name: 'release without a tier',
    construct: 'HelmfileMigration',
    run: migrate({ 'helmfile.yaml': 'releases:\n  - { name: web, namespace: web, chart: ./c }\n' }, { tierLabel: 'tier' }, null),
    path: 'helmfile.yaml:2',
    value: 'release web/web has no tier (got {})',
    fix: /add the label tier: <tier> to the release/,
  },
  {
    name: 'tier label value that is not a DNS-1123 label',
    construct: 'HelmfileMigration',
    run: migrate({ 'helmfile.yaml': 'releases:\n  - { name: web, namespace: web, chart: ./c, labels: { tier: Frontend } }\n' }, { tierLabel: 'tier' }, null),
    path: 'helmfile.yaml:2',
    value: '(got "Frontend")',
    fix: /map it with tierLabelValues/,
  },
  {
    name: 'release options for a release no Helmfile declares',
    construct: 'HelmfileMigration',
    run: migrate({ 'helmfile.yaml': 'releases:\n  - { name: web, namespace: web, chart: ./c }\n' }, { releases: { 'web/api': { wave: 1 } } }),
    path: 'migration',
    value: '(got "web/api")',
    fix: /use namespace\/name, one of \["web\/web"\]/,
  },
  {
    name: 'unknown placeholder in environmentValueFiles',
    construct: 'HelmfileMigration',
    run: migrate({ 'helmfile.yaml': 'releases:\n  - { name: web, namespace: web, chart: ./c }\n' }, { environmentValueFiles: ['values/{env}/{release}.yaml'] }),
    path: 'migration',
    value: '(got "values/{env}/{release}.yaml")',
    fix: /use \{environment\}, \{release\}/,
  },
  {
    name: 'migration tiers in another order than the TieredApplicationSet',
    construct: 'HelmfileMigration',
    run: () => {
      const dir = oneHelmfile('  - { name: web, namespace: web, chart: ./c }\n');
      const app = new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cat-helmfile-out-')), repoUrl: GITOPS, targetRevision: 'main' });
      const argocd = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
      new ArgoCdSettings(argocd, 'settings', { progressiveSyncs: true });
      const set = new TieredApplicationSet(argocd, 'platform', { tiers: [{ name: 'infra' }, { name: 'apps' }] });
      new HelmfileMigration(app, 'migration', {
        project: 'platform', valuesRepository: { repoUrl: VALUES }, helmfiles: [{ helmfile: read(dir), tier: 'apps' }], applicationSet: set, tiers: ['apps', 'infra'],
      });
    },
    path: 'migration',
    value: '{"tiers":["apps","infra"],"applicationSet":["infra","apps"]}',
    fix: /keep the applicationSet's order/,
  },
  {
    name: 'HelmfileMigration in a plain cdk8s App',
    construct: 'HelmfileMigration',
    run: () => new HelmfileMigration(new App(), 'migration', {
      project: 'platform', valuesRepository: { repoUrl: VALUES }, helmfiles: [{ helmfile: read(oneHelmfile('  - { name: web, namespace: web, chart: ./c }\n')), tier: 'apps' }],
    }),
    path: 'migration',
    value: '(got "App")',
    fix: /new GitOpsApp/,
  },
];
