import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration } from 'cdk8s';
import { CatalogueEntry } from './entry';
import {
  Application, ApplicationSet, ApplicationSetProps, ApplicationSetStrategy, ApplicationSource, ArgoCdSettings, Component,
  ComponentProps, DeletionCascade, Destination, Generator, GitOpsApp, GitOpsChart, MaxUpdate, PullRequestProvider, RollingSyncStep,
  SelectorOperator, StepOperator, SyncOption, TemplatePatch, TieredApplicationSet, TieredApplicationSetProps,
} from '../../src';

const GIT = 'https://git.example.com/platform/gitops.git';
const CHARTS = 'https://git.example.com/platform/charts.git';

/** A GitOpsApp with the chart `argocd`, and ArgoCdSettings with progressive syncs on, off, or no settings at all. */
function gitopsApp(settings: 'progressive' | 'off' | 'none' = 'progressive'): { app: GitOpsApp; chart: GitOpsChart } {
  const app = new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cat-appset-')), repoUrl: GIT, targetRevision: 'main' });
  const chart = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
  if (settings !== 'none') new ArgoCdSettings(chart, 'settings', { progressiveSyncs: settings === 'progressive' });
  return { app, chart };
}

const envs = () => Generator.list({ elements: [{ env: 'dev' }, { env: 'prod' }] });
const envStep = (...values: string[]): RollingSyncStep => ({ matchExpressions: [{ key: 'env', operator: StepOperator.IN, values }] });
const envSteps = () => ApplicationSetStrategy.rollingSync([envStep('dev'), envStep('prod')]);

/** The props of a small valid ApplicationSet (one Application per env), with `extra` on top. */
function appSetProps(extra: Partial<ApplicationSetProps> = {}, template: any = {}): ApplicationSetProps {
  return {
    generators: [envs()],
    ...extra,
    template: {
      name: '{{.env}}-api',
      project: 'apps',
      labels: { env: '{{.env}}' },
      source: ApplicationSource.helmChart({ repoUrl: CHARTS, path: 'charts/api', targetRevision: 'main', valueFiles: ['values-{{.env}}.yaml'] }),
      destination: Destination.inCluster('{{.env}}-api'),
      ...template,
    },
  };
}

/** Builds the ApplicationSet `argocd/envs` in a GitOpsApp (with progressive syncs on) and synthesizes it. */
function appSet(extra: Partial<ApplicationSetProps> = {}, template: any = {}, build?: (chart: GitOpsChart) => void,
  settings: 'progressive' | 'off' | 'none' = 'progressive'): () => void {
  return () => {
    const { app, chart } = gitopsApp(settings);
    build?.(chart);
    new ApplicationSet(chart, 'envs', appSetProps(extra, template));
    app.synthFiles();
  };
}

