import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { ExampleContext, RuleExampleEntry } from './example';
import {
  ArgoCdSettings, GitOpsChart, Helmfile, HelmfileMigration, HelmfileMigrationComponent, HelmfileMigrationProps,
  HelmfileReadOptions, TieredApplicationSet, ValuesMode,
} from '../../src';

/** YAML written indented in the code: the tag removes the first line break and the common indentation. */
function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((s, part, i) => s + part + (i < values.length ? String(values[i]) : ''), '').replace(/^\n/, '');
  const indent = Math.min(...text.split('\n').filter(l => l.trim()).map(l => /^ */.exec(l)![0].length));
  return text.split('\n').map(l => l.slice(indent)).join('\n').trimEnd() + '\n';
}

/** Writes the files (path → text) into a fresh folder, the values repository, and returns it. */
function repo(x: ExampleContext, files: { [file: string]: string }): string {
  const dir = x.tmpdir();
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** Reads `helmfile.yaml` of the values repository `dir`. */
const read = (dir: string, options: HelmfileReadOptions = {}) => Helmfile.fromFile(path.join(dir, 'helmfile.yaml'), { repoDir: dir, ...options });

/** The git repository with the Helmfiles and their value files (what Argo CD reads the values from). */
const valuesRepository = { repoUrl: 'https://git.example.com/platform/helmfiles.git', targetRevision: 'main' };

/** Migrates the Helmfiles (their releases in tier `apps`, one Application each in `apps/migration/`). */
const migrate = (x: ExampleContext, helmfiles: Helmfile[], props: Partial<HelmfileMigrationProps> = {}) =>
  new HelmfileMigration(x.app, 'migration', {
    project: 'platform',
    valuesRepository,
    helmfiles: helmfiles.map(helmfile => ({ helmfile, tier: 'apps' })),
    ...props,
  });

/** A Helmfile with one release, cert-manager/cert-manager, of a chart from the jetstack repository. */
const CERT_MANAGER = yaml`
  repositories:
    - name: jetstack
      url: https://charts.jetstack.io
  releases:
    - name: cert-manager
      namespace: cert-manager
      chart: jetstack/cert-manager
      version: v1.16.2
`;

/** The same release with a value file. */
const CERT_MANAGER_WITH_VALUES = CERT_MANAGER + '    values: [values/cert-manager.yaml]\n';

/** Helmfile migration (HELM-*): HelmfileMigration and its components. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'HELM-001',
    nonCompliant: () => {
      const app = new App();
      new HelmfileMigration(app, 'migration', {
        project: 'platform', valuesRepository, helmfiles: [{ helmfile: Helmfile.fromYaml(CERT_MANAGER), tier: 'apps' }],
      });
      return app;
    },
    compliant: x => new HelmfileMigration(x.app, 'migration', {
      project: 'platform', valuesRepository, helmfiles: [{ helmfile: Helmfile.fromYaml(CERT_MANAGER), tier: 'apps' }],
    }),
  },
  {
    rule: 'HELM-002',
    nonCompliant: x => migrate(x, []),
    compliant: x => migrate(x, [Helmfile.fromYaml(CERT_MANAGER)]),
  },
  {
    rule: 'HELM-003',
    nonCompliant: x => migrate(x, [{ path: 'helmfile.yaml', releases: [] } as any]),
    compliant: x => migrate(x, [Helmfile.fromYaml(CERT_MANAGER)]),
  },
  {
    rule: 'HELM-004',
    nonCompliant: x => migrate(x, [
      Helmfile.fromYaml(CERT_MANAGER, { filePath: 'helmfiles/infra.yaml' }),
      Helmfile.fromYaml(CERT_MANAGER, { filePath: 'helmfiles/security.yaml' }),
    ]),
    compliant: x => migrate(x, [
      Helmfile.fromYaml(CERT_MANAGER, { filePath: 'helmfiles/infra.yaml' }),
      Helmfile.fromYaml('releases: []\n', { filePath: 'helmfiles/security.yaml' }),
    ]),
  },
  {
    rule: 'HELM-005',
    nonCompliant: x => migrate(x, [Helmfile.fromYaml(CERT_MANAGER)], { releases: { 'cert-manager/cert-manger': { wave: 1 } } }),
    compliant: x => migrate(x, [Helmfile.fromYaml(CERT_MANAGER)], { releases: { 'cert-manager/cert-manager': { wave: 1 } } }),
  },
  {
    rule: 'HELM-006',
    nonCompliant: x => migrate(x, [Helmfile.fromYaml(CERT_MANAGER)], {
      releases: { 'cert-manager/cert-manager': { wave: 1 }, 'cert-manager': { skipCrds: true } },
    }),
    compliant: x => migrate(x, [Helmfile.fromYaml(CERT_MANAGER)], {
      releases: { 'cert-manager/cert-manager': { wave: 1, skipCrds: true } },
    }),
  },
  {
    rule: 'HELM-007',
    nonCompliant: x => migrate(x, [], { tierLabel: 'tier', helmfiles: [{ helmfile: Helmfile.fromYaml(CERT_MANAGER) }] }),
    compliant: x => migrate(x, [], { tierLabel: 'tier', helmfiles: [{ helmfile: Helmfile.fromYaml(CERT_MANAGER), tier: 'infra' }] }),
  },
  {
    rule: 'HELM-008',
    nonCompliant: x => migrate(x, [Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, labels: { tier: Frontend } }
    `)], { tierLabel: 'tier' }),
    compliant: x => migrate(x, [Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, labels: { tier: Frontend } }
    `)], { tierLabel: 'tier', tierLabelValues: { Frontend: 'frontend' } }),
  },
  {
    rule: 'HELM-009',
    nonCompliant: x => {
      new ArgoCdSettings(x.chart, 'settings', { progressiveSyncs: true });
      const applicationSet = new TieredApplicationSet(x.chart, 'platform', { tiers: [{ name: 'infra' }, { name: 'apps' }] });
      migrate(x, [Helmfile.fromYaml(CERT_MANAGER)], { applicationSet, tiers: ['apps', 'infra'] });
    },
    compliant: x => {
      new ArgoCdSettings(x.chart, 'settings', { progressiveSyncs: true });
      const applicationSet = new TieredApplicationSet(x.chart, 'platform', { tiers: [{ name: 'infra' }, { name: 'apps' }] });
      migrate(x, [Helmfile.fromYaml(CERT_MANAGER)], { applicationSet, tiers: ['infra', 'apps'] });
    },
  },
  {
    rule: 'HELM-010',
    nonCompliant: x => migrate(x, [Helmfile.fromYaml(yaml`
      releases:
        - { name: redis, namespace: orders, chart: ./charts/redis }
        - { name: redis, namespace: carts, chart: ./charts/redis }
    `)]),
    compliant: x => migrate(x, [Helmfile.fromYaml(yaml`
      releases:
        - { name: redis, namespace: orders, chart: ./charts/redis }
        - { name: redis, namespace: carts, chart: ./charts/redis }
    `)], { releases: { 'carts/redis': { name: 'carts-redis' } } }),
  },
  {
    rule: 'HELM-011',
    nonCompliant: x => migrate(x, [Helmfile.fromYaml(CERT_MANAGER)], { environmentValueFiles: ['values/{env}/{release}.yaml'] }),
    compliant: x => migrate(x, [Helmfile.fromYaml(CERT_MANAGER)], { environmentValueFiles: ['values/{environment}/{release}.yaml'] }),
  },
  {
    rule: 'HELM-012',
    nonCompliant: x => migrate(x, [Helmfile.fromYaml('releases:\n  - { name: web, chart: ./charts/web }\n')], {
      environmentValueFiles: ['values/{namespace}/{release}.yaml'],
    }),
    compliant: x => migrate(x, [Helmfile.fromYaml('releases:\n  - { name: web, namespace: web, chart: ./charts/web }\n')], {
      environmentValueFiles: ['values/{namespace}/{release}.yaml'],
    }),
  },
  // ---- reading Helmfiles
  {
    rule: 'HELM-013',
    nonCompliant: x => read(repo(x, { 'helmfile.yml': CERT_MANAGER })),
    compliant: x => read(repo(x, { 'helmfile.yaml': CERT_MANAGER })),
  },
  {
    rule: 'HELM-014',
    nonCompliant: x => Helmfile.fromFileTree(path.join(repo(x, {
      'helmfile.yaml': 'helmfiles:\n  - helmfiles/*.yaml\n  - helmfiles/infra.yaml\n',
      'helmfiles/infra.yaml': CERT_MANAGER,
    }), 'helmfile.yaml')),
    compliant: x => Helmfile.fromFileTree(path.join(repo(x, {
      'helmfile.yaml': 'helmfiles:\n  - helmfiles/*.yaml\n',
      'helmfiles/infra.yaml': CERT_MANAGER,
    }), 'helmfile.yaml')),
  },
  {
    rule: 'HELM-015',
    nonCompliant: x => Helmfile.fromFileTree(path.join(repo(x, {
      'helmfile.yaml': 'helmfiles:\n  - infra.yaml\n',
      'helmfiles/infra.yaml': CERT_MANAGER,
    }), 'helmfile.yaml')),
    compliant: x => Helmfile.fromFileTree(path.join(repo(x, {
      'helmfile.yaml': 'helmfiles:\n  - helmfiles/infra.yaml\n',
      'helmfiles/infra.yaml': CERT_MANAGER,
    }), 'helmfile.yaml')),
  },
  {
    rule: 'HELM-016',
    nonCompliant: x => read(repo(x, { 'helmfile.yaml': 'bases: common.yaml\n', 'common.yaml': CERT_MANAGER })),
    compliant: x => read(repo(x, { 'helmfile.yaml': 'bases: [common.yaml]\n', 'common.yaml': CERT_MANAGER })),
  },
  {
    rule: 'HELM-017',
    nonCompliant: x => read(repo(x, {
      'helmfile.yaml': 'bases:\n  - git::https://git.example.com/platform/helmfiles.git@common.yaml?ref=main\n',
    })),
    compliant: x => read(repo(x, { 'helmfile.yaml': 'bases:\n  - common.yaml\n', 'common.yaml': CERT_MANAGER })),
  },
  {
    rule: 'HELM-018',
    nonCompliant: x => read(repo(x, { 'helmfile.yaml': 'bases: [common.yaml]\n', 'bases/common.yaml': CERT_MANAGER })),
    compliant: x => read(repo(x, { 'helmfile.yaml': 'bases: [bases/common.yaml]\n', 'bases/common.yaml': CERT_MANAGER })),
  },
  {
    rule: 'HELM-019',
    nonCompliant: x => read(repo(x, {
      'helmfile.yaml': 'bases: [common.yaml]\n',
      'common.yaml': 'bases: [repositories.yaml]\n',
      'repositories.yaml': 'repositories:\n  - { name: jetstack, url: https://charts.jetstack.io }\n',
    })),
    compliant: x => read(repo(x, {
      'helmfile.yaml': 'bases: [repositories.yaml, common.yaml]\n',
      'common.yaml': 'helmDefaults: { createNamespace: true }\n',
      'repositories.yaml': 'repositories:\n  - { name: jetstack, url: https://charts.jetstack.io }\n',
    })),
  },
  {
    rule: 'HELM-020',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      charts:
        - { name: web, namespace: web, chart: ./charts/web }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web }
    `),
  },
  {
    rule: 'HELM-021',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      release:
        - { name: web, namespace: web, chart: ./charts/web }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web }
    `),
  },
  {
    rule: 'HELM-022',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      helmDefaults:
        - createNamespace: false
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      helmDefaults:
        createNamespace: false
    `),
  },
  {
    rule: 'HELM-023',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        name: web
        namespace: web
        chart: ./charts/web
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - name: web
          namespace: web
          chart: ./charts/web
    `),
  },
  {
    rule: 'HELM-024',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      repositories:
        - jetstack: https://charts.jetstack.io
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      repositories:
        - name: jetstack
          url: https://charts.jetstack.io
    `),
  },
  {
    rule: 'HELM-025',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      environments:
        production: [values/production.yaml]
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      environments:
        production:
          values: [values/production.yaml]
    `),
  },
  {
    rule: 'HELM-026',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      environments:
        default: {}
        production: {}
    `, { environment: 'prod' }),
    compliant: () => Helmfile.fromYaml(yaml`
      environments:
        default: {}
        production: {}
    `, { environment: 'production' }),
  },
  {
    rule: 'HELM-027',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      helmfiles:
        - selectors: [tier=infra]
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      helmfiles:
        - path: helmfiles/infra.yaml
          selectors: [tier=infra]
    `),
  },
  {
    rule: 'HELM-028',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      helmfiles:
        - path: git::https://git.example.com/platform/helmfiles.git@infra.yaml?ref=main
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      helmfiles:
        - path: helmfiles/infra.yaml
    `),
  },
  {
    rule: 'HELM-029',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web }
        - { name: web, namespace: web, chart: ./charts/web, version: 1.2.0 }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web }
        - { name: web, namespace: web-canary, chart: ./charts/web, version: 1.2.0 }
    `),
  },
  // value files read at synth (ValuesMode.INLINE)
  {
    rule: 'HELM-030',
    nonCompliant: x => migrate(x, [read(repo(x, {
      'helmfile.yaml': CERT_MANAGER_WITH_VALUES,
      'values/cert-manager.yaml': 'replicaCount: {{ .Values.replicas }}\n',
    }))], { valuesMode: ValuesMode.INLINE }),
    compliant: x => migrate(x, [read(repo(x, {
      'helmfile.yaml': CERT_MANAGER_WITH_VALUES,
      'values/cert-manager.yaml': 'replicaCount: 2\n',
    }))], { valuesMode: ValuesMode.INLINE }),
  },
  {
    rule: 'HELM-031',
    nonCompliant: x => migrate(x, [read(repo(x, {
      'helmfile.yaml': CERT_MANAGER_WITH_VALUES,
      'values/cert-manager.yaml': 'replicaCount: 2\nimage: { tag: v1.16.2\n',
    }))], { valuesMode: ValuesMode.INLINE }),
    compliant: x => migrate(x, [read(repo(x, {
      'helmfile.yaml': CERT_MANAGER_WITH_VALUES,
      'values/cert-manager.yaml': 'replicaCount: 2\nimage: { tag: v1.16.2 }\n',
    }))], { valuesMode: ValuesMode.INLINE }),
  },
  {
    rule: 'HELM-032',
    nonCompliant: x => migrate(x, [read(repo(x, {
      'helmfile.yaml': CERT_MANAGER_WITH_VALUES,
      'values/cert-manager.yaml': '- replicaCount: 2\n',
    }))], { valuesMode: ValuesMode.INLINE }),
    compliant: x => migrate(x, [read(repo(x, {
      'helmfile.yaml': CERT_MANAGER_WITH_VALUES,
      'values/cert-manager.yaml': 'replicaCount: 2\n',
    }))], { valuesMode: ValuesMode.INLINE }),
  },
  {
    rule: 'HELM-033',
    nonCompliant: x => {
      const dir = x.tmpdir();
      return Helmfile.fromYaml(yaml`
        releases:
          - { name: web, namespace: web, chart: ./charts/web, values: [../shared/web.yaml] }
      `, { filePath: path.join(dir, 'apps/helmfile.yaml'), repoDir: path.join(dir, 'apps') });
    },
    compliant: x => {
      const dir = x.tmpdir();
      return Helmfile.fromYaml(yaml`
        releases:
          - { name: web, namespace: web, chart: ./charts/web, values: [../shared/web.yaml] }
      `, { filePath: path.join(dir, 'apps/helmfile.yaml'), repoDir: dir });
    },
  },
  // ---- releases
  {
    rule: 'HELM-034',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - web
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web }
    `),
  },
  {
    rule: 'HELM-035',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      templates:
        default: { namespace: web }
      releases:
        - { name: web, chart: ./charts/web, inherit: [{ template: defaults }] }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      templates:
        default: { namespace: web }
      releases:
        - { name: web, chart: ./charts/web, inherit: [{ template: default }] }
    `),
  },
  {
    rule: 'HELM-036',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, valuse: [values/web.yaml] }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, values: [values/web.yaml] }
    `),
  },
  {
    rule: 'HELM-037',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { namespace: web, chart: ./charts/web }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web }
    `),
  },
  {
    rule: 'HELM-038',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web }
    `),
  },
  {
    rule: 'HELM-039',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, version: [1.2.3] }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, version: '1.2.3' }
    `),
  },
  {
    rule: 'HELM-040',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, values: values/web.yaml }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, values: [values/web.yaml] }
    `),
  },
  {
    rule: 'HELM-041',
    nonCompliant: x => read(repo(x, { 'helmfile.yaml': CERT_MANAGER_WITH_VALUES })),
    compliant: x => read(repo(x, {
      'helmfile.yaml': CERT_MANAGER_WITH_VALUES,
      'values/cert-manager.yaml': 'replicaCount: 2\n',
    })),
  },
  {
    rule: 'HELM-042',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, values: [[values/web.yaml]] }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, values: [values/web.yaml] }
    `),
  },
  {
    rule: 'HELM-043',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, set: { image.tag: '1.2' } }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, set: [{ name: image.tag, value: '1.2' }] }
    `),
  },
  {
    rule: 'HELM-044',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, set: [{ image.tag: '1.2' }] }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, set: [{ name: image.tag, value: '1.2' }] }
    `),
  },
  {
    rule: 'HELM-045',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, labels: [tier=apps] }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, labels: { tier: apps } }
    `),
  },
  {
    rule: 'HELM-046',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, installed: 'no' }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, installed: false }
    `),
  },
  {
    rule: 'HELM-047',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      values:
        - web: { enabled: 'yes' }
      releases:
        - { name: web, namespace: web, chart: ./charts/web, condition: web.enabled }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      values:
        - web: { enabled: true }
      releases:
        - { name: web, namespace: web, chart: ./charts/web, condition: web.enabled }
    `),
  },
  {
    rule: 'HELM-048',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: db, namespace: web, chart: ./charts/db }
        - { name: web, namespace: web, chart: ./charts/web, needs: web/db }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: db, namespace: web, chart: ./charts/db }
        - { name: web, namespace: web, chart: ./charts/web, needs: [web/db] }
    `),
  },
  {
    rule: 'HELM-049',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: db, namespace: web, chart: ./charts/db }
        - { name: web, namespace: web, chart: ./charts/web, needs: [{ release: db }] }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: db, namespace: web, chart: ./charts/db }
        - { name: web, namespace: web, chart: ./charts/web, needs: [web/db] }
    `),
  },
  {
    rule: 'HELM-050',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, createNamespace: 'yes' }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: ./charts/web, createNamespace: true }
    `),
  },
  {
    rule: 'HELM-051',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: 'oci://ghcr.io', version: 1.2.3 }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: 'oci://ghcr.io/example/charts/web', version: 1.2.3 }
    `),
  },
  {
    rule: 'HELM-052',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: web, namespace: web, chart: 'git::https://git.example.com/charts.git@web?ref=v1.2.3' }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      repositories:
        - { name: example, url: https://charts.example.com }
      releases:
        - { name: web, namespace: web, chart: example/web, version: 1.2.3 }
    `),
  },
  {
    rule: 'HELM-053',
    nonCompliant: x => read(repo(x, {
      'helmfile.yaml': 'releases:\n  - { name: web, namespace: web, chart: ./charts/web }\n',
      'chart/web/Chart.yaml': 'name: web\n',
    })),
    compliant: x => read(repo(x, {
      'helmfile.yaml': 'releases:\n  - { name: web, namespace: web, chart: ./charts/web }\n',
      'charts/web/Chart.yaml': 'name: web\n',
    })),
  },
  {
    rule: 'HELM-054',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - { name: nginx, namespace: web, chart: bitnami/nginx, version: 18.2.0 }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      repositories:
        - { name: bitnami, url: https://charts.bitnami.com/bitnami }
      releases:
        - { name: nginx, namespace: web, chart: bitnami/nginx, version: 18.2.0 }
    `),
  },
  // ---- environment values (read for condition:)
  {
    rule: 'HELM-055',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      environments:
        default:
          secrets: [secrets/default.yaml]
      releases:
        - { name: web, namespace: web, chart: ./charts/web, condition: web.enabled }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      environments:
        default:
          values: [{ web: { enabled: true } }]
          secrets: [secrets/default.yaml]
      releases:
        - { name: web, namespace: web, chart: ./charts/web, installed: true }
    `),
  },
  {
    rule: 'HELM-056',
    nonCompliant: x => read(repo(x, {
      'helmfile.yaml': 'values: [env/default.json]\nreleases:\n  - { name: web, namespace: web, chart: ./charts/web, condition: web.enabled }\n',
      'env/default.json': '{ "web": { "enabled": true } }\n',
      'charts/web/Chart.yaml': 'name: web\n',
    })),
    compliant: x => read(repo(x, {
      'helmfile.yaml': 'values: [env/default.yaml]\nreleases:\n  - { name: web, namespace: web, chart: ./charts/web, condition: web.enabled }\n',
      'env/default.yaml': 'web: { enabled: true }\n',
      'charts/web/Chart.yaml': 'name: web\n',
    })),
  },
  {
    rule: 'HELM-057',
    nonCompliant: x => read(repo(x, {
      'helmfile.yaml': 'values: [env/default.yaml]\nreleases:\n  - { name: web, namespace: web, chart: ./charts/web, condition: web.enabled }\n',
      'env/defaults.yaml': 'web: { enabled: true }\n',
      'charts/web/Chart.yaml': 'name: web\n',
    })),
    compliant: x => read(repo(x, {
      'helmfile.yaml': 'values: [env/default.yaml]\nreleases:\n  - { name: web, namespace: web, chart: ./charts/web, condition: web.enabled }\n',
      'env/default.yaml': 'web: { enabled: true }\n',
      'charts/web/Chart.yaml': 'name: web\n',
    })),
  },
  {
    rule: 'HELM-058',
    nonCompliant: x => read(repo(x, {
      'helmfile.yaml': 'values: [env/default.yaml]\nreleases:\n  - { name: web, namespace: web, chart: ./charts/web, condition: web.enabled }\n',
      'env/default.yaml': 'web: { enabled: {{ env "WEB_ENABLED" }} }\n',
      'charts/web/Chart.yaml': 'name: web\n',
    })),
    compliant: x => read(repo(x, {
      'helmfile.yaml': 'values: [env/default.yaml]\nreleases:\n  - { name: web, namespace: web, chart: ./charts/web, condition: web.enabled }\n',
      'env/default.yaml': 'web: { enabled: true }\n',
      'charts/web/Chart.yaml': 'name: web\n',
    })),
  },
  {
    rule: 'HELM-059',
    nonCompliant: x => read(repo(x, {
      'helmfile.yaml': 'values: [env/default.yaml]\nreleases:\n  - { name: web, namespace: web, chart: ./charts/web, condition: web.enabled }\n',
      'env/default.yaml': '- web: { enabled: true }\n',
      'charts/web/Chart.yaml': 'name: web\n',
    })),
    compliant: x => read(repo(x, {
      'helmfile.yaml': 'values: [env/default.yaml]\nreleases:\n  - { name: web, namespace: web, chart: ./charts/web, condition: web.enabled }\n',
      'env/default.yaml': 'web: { enabled: true }\n',
      'charts/web/Chart.yaml': 'name: web\n',
    })),
  },
  {
    rule: 'HELM-060',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      values:
        - [web.enabled=true]
      releases:
        - { name: web, namespace: web, chart: ./charts/web, condition: web.enabled }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      values:
        - web: { enabled: true }
      releases:
        - { name: web, namespace: web, chart: ./charts/web, condition: web.enabled }
    `),
  },
  // ---- the Helmfile as YAML
  {
    rule: 'HELM-061',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - name: web
          namespace: web
          chart: ./charts/web
          values: [values/{{ .Environment.Name }}/web.yaml]
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - name: web
          namespace: web
          chart: ./charts/web
          values: [values/production/web.yaml]
    `),
  },
  {
    rule: 'HELM-062',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      releases:
        - name: web
         namespace: web
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - name: web
          namespace: web
          chart: ./charts/web
    `),
  },
  {
    rule: 'HELM-063',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      - name: web
        namespace: web
        chart: ./charts/web
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      releases:
        - name: web
          namespace: web
          chart: ./charts/web
    `),
  },
  {
    rule: 'HELM-064',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      templates:
        a: &a [x, x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      templates:
        default: &default { namespace: web, chart: ./charts/web }
      releases:
        - { <<: *default, name: web }
        - { <<: *default, name: api }
    `),
  },
  {
    rule: 'HELM-065',
    nonCompliant: () => Helmfile.fromYaml(yaml`
      commonLabels:
        team: { name: platform }
    `),
    compliant: () => Helmfile.fromYaml(yaml`
      commonLabels:
        team: platform
    `),
  },
  {
    rule: 'HELM-066',
    nonCompliant: () => Helmfile.fromYaml(CERT_MANAGER, { selectors: ['tier'] }),
    compliant: () => Helmfile.fromYaml(CERT_MANAGER, { selectors: ['name=cert-manager'] }),
  },
  // ---- needs and waves
  {
    rule: 'HELM-067',
    nonCompliant: x => migrate(x, [Helmfile.fromYaml(yaml`
      releases:
        - { name: postgres, namespace: data, chart: ./charts/postgres }
        - { name: api, namespace: shop, chart: ./charts/api, needs: [postgres] }
    `)]),
    compliant: x => migrate(x, [Helmfile.fromYaml(yaml`
      releases:
        - { name: postgres, namespace: data, chart: ./charts/postgres }
        - { name: api, namespace: shop, chart: ./charts/api, needs: [data/postgres] }
    `)]),
  },
  {
    rule: 'HELM-068',
    nonCompliant: x => migrate(x, [Helmfile.fromYaml(yaml`
      releases:
        - { name: postgres, namespace: shop, chart: ./charts/postgres, needs: [api] }
        - { name: api, namespace: shop, chart: ./charts/api, needs: [postgres] }
    `)]),
    compliant: x => migrate(x, [Helmfile.fromYaml(yaml`
      releases:
        - { name: postgres, namespace: shop, chart: ./charts/postgres }
        - { name: api, namespace: shop, chart: ./charts/api, needs: [postgres] }
    `)]),
  },
  {
    rule: 'HELM-069',
    nonCompliant: x => migrate(x, [Helmfile.fromYaml(yaml`
      releases:
        - { name: operator, namespace: ops, chart: ./charts/operator, labels: { tier: infra }, needs: [webhook] }
        - { name: webhook, namespace: ops, chart: ./charts/webhook, labels: { tier: apps } }
    `)], { tierLabel: 'tier', tiers: ['infra', 'apps'] }),
    compliant: x => migrate(x, [Helmfile.fromYaml(yaml`
      releases:
        - { name: operator, namespace: ops, chart: ./charts/operator, labels: { tier: apps }, needs: [webhook] }
        - { name: webhook, namespace: ops, chart: ./charts/webhook, labels: { tier: infra } }
    `)], { tierLabel: 'tier', tiers: ['infra', 'apps'] }),
  },
  {
    rule: 'HELM-070',
    nonCompliant: x => migrate(x, [Helmfile.fromYaml(yaml`
      releases:
        - { name: postgres, namespace: shop, chart: ./charts/postgres }
        - { name: api, namespace: shop, chart: ./charts/api, needs: [postgres] }
    `)], { releases: { 'shop/api': { wave: 0 } } }),
    compliant: x => migrate(x, [Helmfile.fromYaml(yaml`
      releases:
        - { name: postgres, namespace: shop, chart: ./charts/postgres }
        - { name: api, namespace: shop, chart: ./charts/api, needs: [postgres] }
    `)], { releases: { 'shop/api': { wave: 5 } } }),
  },
  // ---- HelmfileMigrationComponent (one release, without a HelmfileMigration)
  {
    rule: 'HELM-071',
    nonCompliant: x => new HelmfileMigrationComponent(x.chart, 'cert-manager', {
      helmfile: 'helmfile.yaml' as any, release: 'cert-manager/cert-manager', tier: 'infra', project: 'platform', valuesRepository,
    }),
    compliant: x => new HelmfileMigrationComponent(x.chart, 'cert-manager', {
      helmfile: Helmfile.fromYaml(CERT_MANAGER), release: 'cert-manager/cert-manager', tier: 'infra', project: 'platform', valuesRepository,
    }),
  },
  {
    rule: 'HELM-072',
    nonCompliant: x => new HelmfileMigrationComponent(x.chart, 'cert-manager', {
      helmfile: Helmfile.fromYaml(CERT_MANAGER), release: 'security/cert-manager', tier: 'infra', project: 'platform', valuesRepository,
    }),
    compliant: x => new HelmfileMigrationComponent(x.chart, 'cert-manager', {
      helmfile: Helmfile.fromYaml(CERT_MANAGER), release: 'cert-manager/cert-manager', tier: 'infra', project: 'platform', valuesRepository,
    }),
  },
  {
    rule: 'HELM-073',
    nonCompliant: x => new HelmfileMigrationComponent(x.chart, 'web', {
      helmfile: Helmfile.fromYaml('releases:\n  - { name: web_frontend, namespace: web, chart: ./charts/web }\n'),
      release: 'web/web_frontend',
      tier: 'apps',
      project: 'platform',
      valuesRepository,
    }),
    compliant: x => new HelmfileMigrationComponent(x.chart, 'web', {
      helmfile: Helmfile.fromYaml('releases:\n  - { name: web_frontend, namespace: web, chart: ./charts/web }\n'),
      release: 'web/web_frontend',
      name: 'web-frontend',
      tier: 'apps',
      project: 'platform',
      valuesRepository,
    }),
  },
  {
    rule: 'HELM-074',
    nonCompliant: x => new HelmfileMigrationComponent(x.chart, 'web', {
      helmfile: Helmfile.fromYaml('releases:\n  - { name: web, chart: ./charts/web }\n'),
      release: 'web',
      tier: 'apps',
      project: 'platform',
      valuesRepository,
    }),
    compliant: x => new HelmfileMigrationComponent(x.chart, 'web', {
      helmfile: Helmfile.fromYaml('releases:\n  - { name: web, namespace: web, chart: ./charts/web }\n'),
      release: 'web',
      tier: 'apps',
      project: 'platform',
      valuesRepository,
    }),
  },
  {
    rule: 'HELM-076',
    nonCompliant: () => {
      const app = new App();
      new HelmfileMigrationComponent(new Chart(app, 'argocd'), 'cert-manager', {
        helmfile: Helmfile.fromYaml(CERT_MANAGER), release: 'cert-manager/cert-manager', tier: 'infra', project: 'platform', valuesRepository,
      });
      return app;
    },
    compliant: x => new HelmfileMigrationComponent(x.chart, 'cert-manager', {
      helmfile: Helmfile.fromYaml(CERT_MANAGER), release: 'cert-manager/cert-manager', tier: 'infra', project: 'platform', valuesRepository,
    }),
  },
  {
    rule: 'HELM-077',
    nonCompliant: x => new HelmfileMigrationComponent(x.app, 'cert-manager', {
      helmfile: Helmfile.fromYaml(CERT_MANAGER), release: 'cert-manager/cert-manager', tier: 'infra', project: 'platform', valuesRepository,
    }),
    compliant: x => new HelmfileMigrationComponent(new GitOpsChart(x.app, 'infra', { folder: 'apps/infra' }), 'cert-manager', {
      helmfile: Helmfile.fromYaml(CERT_MANAGER), release: 'cert-manager/cert-manager', tier: 'infra', project: 'platform', valuesRepository,
    }),
  },
  {
    rule: 'HELM-078',
    nonCompliant: x => new HelmfileMigrationComponent(x.chart, 'cert-manager', {
      helmfile: Helmfile.fromYaml(CERT_MANAGER),
      release: 'cert-manager/cert-manager',
      tier: 'infra',
      project: 'platform',
      valuesRepository,
      extraValueFiles: ['$values/values/prod/cert-manager.yaml'],
    }),
    compliant: x => new HelmfileMigrationComponent(x.chart, 'cert-manager', {
      helmfile: Helmfile.fromYaml(CERT_MANAGER),
      release: 'cert-manager/cert-manager',
      tier: 'infra',
      project: 'platform',
      valuesRepository,
      extraValueFiles: ['values/prod/cert-manager.yaml'],
    }),
  },
  {
    rule: 'HELM-079',
    nonCompliant: x => {
      const dir = repo(x, { 'values/cert-manger.yaml': 'replicaCount: 2\n' });
      return new HelmfileMigrationComponent(x.chart, 'cert-manager', {
        helmfile: Helmfile.fromYaml(CERT_MANAGER_WITH_VALUES, { filePath: path.join(dir, 'helmfile.yaml') }),
        release: 'cert-manager/cert-manager',
        tier: 'infra',
        project: 'platform',
        valuesRepository,
        valuesMode: ValuesMode.INLINE,
      });
    },
    compliant: x => {
      const dir = repo(x, { 'values/cert-manager.yaml': 'replicaCount: 2\n' });
      return new HelmfileMigrationComponent(x.chart, 'cert-manager', {
        helmfile: Helmfile.fromYaml(CERT_MANAGER_WITH_VALUES, { filePath: path.join(dir, 'helmfile.yaml') }),
        release: 'cert-manager/cert-manager',
        tier: 'infra',
        project: 'platform',
        valuesRepository,
        valuesMode: ValuesMode.INLINE,
      });
    },
  },
  {
    rule: 'HELM-080',
    nonCompliant: x => migrate(x, [Helmfile.fromYaml(yaml`
      repositories:
        - { name: jetstack, url: https://charts.jetstack.io }
      releases:
        - { name: cert-manager, namespace: cert-manager, chart: jetstack/cert-manager }
    `)]),
    compliant: x => migrate(x, [Helmfile.fromYaml(yaml`
      repositories:
        - { name: jetstack, url: https://charts.jetstack.io }
      releases:
        - { name: cert-manager, namespace: cert-manager, chart: jetstack/cert-manager, version: v1.16.2 }
    `)]),
  },
  {
    rule: 'HELM-301',
    nonCompliant: x => {
      const dir = repo(x, { 'common.yaml': CERT_MANAGER, 'helmfiles/helmfile.yaml': 'bases: [../common.yaml]\n' });
      return Helmfile.fromFile(path.join(dir, 'helmfiles/helmfile.yaml'), { repoDir: path.join(dir, 'helmfiles') });
    },
    compliant: x => {
      const dir = repo(x, { 'common.yaml': CERT_MANAGER, 'helmfiles/helmfile.yaml': 'bases: [../common.yaml]\n' });
      return Helmfile.fromFile(path.join(dir, 'helmfiles/helmfile.yaml'), { repoDir: dir });
    },
  },
];
