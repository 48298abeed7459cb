import { RuleExampleEntry } from './example';
import {
  AppProject, Application, ApplicationSet, ApplicationSetStrategy, ApplicationSetTemplate, ApplicationSource, ApplicationsSyncPolicy,
  ArgoCdSettings, DeletionCascade, Destination, Generator, GitOpsChart, MaxUpdate, PullRequestProvider, RollingSyncStep,
  StepOperator, TemplatePatch,
} from '../../src';

const GIT = 'https://git.example.com/platform/gitops.git';
const CHARTS = 'https://git.example.com/platform/charts.git';

/** One parameter set per environment. */
const envs = () => Generator.list({ elements: [{ env: 'dev' }, { env: 'prod' }] });

/** The Application each environment gets: `<env>-api`, labelled with its env (Go template syntax, the default). */
const apiTemplate: ApplicationSetTemplate = {
  name: '{{.env}}-api',
  project: 'apps',
  labels: { env: '{{.env}}' },
  source: ApplicationSource.helmChart({ repoUrl: CHARTS, path: 'charts/api', targetRevision: 'main', valueFiles: ['values-{{.env}}.yaml'] }),
  destination: Destination.inCluster('{{.env}}-api'),
};

/** The same template in the legacy fasttemplate syntax (`goTemplate: false`). */
const fastApiTemplate: ApplicationSetTemplate = {
  name: '{{env}}-api',
  project: 'apps',
  labels: { env: '{{env}}' },
  source: ApplicationSource.helmChart({ repoUrl: CHARTS, path: 'charts/api', targetRevision: 'main', valueFiles: ['values-{{env}}.yaml'] }),
  destination: Destination.inCluster('{{env}}-api'),
};

/** A RollingSync step that syncs the Applications of the given environments. */
const envStep = (...values: string[]): RollingSyncStep => ({ matchExpressions: [{ key: 'env', operator: StepOperator.IN, values }] });

/** Argo CD's settings with progressive syncs on: the ApplicationSet controller ignores RollingSync steps without them. */
const progressiveSyncs = (chart: GitOpsChart) => new ArgoCdSettings(chart, 'settings', { progressiveSyncs: true });

/** A patch that sets a number field from a parameter (templates substitute parameters into strings only). */
const historyPatch = () => TemplatePatch.fromYaml('spec:\n  revisionHistoryLimit: {{ if eq .env "prod" }}10{{ else }}3{{ end }}\n');

/** One parameter set per folder `apps/<name>` of the repository, and the Application of each folder. */
const appFolders = () => Generator.gitDirectories({ repoUrl: GIT, directories: ['apps/*'] });
const folderTemplate: ApplicationSetTemplate = {
  name: '{{.path.basename}}',
  project: 'apps',
  source: ApplicationSource.directory({ repoUrl: GIT, path: '{{.path.path}}' }),
  destination: Destination.inCluster('{{.path.basename}}'),
};