const component = (props: Partial<ComponentProps> = {}): Component => new Component({
  name: 'cert-manager',
  tier: 'infra',
  project: 'platform',
  namespace: 'cert-manager',
  source: ApplicationSource.helm({ repoUrl: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.16.2' }),
  ...props,
});
const shop = (props: Partial<ComponentProps> = {}): Component => component({
  name: 'shop', tier: 'apps', project: 'apps', namespace: 'shop', source: ApplicationSource.directory({ repoUrl: GIT, path: 'shop' }), ...props,
});

/** Builds the TieredApplicationSet `argocd/platform` (tiers infra, apps) and synthesizes the app. */
function tiered(props: Partial<TieredApplicationSetProps> = {}, build?: (t: TieredApplicationSet, chart: GitOpsChart) => void): () => void {
  return () => {
    const { app, chart } = gitopsApp();
    const t = new TieredApplicationSet(chart, 'platform', {
      tiers: [{ name: 'infra' }, { name: 'apps' }],
      components: [component(), shop()],
      ...props,
    });
    build?.(t, chart);
    app.synthFiles();
  };
}

const COMPONENT_YAML = 'name: grafana\ntier: apps\nproject: observability\nnamespace: monitoring\n'
  + 'source:\n  repoURL: https://grafana.github.io/helm-charts\n  chart: grafana\n  targetRevision: 8.5.1\n';
const FILE = 'components/apps/grafana/component.yaml';

/** ApplicationSet, generators, RollingSync strategy, templatePatch, TieredApplicationSet and Component. */
export const APPSET_ENTRIES: CatalogueEntry[] = [
  // ---- generators
  {
    name: 'list generator with no elements',
    construct: 'Generator',
    run: () => Generator.list({ elements: [] }),
    value: '(got [])',
    fix: /elements such as/,
  },
  {
    name: 'list generator element that is not an object',
    construct: 'Generator',
    run: () => Generator.list({ elements: ['dev' as any] }),
    value: '"dev"',
    fix: /\{ env: 'dev' \}/,
  },
  {
    name: 'matrix nested two levels deep',
    construct: 'Generator',
    run: () => Generator.matrix(envs(), Generator.matrix(envs(), Generator.merge({ mergeKeys: ['env'], generators: [envs(), envs()] }))),
    value: '["list","merge"]',
    fix: /flatten the combination/,
  },
  {
    name: 'merge generator with a single generator',
    construct: 'Generator',
    run: () => Generator.merge({ mergeKeys: ['server'], generators: [Generator.clusters()] }),
    value: '(got 1)',
    fix: /generators: \[base, override/,
  },
  {
    name: 'merge generator without mergeKeys',
    construct: 'Generator',
    run: () => Generator.merge({ mergeKeys: [], generators: [Generator.clusters(), envs()] }),
    value: '(got [])',
    fix: /mergeKeys: \['server'\]/,
  },
  {
    name: 'git generator path with a leading slash',
    construct: 'Generator',
    run: () => Generator.gitDirectories({ repoUrl: GIT, directories: ['/apps/*'] }),
    value: '"/apps/*"',
    fix: /no leading \//,
  },
  {
    name: 'git files generator without files',
    construct: 'Generator',
    run: () => Generator.gitFiles({ repoUrl: GIT, files: [] }),
    value: '(got [])',
    fix: /files: \['apps\/\*'\]/,
  },
  {
    name: 'post-selector In expression without values',
    construct: 'Generator',
    run: () => Generator.list({ elements: [{ env: 'dev' }], selector: { matchExpressions: [{ key: 'env', operator: SelectorOperator.IN }] } }),
    value: '"key":"env","operator":"In"',
    fix: /add values/,
  },
  {
    name: 'requeueAfter that is not whole seconds',
    construct: 'Generator',
    run: () => Generator.gitFiles({ repoUrl: GIT, files: ['clusters/*/config.json'], requeueAfter: Duration.millis(1500) }),
    value: '"1500ms"',
    fix: /Duration.minutes\(3\)/,
  },
  // ---- RollingSync strategy
  {
    name: 'maxUpdate percentage above 100%',
    construct: 'MaxUpdate',
    run: () => MaxUpdate.percent(150),
    value: '(got 150)',
    fix: /MaxUpdate.percent\(25\)/,
  },
  {
    name: 'negative maxUpdate count',
    construct: 'MaxUpdate',
    run: () => MaxUpdate.count(-1),
    value: '(got -1)',
    fix: /MaxUpdate.count\(1\)/,
  },
  {
    name: 'fractional maxUpdate percentage',
    construct: 'MaxUpdate',
    run: () => MaxUpdate.percent(12.5),
    value: '(got 12.5)',
    fix: /MaxUpdate.percent\(25\)/,
  },
  {
    name: 'RollingSync without steps',
    construct: 'ApplicationSetStrategy',
    run: () => ApplicationSetStrategy.rollingSync([]),
    value: '(got [])',
    fix: /pass steps such as/,
  },
  {
    name: 'RollingSync step with no match expressions',
    construct: 'ApplicationSetStrategy',
    run: () => ApplicationSetStrategy.rollingSync([envStep('dev'), { matchExpressions: [] }]),
    value: '{"matchExpressions":[]}',
    fix: /at least one expression/,
  },
  {
    name: 'Exists operator in a RollingSync step',
    construct: 'ApplicationSetStrategy',
    run: () => ApplicationSetStrategy.rollingSync([{ matchExpressions: [{ key: 'env', operator: 'Exists' as StepOperator, values: [] }] }]),
    value: '"Exists"',
    fix: /StepOperator.IN or StepOperator.NOT_IN/,
  },
  {
    name: 'RollingSync step In expression with no values',
    construct: 'ApplicationSetStrategy',
    run: () => ApplicationSetStrategy.rollingSync([envStep()]),
    value: '(got [])',
    fix: /values: \['dev'\]/,
  },
  {
    name: 'maxUpdate given as a plain number',
    construct: 'ApplicationSetStrategy',
    run: () => ApplicationSetStrategy.rollingSync([{ ...envStep('dev'), maxUpdate: 2 as any }]),
    value: '(got 2)',
    fix: /MaxUpdate.count\(1\)/,
  },
  // ---- ApplicationSet
  {
    name: 'ApplicationSet without generators',
    construct: 'ApplicationSet',
    run: appSet({ generators: [] }),
    path: 'argocd/envs',
    value: '(got [])',
    fix: /addGenerator\(Generator.list/,
  },
  {
    name: 'automated sync in a RollingSync template',
    construct: 'ApplicationSet',
    run: appSet({ strategy: envSteps() }, { syncPolicy: { automated: { prune: true } } }),
    path: 'argocd/envs',
    value: '{"automated":{"prune":true}}',
    fix: /automated: \{ enabled: false, prune: true \}/,
  },
  {
    name: 'RollingSync without the progressive-syncs flag',
    construct: 'ApplicationSet',
    run: appSet({ strategy: envSteps() }, {}, undefined, 'off'),
    path: 'argocd/envs',
    value: '["argocd/settings"]',
    fix: /enableProgressiveSyncs\(\)/,
  },
  {
    name: 'RollingSync without any ArgoCdSettings in the app',
    construct: 'ApplicationSet',
    run: appSet({ strategy: envSteps() }, {}, undefined, 'none'),
    path: 'argocd/envs',
    value: 'no ArgoCdSettings for namespace',
    fix: /progressiveSyncsManagedExternally: true/,
  },
  {
    name: 'RollingSync step on a label the template does not set',
    construct: 'ApplicationSet',
    run: appSet({ strategy: ApplicationSetStrategy.rollingSync([{ matchExpressions: [{ key: 'stage', operator: StepOperator.IN, values: ['canary'] }] }]) }),
    path: 'argocd/envs',
    value: '(got ["env"])',
    fix: /labels: \{ 'stage': '\{\{\.stage\}\}' \}/,
  },
  {
    name: 'generated Application that no RollingSync step syncs',
    construct: 'ApplicationSet',
    run: appSet({ strategy: ApplicationSetStrategy.rollingSync([envStep('dev')]) }),
    path: 'argocd/envs',
    value: '"prod-api"',
    fix: /add a step that matches it/,
  },
  {
    name: 'generated Application matched by two RollingSync steps',
    construct: 'ApplicationSet',
    run: appSet({ strategy: ApplicationSetStrategy.rollingSync([envStep('dev', 'prod'), envStep('prod')]) }),
    path: 'argocd/envs',
    value: '{"env":"prod"}',
    fix: /NotIn/,
  },
  {
    name: 'template parameter the generators do not produce',
    construct: 'ApplicationSet',
    run: appSet({}, { destination: Destination.inCluster('{{.namespace}}') }),
    path: 'argocd/envs',
    value: '(got "namespace")',
    fix: /use one of the parameters it produces \(env\)/,
  },
  {
    name: 'parameter missing from some list elements',
    construct: 'ApplicationSet',
    run: appSet({ generators: [Generator.list({ elements: [{ env: 'dev', cluster: 'dev-eu' }, { env: 'prod' }] })] }, { destination: Destination.byName('{{.cluster}}', 'api') }),
    path: 'argocd/envs',
    value: '(got "cluster")',
    fix: /add 'cluster' to every element/,
  },
  {
    name: "pull-request parameter that doesn't exist",
    construct: 'ApplicationSet',
    run: appSet({ generators: [Generator.pullRequest({ provider: PullRequestProvider.github({ owner: 'platform', repo: 'api' }) })] }, {
      name: 'preview-{{.number}}',
      labels: {},
      destination: Destination.inCluster('preview-{{.number}}'),
      source: ApplicationSource.helmChart({ repoUrl: CHARTS, path: 'charts/api', targetRevision: '{{.head_sha_short}}' }),
    }),
    path: 'argocd/envs',
    value: '(got "head_sha_short")',
    fix: /head_short_sha/,
  },
  {
    name: 'git directory parameters read without the pathParamPrefix',
    construct: 'ApplicationSet',
    run: appSet({ generators: [Generator.gitDirectories({ repoUrl: GIT, directories: ['apps/*'], pathParamPrefix: 'app' })] }, {
      name: '{{.path.basename}}',
      labels: {},
      destination: Destination.inCluster('{{.app.path.basename}}'),
      source: ApplicationSource.directory({ repoUrl: GIT, path: '{{.app.path.path}}' }),
    }),
    path: 'argocd/envs',
    value: '(got "path.basename")',
    fix: /use one of the parameters it produces \(app\)/,
  },
  {
    name: "boolean bound with '{{.prune}}'",
    construct: 'ApplicationSet',
    run: appSet({}, { syncPolicy: { automated: { prune: '{{.prune}}' as any } } }),
    path: 'argocd/envs',
    value: '(got "{{.prune}}")',
    fix: /TemplatePatch.fromParameters\(\{ prune: 'prune' \}\)/,
  },
  {
    name: 'number bound with a template parameter',
    construct: 'ApplicationSet',
    run: appSet({}, { revisionHistoryLimit: '{{.history}}' as any }),
    path: 'argocd/envs',
    value: '(got "{{.history}}")',
    fix: /TemplatePatch.fromYaml/,
  },
  {
    name: 'two list elements generate the same Application name',
    construct: 'ApplicationSet',
    run: appSet({ generators: [Generator.list({ elements: [{ env: 'dev', region: 'eu' }, { env: 'dev', region: 'us' }] })] }),
    path: 'argocd/envs',
    value: '(got "dev-api")',
    fix: /make the template name unique per parameter set/,
  },
  {
    name: 'generated name already used by an Application',
    construct: 'ApplicationSet',
    run: appSet({}, {}, chart => new Application(chart, 'dev-api', {
      project: 'apps', destination: Destination.inCluster('dev-api'), source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }),
    })),
    path: 'argocd/envs',
    value: '(got "dev-api")',
    fix: /rename one of them/,
  },
  {
    name: 'parameter value that makes an invalid Application name',
    construct: 'ApplicationSet',
    run: appSet({ generators: [Generator.list({ elements: [{ env: 'Dev_1' }] })] }),
    path: 'argocd/envs',
    value: '"Dev_1-api"',
    fix: /dev-1-api/,
  },
  {
    name: 'template name without a parameter',
    construct: 'ApplicationSet',
    run: appSet({}, { name: 'api' }),
    path: 'argocd/envs',
    value: '(got "api")',
    fix: /name: '\{\{\.env\}\}-api'/,
  },
  {
    name: 'unknown goTemplateOptions value',
    construct: 'ApplicationSet',
    run: appSet({ goTemplateOptions: ['missingkey=fail'] }),
    path: 'argocd/envs',
    value: '(got "missingkey=fail")',
    fix: /'missingkey=error'/,
  },
  {
    name: 'goTemplateOptions with goTemplate: false',
    construct: 'ApplicationSet',
    run: appSet({ goTemplate: false, goTemplateOptions: ['missingkey=error'] }, { name: '{{env}}-api', labels: {} }),
    path: 'argocd/envs',
    value: '(got ["missingkey=error"])',
    fix: /remove goTemplateOptions/,
  },
  {
    name: 'templatePatch with goTemplate: false',
    construct: 'ApplicationSet',
    run: appSet({ goTemplate: false, templatePatch: TemplatePatch.fromParameters({ prune: 'prune' }) }, { name: '{{env}}-api', labels: {} }),
    path: 'argocd/envs',
    value: '{"goTemplate":false}',
    fix: /remove goTemplate: false/,
  },
  {
    name: 'background deletion finalizer while preserving resources',
    construct: 'ApplicationSet',
    run: appSet({}, { deletionCascade: DeletionCascade.BACKGROUND }),
    path: 'argocd/envs',
    value: '"preserveResourcesOnDeletion":true',
    fix: /preserveResourcesOnDeletion: false/,
  },
  {
    name: 'ignoreApplicationDifferences rule that ignores nothing',
    construct: 'ApplicationSet',
    run: appSet({ ignoreApplicationDifferences: [{ name: 'dev-api' }] }),
    path: 'argocd/envs',
    value: '{"name":"dev-api"}',
    fix: /jsonPointers/,
  },
  // ---- templatePatch
  {
    name: 'templatePatch that sets spec.project',
    construct: 'TemplatePatch',
    run: () => TemplatePatch.fromYaml('spec:\n  project: "{{.project}}"\n'),
    value: '(got "  project:',
    fix: /set project in the template instead/,
  },
  {
    name: 'templatePatch binding written with braces',
    construct: 'TemplatePatch',
    run: () => TemplatePatch.fromParameters({ prune: '{{.prune}}' }),
    value: '(got "{{.prune}}")',
    fix: /prune: 'prune'/,
  },
  {
    name: 'templatePatch with an unclosed {{ if }}',
    construct: 'TemplatePatch',
    run: () => TemplatePatch.fromYaml('spec:\n  {{- if .autoSync }}\n  syncPolicy:\n    automated: {}\n'),
    value: '{{- if .autoSync }}',
    fix: /fix the template syntax/,
  },
  {
    name: 'prune binding without automated sync in the template',
    construct: 'ApplicationSet',
    run: appSet({ templatePatch: TemplatePatch.fromParameters({ prune: 'prune' }) }),
    path: 'argocd/envs',
    value: '{"prune":"prune"}',
    fix: /add syncPolicy.automated to the template/,
  },
  {
    name: 'autoSync binding in a RollingSync ApplicationSet',
    construct: 'ApplicationSet',
    run: appSet({ strategy: envSteps(), templatePatch: TemplatePatch.fromParameters({ autoSync: 'autoSync' }) }),
    path: 'argocd/envs',
    value: '(got "autoSync")',
    fix: /drop autoSync/,
  },
  {
    name: 'helmValueFiles binding on a multi-source template',
    construct: 'ApplicationSet',
    run: appSet({ templatePatch: TemplatePatch.fromParameters({ helmValueFiles: 'valueFiles' }) }, {
      source: undefined,
      sources: [
        ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'api', version: '1.0.0', valueFiles: ['$values/{{.env}}.yaml'] }),
        ApplicationSource.ref({ repoUrl: GIT, ref: 'values' }),
      ],
    }),
    path: 'argocd/envs',
    value: '(got "valueFiles")',
    fix: /TemplatePatch.fromYaml with the whole sources list/,
  },
  {
    name: 'templatePatch reads a parameter the generators do not produce',
    construct: 'ApplicationSet',
    run: appSet({ templatePatch: TemplatePatch.fromYaml('spec:\n  source:\n    helm:\n      parameters: [{ name: replicas, value: "{{ .replicaCount }}" }]\n') }),
    path: 'argocd/envs',
    value: '(got "replicaCount")',
    fix: /add 'replicaCount' to every element/,
  },
  // ---- TieredApplicationSet and Component
  {
    name: 'component in a tier the TieredApplicationSet does not have',
    construct: 'TieredApplicationSet',
    run: tiered({ components: [component(), shop(), shop({ name: 'kafka', tier: 'streaming', namespace: 'kafka' })] }),
    path: 'argocd/platform',
    value: '(got "streaming")',
    fix: /addTier\(\{ name: 'streaming' \}\)/,
  },
  {
    name: "component tier spelled differently from the TieredApplicationSet's tier",
    construct: 'TieredApplicationSet',
    run: tiered({ components: [component({ tier: 'infrastructure' }), shop()] }),
    path: 'argocd/platform',
    value: '(got "infrastructure")',
    fix: /use one of the tiers \["infra","apps"\]/,
  },
  {
    name: 'two components with the same name',
    construct: 'TieredApplicationSet',
    run: tiered({ components: [component(), shop(), shop({ tier: 'infra', namespace: 'shop-v2' })] }),
    path: 'argocd/platform',
    value: '(got "shop")',
    fix: /rename one of them/,
  },
  {
    name: 'TieredApplicationSet without tiers',
    construct: 'TieredApplicationSet',
    run: tiered({ tiers: [], components: [] }),
    path: 'argocd/platform',
    value: '(got [])',
    fix: /addTier/,
  },
  {
    name: 'the same tier added twice',
    construct: 'TieredApplicationSet',
    run: tiered({ tiers: [{ name: 'infra' }, { name: 'apps' }, { name: 'infra' }] }),
    path: 'argocd/platform',
    value: '(got "infra")',
    fix: /its own name/,
  },
  {
    name: 'tier name with uppercase letters',
    construct: 'TieredApplicationSet',
    run: tiered({ tiers: [{ name: 'Infra' }] }),
    path: 'argocd/platform',
    value: '(got "Infra")',
    fix: /'infra'/,
  },
  {
    name: 'automated sync in the TieredApplicationSet sync policy',
    construct: 'TieredApplicationSet',
    run: tiered({ syncPolicy: { automated: { prune: true, selfHeal: true } } }),
    path: 'argocd/platform/ApplicationSet',
    value: '{"automated":{"prune":true,"selfHeal":true}}',
    fix: /automated: \{ enabled: false, prune: true, selfHeal: true \}/,
  },
  {
    name: 'component sync option contradicting the shared one',
    construct: 'TieredApplicationSet',
    run: tiered({
      syncPolicy: { syncOptions: [SyncOption.serverSideApply(true)] },
      components: [component({ syncOptions: [SyncOption.serverSideApply(false)] }), shop()],
    }),
    path: 'argocd/platform',
    value: 'ServerSideApply=false',
    fix: /keep one of them/,
  },
  {
    name: 'components folder inside a chart folder',
    construct: 'TieredApplicationSet',
    run: tiered({ componentsFolder: 'argocd/components' }),
    path: 'argocd/platform',
    value: '(got "argocd")',
    fix: /another componentsFolder/,
  },
  {
    name: 'two TieredApplicationSets sharing a components folder',
    construct: 'TieredApplicationSet',
    run: tiered({}, (_t, chart) => new TieredApplicationSet(chart, 'apps', { tiers: [{ name: 'apps' }] })),
    path: 'argocd/platform',
    value: '["argocd/platform","argocd/apps"]',
    fix: /its own componentsFolder/,
  },
  {
    name: 'TieredApplicationSet in an app without a repoUrl',
    construct: 'TieredApplicationSet',
    run: () => new TieredApplicationSet(new GitOpsChart(new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cat-appset-')) }), 'argocd'), 'platform'),
    path: 'argocd/platform',
    value: '{}',
    fix: /new GitOpsApp\(\{ repoUrl:/,
  },
  {
    name: 'component Application name longer than 63 characters with the prefix',
    construct: 'TieredApplicationSet',
    run: tiered({ namePrefix: 'production-eu-west-1-platform-', components: [component({ name: 'cert-manager-webhook-cainjector-controller' }), shop()] }),
    path: 'argocd/platform',
    value: '"production-eu-west-1-platform-cert-manager-webhook-cainjector-controller"',
    fix: /shorten the namePrefix/,
  },
  {
    name: 'component wave that is not a whole number',
    construct: 'Component',
    run: () => component({ wave: 1.5 }),
    path: 'component cert-manager',
    value: '(got 1.5)',
    fix: /-10 for CRDs, -5 for operators, 0 for the rest/,
  },
  {
    name: 'wave written as a word in component.yaml',
    construct: 'Component',
    run: () => Component.fromYaml(COMPONENT_YAML + 'wave: first\n', { origin: FILE }),
    path: FILE,
    value: '(got "first")',
    fix: /-10 for CRDs, -5 for operators, 0 for the rest/,
  },
  {
    name: 'component.yaml with an unknown key',
    construct: 'Component',
    run: () => Component.fromYaml(COMPONENT_YAML + 'enabled: false\n', { origin: FILE }),
    path: FILE,
    value: '(got ["enabled"])',
    fix: /use only name, tier, wave/,
  },
  {
    name: 'component.yaml without a source',
    construct: 'Component',
    run: () => Component.fromYaml('name: grafana\ntier: apps\nproject: observability\nnamespace: monitoring\n', { origin: FILE }),
    path: FILE,
    value: 'needs a source mapping',
    fix: /add source: \{ repoURL/,
  },
  {
    name: 'component.yaml with repoUrl instead of repoURL',
    construct: 'Component',
    run: () => Component.fromYaml(COMPONENT_YAML.replace('repoURL', 'repoUrl'), { origin: FILE }),
    path: FILE,
    value: '["repoUrl"]',
    fix: /repoURL is spelled with capital URL/,
  },
  {
    name: 'component.yaml Helm chart without targetRevision',
    construct: 'Component',
    run: () => Component.fromYaml(COMPONENT_YAML.replace('  targetRevision: 8.5.1\n', ''), { origin: FILE }),
    path: FILE,
    value: '{"chart":"grafana"}',
    fix: /targetRevision: '1.2.3'/,
  },
  {
    name: 'component.yaml with a misspelled sync option',
    construct: 'Component',
    run: () => Component.fromYaml(COMPONENT_YAML + 'syncOptions: [CreateNamespaces=true]\n', { origin: FILE }),
    path: FILE,
    value: '"CreateNamespaces=true"',
    fix: /use one of .*CreateNamespace,/,
  },
  {
    name: 'component.yaml that is not valid YAML',
    construct: 'Component',
    run: () => Component.fromYaml('name: grafana\ntier: [apps\n', { origin: FILE }),
    path: FILE,
    value: 'tier: [apps',
    fix: /fix the YAML syntax/,
  },
  {
    name: 'component.yaml without a namespace',
    construct: 'Component',
    run: () => Component.fromYaml(COMPONENT_YAML.replace('namespace: monitoring\n', ''), { origin: FILE }),
    path: FILE,
    value: 'needs a string namespace',
    fix: /add namespace: <value>/,
  },
  {
    name: 'component file with another file name',
    construct: 'Component',
    run: () => Component.fromFile('components/apps/grafana/grafana.yaml'),
    path: 'components/apps/grafana/grafana.yaml',
    value: '(got "grafana.yaml")',
    fix: /rename it to component.yaml/,
  },
];