/** ApplicationSet (APPSET-*): the RollingSync strategy, the template, the patch and the generated Applications. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'APPSET-001',
    nonCompliant: () => ApplicationSetStrategy.rollingSync([{ ...envStep('dev'), maxUpdate: MaxUpdate.count(-1) }, envStep('prod')]),
    compliant: () => ApplicationSetStrategy.rollingSync([{ ...envStep('dev'), maxUpdate: MaxUpdate.count(1) }, envStep('prod')]),
  },
  {
    rule: 'APPSET-002',
    nonCompliant: () => ApplicationSetStrategy.rollingSync([{ ...envStep('dev'), maxUpdate: MaxUpdate.percent(150) }, envStep('prod')]),
    compliant: () => ApplicationSetStrategy.rollingSync([{ ...envStep('dev'), maxUpdate: MaxUpdate.percent(25) }, envStep('prod')]),
  },
  {
    rule: 'APPSET-003',
    nonCompliant: () => ApplicationSetStrategy.rollingSync([]),
    compliant: () => ApplicationSetStrategy.rollingSync([envStep('dev'), envStep('prod')]),
  },
  {
    rule: 'APPSET-004',
    nonCompliant: () => ApplicationSetStrategy.rollingSync([envStep('dev'), { matchExpressions: [] }]),
    compliant: () => ApplicationSetStrategy.rollingSync([envStep('dev'), { matchExpressions: [{ key: 'env', operator: StepOperator.NOT_IN, values: ['dev'] }] }]),
  },
  {
    rule: 'APPSET-005',
    nonCompliant: () => ApplicationSetStrategy.rollingSync([{ matchExpressions: ['env=dev' as any] }, envStep('prod')]),
    compliant: () => ApplicationSetStrategy.rollingSync([{ matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: ['dev'] }] }, envStep('prod')]),
  },
  {
    rule: 'APPSET-006',
    nonCompliant: () => ApplicationSetStrategy.rollingSync([envStep('dev'), { matchExpressions: [{ key: 'env', operator: 'Exists' as StepOperator, values: [] }] }]),
    compliant: () => ApplicationSetStrategy.rollingSync([envStep('dev'), { matchExpressions: [{ key: 'env', operator: StepOperator.NOT_IN, values: ['dev'] }] }]),
  },
  {
    rule: 'APPSET-007',
    nonCompliant: () => ApplicationSetStrategy.rollingSync([envStep('dev'), envStep()]),
    compliant: () => ApplicationSetStrategy.rollingSync([envStep('dev'), envStep('prod')]),
  },
  {
    rule: 'APPSET-008',
    nonCompliant: () => ApplicationSetStrategy.rollingSync([{ ...envStep('dev'), maxUpdate: 2 as any }, envStep('prod')]),
    compliant: () => ApplicationSetStrategy.rollingSync([{ ...envStep('dev'), maxUpdate: MaxUpdate.count(2) }, envStep('prod')]),
  },
  {
    rule: 'APPSET-009',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', { namespace: 'Argo_CD', generators: [envs()], template: apiTemplate }),
    compliant: x => new ApplicationSet(x.chart, 'api', { namespace: 'argocd', generators: [envs()], template: apiTemplate }),
  },
  {
    rule: 'APPSET-010',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()] } as any),
    compliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: apiTemplate }),
  },
  {
    rule: 'APPSET-011',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', { goTemplate: false, generators: [envs()], template: fastApiTemplate, templatePatch: historyPatch() }),
    compliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: apiTemplate, templatePatch: historyPatch() }),
  },
  {
    rule: 'APPSET-012',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', { goTemplate: false, goTemplateOptions: ['missingkey=error'], generators: [envs()], template: fastApiTemplate }),
    compliant: x => new ApplicationSet(x.chart, 'api', { goTemplate: false, generators: [envs()], template: fastApiTemplate }),
  },
  {
    rule: 'APPSET-013',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', { goTemplateOptions: ['missingkey=fail'], generators: [envs()], template: apiTemplate }),
    compliant: x => new ApplicationSet(x.chart, 'api', { goTemplateOptions: ['missingkey=error'], generators: [envs()], template: apiTemplate }),
  },
  {
    rule: 'APPSET-014',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', { annotations: { 'example.com/managed': true as any }, generators: [envs()], template: apiTemplate }),
    compliant: x => new ApplicationSet(x.chart, 'api', { annotations: { 'example.com/managed': 'true' }, generators: [envs()], template: apiTemplate }),
  },
  {
    rule: 'APPSET-015',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      const api = new ApplicationSet(x.chart, 'api', { generators: [envs()], template: apiTemplate });
      api.strategy = [envStep('dev'), envStep('prod')] as any;
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      const api = new ApplicationSet(x.chart, 'api', { generators: [envs()], template: apiTemplate });
      api.strategy = ApplicationSetStrategy.rollingSync([envStep('dev'), envStep('prod')]);
    },
  },
  {
    rule: 'APPSET-016',
    nonCompliant: x => {
      const api = new ApplicationSet(x.chart, 'api', { template: apiTemplate });
      api.addGenerator({ list: { elements: [{ env: 'dev' }, { env: 'prod' }] } } as any);
    },
    compliant: x => {
      const api = new ApplicationSet(x.chart, 'api', { template: apiTemplate });
      api.addGenerator(Generator.list({ elements: [{ env: 'dev' }, { env: 'prod' }] }));
    },
  },
  {
    rule: 'APPSET-017',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: apiTemplate,
      ignoreApplicationDifferences: [{ name: 'dev-api' }],
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: apiTemplate,
      ignoreApplicationDifferences: [{ name: 'dev-api', jsonPointers: ['/spec/syncPolicy'] }],
    }),
  },
  {
    rule: 'APPSET-018',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: apiTemplate,
      ignoreApplicationDifferences: [{ jsonPointers: ['spec/syncPolicy'] }],
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: apiTemplate,
      ignoreApplicationDifferences: [{ jsonPointers: ['/spec/syncPolicy'] }],
    }),
  },
  {
    rule: 'APPSET-019',
    nonCompliant: x => {
      const apps = new ApplicationSet(x.chart, 'apps', { generators: [appFolders()], template: folderTemplate });
      return apps.preview().map(a => a.name);
    },
    compliant: x => {
      const apps = new ApplicationSet(x.chart, 'apps', { generators: [appFolders()], template: folderTemplate });
      return apps.previewable ? apps.preview().map(a => a.name) : [];
    },
  },
  {
    rule: 'APPSET-020',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [Generator.list({ elements: [{ env: 'dev', prune: true }, { env: 'prod', prune: false }] })],
      template: { ...apiTemplate, syncPolicy: { automated: { prune: '{{.prune}}' as any } } },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [Generator.list({ elements: [{ env: 'dev', prune: true }, { env: 'prod', prune: false }] })],
      template: { ...apiTemplate, syncPolicy: { automated: {} } },
      templatePatch: TemplatePatch.fromParameters({ prune: 'prune' }),
    }),
  },
  {
    rule: 'APPSET-021',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: { ...apiTemplate, name: '' } }),
    compliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: { ...apiTemplate, name: '{{.env}}-api' } }),
  },
  {
    rule: 'APPSET-022',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: { ...apiTemplate, name: 'api' } }),
    compliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: { ...apiTemplate, name: '{{.env}}-api' } }),
  },
  {
    rule: 'APPSET-023',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: { ...apiTemplate, project: '' } }),
    compliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: { ...apiTemplate, project: 'apps' } }),
  },
  {
    rule: 'APPSET-024',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: { ...apiTemplate, namespace: 'Argo_CD' } }),
    compliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: { ...apiTemplate, namespace: 'argocd' } }),
  },
  {
    rule: 'APPSET-025',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: {
        ...apiTemplate,
        source: ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'api', version: '1.0.0', valueFiles: ['$values/api/{{.env}}.yaml'] }),
        sources: [ApplicationSource.ref({ repoUrl: GIT, ref: 'values' })],
      },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: {
        ...apiTemplate,
        source: undefined,
        sources: [
          ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'api', version: '1.0.0', valueFiles: ['$values/api/{{.env}}.yaml'] }),
          ApplicationSource.ref({ repoUrl: GIT, ref: 'values' }),
        ],
      },
    }),
  },
  {
    rule: 'APPSET-026',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { name: '{{.env}}-api', project: 'apps', destination: Destination.inCluster('{{.env}}-api') },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: {
        name: '{{.env}}-api',
        project: 'apps',
        source: ApplicationSource.helmChart({ repoUrl: CHARTS, path: 'charts/api', targetRevision: 'main' }),
        destination: Destination.inCluster('{{.env}}-api'),
      },
    }),
  },
  {
    rule: 'APPSET-027',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { ...apiTemplate, source: ApplicationSource.ref({ repoUrl: GIT, ref: 'values' }) },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: {
        ...apiTemplate,
        source: undefined,
        sources: [
          ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'api', version: '1.0.0', valueFiles: ['$values/api/{{.env}}.yaml'] }),
          ApplicationSource.ref({ repoUrl: GIT, ref: 'values' }),
        ],
      },
    }),
  },
  {
    rule: 'APPSET-028',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: { ...apiTemplate, revisionHistoryLimit: -1 } }),
    compliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: { ...apiTemplate, revisionHistoryLimit: 10 } }),
  },
  {
    rule: 'APPSET-029',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { ...apiTemplate, deletionCascade: DeletionCascade.FOREGROUND },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: apiTemplate,
      preserveResourcesOnDeletion: false,
    }),
  },
  {
    rule: 'APPSET-030',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { ...apiTemplate, deletionCascade: DeletionCascade.BACKGROUND },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { ...apiTemplate, deletionCascade: DeletionCascade.BACKGROUND },
      preserveResourcesOnDeletion: false,
    }),
  },
  {
    rule: 'APPSET-031',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { ...apiTemplate, ignoreDifferences: [{ kind: '', jsonPointers: ['/spec/replicas'] }] },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { ...apiTemplate, ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }] },
    }),
  },
  {
    rule: 'APPSET-032',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { ...apiTemplate, ignoreDifferences: [{ group: 'apps', kind: 'Deployment' }] },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { ...apiTemplate, ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }] },
    }),
  },
  {
    rule: 'APPSET-033',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { ...apiTemplate, info: [{ name: 'owner', value: '' }] },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { ...apiTemplate, info: [{ name: 'owner', value: 'team-api' }] },
    }),
  },
  {
    rule: 'APPSET-034',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', { generators: [], template: apiTemplate }),
    compliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: apiTemplate }),
  },
  {
    rule: 'APPSET-035',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: {
        ...apiTemplate,
        source: ApplicationSource.helmChart({ repoUrl: CHARTS, path: 'charts/api', targetRevision: 'main', valueFiles: ['values-{{ .env }.yaml'] }),
      },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: {
        ...apiTemplate,
        source: ApplicationSource.helmChart({ repoUrl: CHARTS, path: 'charts/api', targetRevision: 'main', valueFiles: ['values-{{ .env }}.yaml'] }),
      },
    }),
  },
  {
    rule: 'APPSET-036',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [Generator.list({ elements: [{ env: 'dev', cluster: 'dev-eu' }, { env: 'prod' }] })],
      template: { ...apiTemplate, destination: Destination.byName('{{.cluster}}', 'api') },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [Generator.list({ elements: [{ env: 'dev', cluster: 'dev-eu' }, { env: 'prod', cluster: 'prod-eu' }] })],
      template: { ...apiTemplate, destination: Destination.byName('{{.cluster}}', 'api') },
    }),
  },
  {
    rule: 'APPSET-037',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: apiTemplate,
      strategy: ApplicationSetStrategy.rollingSync([envStep('dev'), envStep('prod')]),
    }),
    compliant: x => {
      new ArgoCdSettings(x.chart, 'settings', { progressiveSyncs: true });
      new ApplicationSet(x.chart, 'api', {
        generators: [envs()],
        template: apiTemplate,
        strategy: ApplicationSetStrategy.rollingSync([envStep('dev'), envStep('prod')]),
      });
    },
  },
  {
    rule: 'APPSET-038',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new ApplicationSet(x.chart, 'api', {
        generators: [envs()],
        template: { ...apiTemplate, syncPolicy: { automated: { prune: true } } },
        strategy: ApplicationSetStrategy.rollingSync([envStep('dev'), envStep('prod')]),
      });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new ApplicationSet(x.chart, 'api', {
        generators: [envs()],
        template: { ...apiTemplate, syncPolicy: { automated: { enabled: false, prune: true } } },
        strategy: ApplicationSetStrategy.rollingSync([envStep('dev'), envStep('prod')]),
      });
    },
  },
  {
    rule: 'APPSET-039',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new ApplicationSet(x.chart, 'api', {
        generators: [envs()],
        template: apiTemplate,
        strategy: ApplicationSetStrategy.rollingSync([{ matchExpressions: [{ key: 'stage', operator: StepOperator.IN, values: ['dev'] }] }, envStep('prod')]),
      });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new ApplicationSet(x.chart, 'api', {
        generators: [envs()],
        template: apiTemplate,
        strategy: ApplicationSetStrategy.rollingSync([envStep('dev'), envStep('prod')]),
      });
    },
  },
  {
    rule: 'APPSET-040',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [Generator.list({ elements: [{ env: 'prod', region: 'eu' }, { env: 'prod', region: 'us' }] })],
      template: apiTemplate,
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [Generator.list({ elements: [{ env: 'prod', region: 'eu' }, { env: 'prod', region: 'us' }] })],
      template: { ...apiTemplate, name: '{{.env}}-{{.region}}-api' },
    }),
  },
  {
    rule: 'APPSET-041',
    nonCompliant: x => {
      new Application(x.chart, 'dev-api', {
        project: 'apps',
        source: ApplicationSource.directory({ repoUrl: GIT, path: 'legacy/api' }),
        destination: Destination.inCluster('dev-api'),
      });
      new ApplicationSet(x.chart, 'api', { generators: [envs()], template: apiTemplate });
    },
    compliant: x => {
      new Application(x.chart, 'legacy-api', {
        project: 'apps',
        source: ApplicationSource.directory({ repoUrl: GIT, path: 'legacy/api' }),
        destination: Destination.inCluster('legacy-api'),
      });
      new ApplicationSet(x.chart, 'api', { generators: [envs()], template: apiTemplate });
    },
  },
  {
    rule: 'APPSET-042',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new ApplicationSet(x.chart, 'api', { generators: [envs()], template: apiTemplate, strategy: ApplicationSetStrategy.rollingSync([envStep('dev')]) });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new ApplicationSet(x.chart, 'api', { generators: [envs()], template: apiTemplate, strategy: ApplicationSetStrategy.rollingSync([envStep('dev'), envStep('prod')]) });
    },
  },
  {
    rule: 'APPSET-043',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new ApplicationSet(x.chart, 'api', { generators: [envs()], template: apiTemplate, strategy: ApplicationSetStrategy.rollingSync([envStep('dev', 'prod'), envStep('prod')]) });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new ApplicationSet(x.chart, 'api', { generators: [envs()], template: apiTemplate, strategy: ApplicationSetStrategy.rollingSync([envStep('dev'), envStep('prod')]) });
    },
  },
  {
    rule: 'APPSET-044',
    nonCompliant: () => TemplatePatch.fromParameters({}),
    compliant: () => TemplatePatch.fromParameters({ prune: 'prune' }),
  },
  {
    rule: 'APPSET-045',
    nonCompliant: () => TemplatePatch.fromParameters({ prune: '{{.prune}}' }),
    compliant: () => TemplatePatch.fromParameters({ prune: 'prune' }),
  },
  {
    rule: 'APPSET-046',
    nonCompliant: () => TemplatePatch.fromYaml(''),
    compliant: () => TemplatePatch.fromYaml('spec:\n  revisionHistoryLimit: {{ .history }}\n'),
  },
  {
    rule: 'APPSET-047',
    nonCompliant: () => TemplatePatch.fromYaml('spec:\n  project: "{{.project}}"\n  revisionHistoryLimit: {{ .history }}\n'),
    compliant: () => TemplatePatch.fromYaml('spec:\n  revisionHistoryLimit: {{ .history }}\n'),
  },
  {
    rule: 'APPSET-048',
    nonCompliant: () => TemplatePatch.fromYaml('spec:\n  {{- if .autoSync }}\n  syncPolicy:\n    automated: {}\n'),
    compliant: () => TemplatePatch.fromYaml('spec:\n  {{- if .autoSync }}\n  syncPolicy:\n    automated: {}\n  {{- end }}\n'),
  },
  {
    rule: 'APPSET-049',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [Generator.list({ elements: [{ env: 'dev', prune: true }, { env: 'prod', prune: false }] })],
      template: apiTemplate,
      templatePatch: TemplatePatch.fromParameters({ prune: 'prune' }),
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [Generator.list({ elements: [{ env: 'dev', prune: true }, { env: 'prod', prune: false }] })],
      template: { ...apiTemplate, syncPolicy: { automated: {} } },
      templatePatch: TemplatePatch.fromParameters({ prune: 'prune' }),
    }),
  },
  {
    rule: 'APPSET-050',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new ApplicationSet(x.chart, 'api', {
        generators: [Generator.list({ elements: [{ env: 'dev', autoSync: true }, { env: 'prod', autoSync: false }] })],
        template: apiTemplate,
        strategy: ApplicationSetStrategy.rollingSync([envStep('dev'), envStep('prod')]),
        templatePatch: TemplatePatch.fromParameters({ autoSync: 'autoSync' }),
      });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new ApplicationSet(x.chart, 'api', {
        generators: [Generator.list({ elements: [{ env: 'dev' }, { env: 'prod' }] })],
        template: apiTemplate,
        strategy: ApplicationSetStrategy.rollingSync([envStep('dev'), { ...envStep('prod'), maxUpdate: MaxUpdate.PAUSE }]),
      });
    },
  },
  {
    rule: 'APPSET-051',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [Generator.list({ elements: [{ env: 'dev', valueFiles: ['$values/api/dev.yaml'] }, { env: 'prod', valueFiles: [] }] })],
      template: {
        ...apiTemplate,
        source: undefined,
        sources: [
          ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'api', version: '1.0.0' }),
          ApplicationSource.ref({ repoUrl: GIT, ref: 'values' }),
        ],
      },
      templatePatch: TemplatePatch.fromParameters({ helmValueFiles: 'valueFiles' }),
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [Generator.list({ elements: [{ env: 'dev', valueFiles: ['values-debug.yaml'] }, { env: 'prod', valueFiles: [] }] })],
      template: apiTemplate,
      templatePatch: TemplatePatch.fromParameters({ helmValueFiles: 'valueFiles' }),
    }),
  },
  {
    rule: 'APPSET-052',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [Generator.list({ elements: [{ env: 'dev', regions: ['eu'] }, { env: 'prod', regions: 'eu' }] })],
      template: { ...apiTemplate, name: '{{.env}}-{{ index .regions 0 }}-api' },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [Generator.list({ elements: [{ env: 'dev', regions: ['eu'] }, { env: 'prod', regions: ['eu'] }] })],
      template: { ...apiTemplate, name: '{{.env}}-{{ index .regions 0 }}-api' },
    }),
  },
  {
    rule: 'APPSET-053',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: { ...apiTemplate, appProject: AppProject.fromProjectName('platform') } }),
    compliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: { ...apiTemplate, project: undefined, appProject: AppProject.fromProjectName('apps') } }),
  },
  {
    rule: 'APPSET-054',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { ...apiTemplate, ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['spec/replicas'] }] },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { ...apiTemplate, ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }] },
    }),
  },
  {
    rule: 'APPSET-055',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { ...apiTemplate, notifications: [{ trigger: 'on sync failed', service: 'slack', recipients: ['{{.env}}-alerts'] }] },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { ...apiTemplate, notifications: [{ trigger: 'on-sync-failed', service: 'slack', recipients: ['{{.env}}-alerts'] }] },
    }),
  },
  {
    rule: 'APPSET-056',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { ...apiTemplate, notifications: [{ trigger: 'on-sync-failed', service: 'slack', recipients: ['{{.env}}-alerts;platform'] }] },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: { ...apiTemplate, notifications: [{ trigger: 'on-sync-failed', service: 'slack', recipients: ['{{.env}}-alerts', 'platform'] }] },
    }),
  },
  {
    rule: 'APPSET-057',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: { ...apiTemplate, annotations: { 'example.com/replicas': 2 as any } } }),
    compliant: x => new ApplicationSet(x.chart, 'api', { generators: [envs()], template: { ...apiTemplate, annotations: { 'example.com/replicas': '2' } } }),
  },
  {
    rule: 'APPSET-101',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: {
        ...apiTemplate,
        sourceHydrator: {
          drySource: ApplicationSource.helmChart({ repoUrl: CHARTS, path: 'charts/api', targetRevision: 'main', valueFiles: ['values-{{.env}}.yaml'] }),
          syncSource: { targetBranch: 'environments/{{.env}}', path: 'apps/{{.env}}-api' },
        },
      },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: {
        ...apiTemplate,
        source: undefined,
        sourceHydrator: {
          drySource: ApplicationSource.helmChart({ repoUrl: CHARTS, path: 'charts/api', targetRevision: 'main', valueFiles: ['values-{{.env}}.yaml'] }),
          syncSource: { targetBranch: 'environments/{{.env}}', path: 'apps/{{.env}}-api' },
        },
      },
    }),
  },
  {
    rule: 'APPSET-102',
    nonCompliant: x => new ApplicationSet(x.chart, 'previews', {
      generators: [Generator.pullRequest({ provider: PullRequestProvider.github({ owner: 'platform', repo: 'api' }) })],
      template: {
        name: 'api-pr-{{.number}}',
        project: 'apps',
        source: ApplicationSource.helmChart({ repoUrl: CHARTS, path: 'charts/api', targetRevision: '{{.head_sha}}' }),
        destination: Destination.inCluster('api-pr-{{.number}}'),
      },
    }),
    compliant: x => new ApplicationSet(x.chart, 'previews', {
      generators: [Generator.pullRequest({ provider: PullRequestProvider.github({ owner: 'platform', repo: 'api' }) })],
      template: {
        name: 'api-pr-{{.number}}',
        project: 'apps',
        source: ApplicationSource.helmChart({ repoUrl: CHARTS, path: 'charts/api', targetRevision: '{{.head_sha}}' }),
        destination: Destination.inCluster('api-pr-{{.number}}'),
      },
      applicationsSync: ApplicationsSyncPolicy.SYNC,
      preserveResourcesOnDeletion: false,
    }),
  },
  {
    rule: 'APPSET-103',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: {
        ...apiTemplate,
        source: undefined,
        sourceHydrator: {
          drySource: ApplicationSource.helmChart({ repoUrl: CHARTS, path: 'charts/api', targetRevision: 'main', valueFiles: ['values-{{.env}}.yaml'] }),
          syncSource: { targetBranch: 'environments/{{.env}}', path: 'apps/api' },
        },
      },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      generators: [envs()],
      template: {
        ...apiTemplate,
        source: undefined,
        sourceHydrator: {
          drySource: ApplicationSource.helmChart({ repoUrl: CHARTS, path: 'charts/api', targetRevision: 'main', valueFiles: ['values-{{.env}}.yaml'] }),
          syncSource: { targetBranch: 'environments/{{.env}}', path: 'apps/{{.env}}-api' },
        },
      },
    }),
  },
  {
    rule: 'APPSET-201',
    nonCompliant: x => new ApplicationSet(x.chart, 'api', {
      goTemplate: false,
      generators: [envs()],
      template: { ...fastApiTemplate, destination: Destination.inCluster('{{ .env }}-api') },
    }),
    compliant: x => new ApplicationSet(x.chart, 'api', {
      goTemplate: false,
      generators: [envs()],
      template: { ...fastApiTemplate, destination: Destination.inCluster('{{env}}-api') },
    }),
  },
  {
    rule: 'APPSET-202',
    nonCompliant: x => new ApplicationSet(x.chart, 'apps', {
      generators: [appFolders()],
      template: { ...folderTemplate, source: ApplicationSource.directory({ repoUrl: GIT, path: '{{.path}}' }) },
    }),
    compliant: x => new ApplicationSet(x.chart, 'apps', {
      generators: [appFolders()],
      template: { ...folderTemplate, source: ApplicationSource.directory({ repoUrl: GIT, path: '{{.path.path}}' }) },
    }),
  },
  {
    rule: 'APPSET-301',
    nonCompliant: () => TemplatePatch.fromYaml('spec:\n  source:\n    helm:\n      valueFiles: [values-{{ .env }}.yaml, values-{{ .region }}.yaml\n'),
    compliant: () => TemplatePatch.fromYaml('spec:\n  source:\n    helm:\n      valueFiles: [values-{{ .env }}.yaml, values-{{ .region }}.yaml]\n'),
  },
];
