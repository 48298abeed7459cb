import { Duration, Testing } from 'cdk8s';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import {
  Application, ApplicationSet, ApplicationSetStrategy, ApplicationSource, ApplicationsSyncPolicy, ArgoCdSettings, DeletionCascade,
  DeletionOrder, Destination, Generator, GitOpsApp, GitOpsChart, MaxUpdate, PullRequestProvider, StepOperator, SyncOption,
  GitOpsRules, ScmProvider, TemplatePatch,
} from '../src';
import { expectSchemaValid, expectSchemaValidChart } from './util/schema';
import { renderGoTemplate } from '../src/engines/go-template';

const GIT = 'https://git.example.com/platform/gitops.git';
const CHARTS = 'https://git.example.com/platform/charts.git';

function setup(settings: 'progressive' | 'off' | 'none' = 'progressive') {
  const app = new GitOpsApp({ repoUrl: GIT, targetRevision: 'main' });
  const chart = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
  if (settings !== 'none') new ArgoCdSettings(chart, 'settings', { progressiveSyncs: settings === 'progressive' });
  return { app, chart };
}

/** synthesizes the app (runs validations), schema-validates every document, returns the ApplicationSets */
function synthAppSets(app: GitOpsApp): any[] {
  const files = app.synthFiles();
  const docs = Object.entries(files)
    .filter(([f]) => f.endsWith('.k8s.yaml'))
    .flatMap(([, text]) => parseAllDocuments(text).map(d => d.toJSON()));
  expectSchemaValid(docs);
  return docs.filter(d => d.kind === 'ApplicationSet');
}

const envs = () => Generator.list({
  elements: [
    { env: 'dev', prune: true, syncOptions: ['ServerSideApply=true'] },
    { env: 'staging', prune: true, syncOptions: [] },
    { env: 'production', prune: false, syncOptions: [] },
  ],
});
const services = () => Generator.list({ elements: [{ service: 'api' }, { service: 'web' }] });
const envSteps = () => ApplicationSetStrategy.rollingSync([
  { matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: ['dev'] }], description: 'dev' },
  { matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: ['staging'] }], maxUpdate: MaxUpdate.ONE_AT_A_TIME },
  { matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: ['production'] }], maxUpdate: MaxUpdate.count(1) },
], { deletionOrder: DeletionOrder.REVERSE });

function matrixAppSet(chart: GitOpsChart, extra: Partial<ConstructorParameters<typeof ApplicationSet>[2]> = {}) {
  return new ApplicationSet(chart, 'services', {
    generators: [Generator.matrix(envs(), services())],
    template: {
      name: '{{.env}}-{{.service}}',
      project: 'apps',
      labels: { env: '{{.env}}', service: '{{.service}}' },
      source: ApplicationSource.helmChart({ repoUrl: CHARTS, path: 'charts/{{.service}}', targetRevision: 'main', valueFiles: ['values-{{.env}}.yaml'] }),
      destination: Destination.inCluster('{{.env}}-{{.service}}'),
      syncPolicy: {
        automated: { enabled: false, prune: true },
        syncOptions: [SyncOption.CREATE_NAMESPACE],
        retry: { limit: 3, backoff: { duration: Duration.seconds(10), factor: 2, maxDuration: Duration.minutes(2) } },
      },
    },
    strategy: envSteps(),
    ...extra,
  });
}

describe('ApplicationSet', () => {
  test('GIVEN a list generator and an Application-like template WHEN synthesized THEN safe defaults, Go templates and a schema-valid object', () => {
    const { app, chart } = setup('none');
    new ApplicationSet(chart, 'guestbook', {
      generators: [Generator.list({ elements: [{ cluster: 'dev', url: 'https://1.2.3.4' }, { cluster: 'prod', url: 'https://9.8.7.6' }] })],
      template: {
        name: '{{.cluster}}-guestbook',
        project: 'apps',
        source: ApplicationSource.directory({ repoUrl: GIT, path: 'guestbook/{{.cluster}}' }),
        destination: Destination.byServer('{{.url}}', 'guestbook'),
        syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: [SyncOption.CREATE_NAMESPACE] },
        ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
        info: [{ name: 'owner', value: 'team-{{.cluster}}' }],
      },
      ignoreApplicationDifferences: [{ jsonPointers: ['/spec/syncPolicy'] }],
      preservedFields: { annotations: ['example.com/owner'] },
    });
    const [set] = synthAppSets(app);
    expect(set.metadata).toEqual({ name: 'guestbook', namespace: 'argocd' });
    expect(set.spec.goTemplate).toBe(true);
    expect(set.spec.goTemplateOptions).toEqual(['missingkey=error']);
    expect(set.spec.syncPolicy).toEqual({ applicationsSync: 'create-update', preserveResourcesOnDeletion: true });
    expect(set.spec.strategy).toBeUndefined();
    expect(set.spec.generators).toEqual([{ list: { elements: [{ cluster: 'dev', url: 'https://1.2.3.4' }, { cluster: 'prod', url: 'https://9.8.7.6' }] } }]);
    expect(set.spec.template.metadata).toEqual({ name: '{{.cluster}}-guestbook' });
    expect(set.spec.template.spec.destination).toEqual({ server: '{{.url}}', namespace: 'guestbook' });
    expect(set.spec.template.spec.source).toEqual({ repoURL: GIT, path: 'guestbook/{{.cluster}}', targetRevision: 'HEAD' });
    expect(set.spec.template.spec.syncPolicy).toEqual({ automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] });
    expect(set.spec.ignoreApplicationDifferences).toEqual([{ jsonPointers: ['/spec/syncPolicy'] }]);
    expect(set.spec.preservedFields).toEqual({ annotations: ['example.com/owner'] });
    expect(set).toMatchSnapshot();
  });

  test('GIVEN explicit opt-outs WHEN synthesized THEN Argo CD\'s deleting behaviour and a background finalizer', () => {
    const { app, chart } = setup('none');
    new ApplicationSet(chart, 'previews', {
      generators: [Generator.list({ elements: [{ n: '1' }] })],
      template: {
        name: 'pr-{{.n}}',
        project: 'previews',
        source: ApplicationSource.directory({ repoUrl: GIT, path: 'app' }),
        destination: Destination.inCluster('pr-{{.n}}'),
        deletionCascade: DeletionCascade.BACKGROUND,
      },
      applicationsSync: ApplicationsSyncPolicy.SYNC,
      preserveResourcesOnDeletion: false,
    });
    const [set] = synthAppSets(app);
    expect(set.spec.syncPolicy).toEqual({ applicationsSync: 'sync', preserveResourcesOnDeletion: false });
    expect(set.spec.template.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io/background']);
  });

  test('GIVEN env × service matrix with a RollingSync WHEN previewed THEN Applications in rollout order with their steps', () => {
    const { app, chart } = setup();
    const set = matrixAppSet(chart);
    expect(set.previewable).toBe(true);
    expect(set.preview().map(a => [a.name, a.step, a.namespace])).toEqual([
      ['dev-api', 1, 'dev-api'], ['dev-web', 1, 'dev-web'],
      ['staging-api', 2, 'staging-api'], ['staging-web', 2, 'staging-web'],
      ['production-api', 3, 'production-api'], ['production-web', 3, 'production-web'],
    ]);
    expect(set.preview()[0]).toMatchObject({ project: 'apps', cluster: 'https://kubernetes.default.svc', labels: { env: 'dev', service: 'api' } });
    expect(set.previewSteps()).toEqual([
      { step: 1, description: 'dev', selector: 'env In [dev]', maxUpdate: '100%', batchSize: 2, applications: ['dev-api', 'dev-web'] },
      { step: 2, description: 'step 2', selector: 'env In [staging]', maxUpdate: '1', batchSize: 1, applications: ['staging-api', 'staging-web'] },
      { step: 3, description: 'step 3', selector: 'env In [production]', maxUpdate: '1', batchSize: 1, applications: ['production-api', 'production-web'] },
    ]);
    const [doc] = synthAppSets(app);
    expect(doc.spec.strategy).toEqual({
      type: 'RollingSync',
      deletionOrder: 'Reverse',
      rollingSync: {
        steps: [
          { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }] },
          { matchExpressions: [{ key: 'env', operator: 'In', values: ['staging'] }], maxUpdate: 1 },
          { matchExpressions: [{ key: 'env', operator: 'In', values: ['production'] }], maxUpdate: 1 },
        ],
      },
    });
    expect(doc.spec.generators[0].matrix.generators).toHaveLength(2);
    expect(doc).toMatchSnapshot();
  });

  test('GIVEN a GitOpsApp WHEN synthesized THEN the Markdown + Mermaid rollout plan is written next to the manifest', () => {
    const { app, chart } = setup();
    matrixAppSet(chart);
    const plan = app.synthFiles()['argocd/ROLLOUT-services.md'];
    expect(plan).toContain('```mermaid');
    expect(plan).toContain('subgraph step_1["step 1 · dev · all at once"]');
    expect(plan).toContain('step_2 -- healthy --> step_3');
    expect(plan).toContain('| 5 | 3 | production-api | apps | https://kubernetes.default.svc | production-api | env=production, service=api |');
    expect(plan).toMatchSnapshot();
  });

  test('GIVEN a plain cdk8s chart WHEN synthesized THEN the ApplicationSet works without a GitOpsApp (no plan file)', () => {
    const chart = Testing.chart();
    new ApplicationSet(chart, 'apps', {
      generators: [Generator.gitDirectories({ repoUrl: GIT, revision: 'main', directories: ['apps/*'] })],
      template: {
        name: '{{.path.basename}}',
        project: 'apps',
        source: ApplicationSource.directory({ repoUrl: GIT, path: '{{.path.path}}', targetRevision: 'main' }),
        destination: Destination.inCluster('{{.path.basename}}'),
      },
    });
    const [doc] = expectSchemaValidChart(chart);
    expect(doc.spec.template.spec.source).toEqual({ repoURL: GIT, path: '{{.path.path}}', targetRevision: 'main' });
    expect(chart.node.findChild('apps').node.validate()).toEqual([]);
  });

  test('GIVEN rolloutPlan: false WHEN synthesized THEN no plan file', () => {
    const { app, chart } = setup();
    matrixAppSet(chart, { rolloutPlan: false });
    expect(Object.keys(app.synthFiles())).toEqual(['argocd/argocd.k8s.yaml']);
  });

  test('GIVEN percent maxUpdate and a paused step WHEN synthesized THEN "NN%" and 0', () => {
    const { app, chart } = setup();
    matrixAppSet(chart, {
      strategy: ApplicationSetStrategy.rollingSync([
        { matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: ['dev', 'staging'] }], maxUpdate: MaxUpdate.percent(50) },
        { matchExpressions: [{ key: 'env', operator: StepOperator.NOT_IN, values: ['dev', 'staging'] }], maxUpdate: MaxUpdate.PAUSE },
      ]),
    });
    const [doc] = synthAppSets(app);
    expect(doc.spec.strategy.rollingSync.steps.map((s: any) => s.maxUpdate)).toEqual(['50%', 0]);
    expect(app.synthFiles()['argocd/ROLLOUT-services.md']).toContain('paused: waits for a manual sync');
  });
});

describe('templatePatch', () => {
  test('GIVEN parameter bindings WHEN synthesized THEN a generated patch extends the template and renders valid YAML per element', () => {
    const { app, chart } = setup();
    matrixAppSet(chart, {
      templatePatch: TemplatePatch.fromParameters({ prune: 'prune', syncOptions: 'syncOptions', helmValueFiles: 'extraValues' }),
      generators: [Generator.matrix(Generator.list({
        elements: [
          { env: 'dev', prune: true, syncOptions: ['ServerSideApply=true'], extraValues: ['debug.yaml'] },
          { env: 'staging', prune: true, syncOptions: [], extraValues: [] },
          { env: 'production', prune: false, syncOptions: [], extraValues: [] },
        ],
      }), services())],
    });
    const [doc] = synthAppSets(app);
    expect(doc.spec.templatePatch).toBe([
      'spec:',
      '  syncPolicy:',
      '    syncOptions: {{ toJson (concat (list "CreateNamespace=true") .syncOptions) }}',
      '    automated:',
      '      enabled: false',
      '      prune: {{ .prune }}',
      '  source:',
      '    helm:',
      '      valueFiles: {{ toJson (concat (list "values-{{.env}}.yaml") .extraValues) }}',
      '',
    ].join('\n'));
    const rendered = parseYaml(renderGoTemplate(doc.spec.templatePatch.replace('"values-{{.env}}.yaml"', '"values-dev.yaml"'),
      { env: 'dev', prune: true, syncOptions: ['ServerSideApply=true'], extraValues: ['debug.yaml'] }));
    expect(rendered).toEqual({
      spec: {
        syncPolicy: { syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'], automated: { enabled: false, prune: true } },
        source: { helm: { valueFiles: ['values-dev.yaml', 'debug.yaml'] } },
      },
    });
  });

  test('GIVEN an autoSync binding WHEN rendered THEN automated comes from the patch only, and false removes it', () => {
    const { app, chart } = setup('none');
    new ApplicationSet(chart, 'apps', {
      generators: [Generator.list({ elements: [{ name: 'a', auto: true }, { name: 'b', auto: false }] })],
      template: {
        name: '{{.name}}',
        project: 'apps',
        source: ApplicationSource.directory({ repoUrl: GIT, path: '{{.name}}' }),
        destination: Destination.inCluster('{{.name}}'),
        syncPolicy: { automated: { prune: true }, retry: { limit: 2 } },
      },
      templatePatch: TemplatePatch.fromParameters({ autoSync: 'auto' }),
    });
    const [doc] = synthAppSets(app);
    expect(doc.spec.template.spec.syncPolicy).toEqual({ retry: { limit: 2 } });
    expect(parseYaml(renderGoTemplate(doc.spec.templatePatch, { auto: true }))).toEqual({ spec: { syncPolicy: { automated: { prune: true } } } });
    expect(parseYaml(renderGoTemplate(doc.spec.templatePatch, { auto: false }))).toEqual({ spec: { syncPolicy: { automated: null } } });
  });

  test('GIVEN a hand-written patch WHEN synthesized THEN it is emitted as written, and its parameters are checked', () => {
    const { app, chart } = setup('none');
    new ApplicationSet(chart, 'apps', {
      generators: [Generator.list({ elements: [{ name: 'a', replicas: 2 }] })],
      template: { name: '{{.name}}', project: 'apps', destination: Destination.inCluster('{{.name}}') },
      templatePatch: TemplatePatch.fromYaml('spec:\n  source:\n    repoURL: https://git.example.com/x.git\n    path: "{{.name}}"\n    helm:\n      valuesObject:\n        replicas: {{ .replicaCount }}\n'),
    });
    expect(() => app.synthFiles()).toThrow(/the template reads \{\{\.replicaCount\}\} \(in templatePatch\), but the list generator does not produce it for list element #1/);
  });

  test('GIVEN invalid patches WHEN built THEN clear errors', () => {
    expect(() => TemplatePatch.fromYaml('spec:\n  project: other\n')).toThrow(/cannot change spec.project/);
    expect(() => TemplatePatch.fromYaml('spec: {{ if .x }}')).toThrow(/not a valid Go template: missing \{\{end\}\}/);
    expect(() => TemplatePatch.fromParameters({})).toThrow(/needs at least one binding/);
    expect(() => TemplatePatch.fromParameters({ prune: '{{.prune}}' })).toThrow(/parameter path \(without braces or the leading dot\).*prune: 'prune'/);
    const { chart } = setup('none');
    expect(() => new ApplicationSet(chart, 'x', {
      generators: [Generator.list({ elements: [{ n: 'a' }] })],
      goTemplate: false,
      template: { name: '{{n}}', project: 'apps', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.inCluster('x') },
      templatePatch: TemplatePatch.fromParameters({ prune: 'p' }),
    })).toThrow(/templatePatch only works with goTemplate: true/);
    expect(() => new ApplicationSet(chart, 'y', {
      generators: [Generator.list({ elements: [{ n: 'a' }] })],
      template: { name: '{{.n}}', project: 'apps', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.inCluster('x') },
      templatePatch: TemplatePatch.fromParameters({ prune: 'p' }),
    })).toThrow(/prune and selfHeal bindings only apply to automated sync/);
    expect(() => new ApplicationSet(chart, 'z', {
      generators: [Generator.list({ elements: [{ n: 'a' }] })],
      template: { name: '{{.n}}', project: 'apps', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.inCluster('x') },
      templatePatch: TemplatePatch.fromParameters({ helmValueFiles: 'vf' }),
    })).toThrow(/helmValueFiles binding needs a template with a single Helm source/);
  });
});

describe('checks', () => {
  test('GIVEN a template parameter no list element has WHEN synthesized THEN it names the parameter, the element and the fix', () => {
    const { app, chart } = setup('none');
    new ApplicationSet(chart, 'apps', {
      generators: [Generator.list({ elements: [{ env: 'dev', region: 'eu' }, { env: 'prod' }] })],
      template: {
        name: '{{.env}}-app',
        project: 'apps',
        source: ApplicationSource.directory({ repoUrl: GIT, path: 'app' }),
        destination: Destination.inCluster('app-{{.region}}'),
      },
    });
    expect(() => app.synthFiles()).toThrow(
      /\[argocd\/apps\] the template reads \{\{\.region\}\} \(in spec.destination.namespace\), but the list generator does not produce it for list element #2 \{"env":"prod"\} \(with missingkey=error the controller fails to generate the Application\) \(got "region"\)\. Fix: use one of the parameters it produces \(env, region\), or add 'region' to every element/);
  });

  test('GIVEN generators with known parameter names WHEN the template reads others THEN errors; unknown generators are not checked', () => {
    const { app, chart } = setup('none');
    new ApplicationSet(chart, 'previews', {
      generators: [Generator.pullRequest({ provider: PullRequestProvider.github({ owner: 'acme', repo: 'shop' }), values: { domain: 'preview.example.com' } })],
      template: {
        name: 'shop-pr-{{.number}}',
        project: 'previews',
        annotations: { 'example.com/url': 'https://{{.number}}.{{.values.domain}}', 'example.com/sha': '{{.head_sha_short}}' },
        source: ApplicationSource.directory({ repoUrl: GIT, path: 'shop', targetRevision: '{{.head_sha}}' }),
        destination: Destination.inCluster('shop-pr-{{.number}}'),
      },
    });
    new ApplicationSet(chart, 'plugin', {
      generators: [Generator.plugin({ configMapRef: 'my-plugin', parameters: { a: 1 } })],
      template: { name: '{{.anything}}', project: 'apps', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.inCluster('x') },
    });
    expect(() => app.synthFiles()).toThrow(/reads \{\{\.head_sha_short\}\} .* but the pullRequest generator does not produce it .* Fix: use one of the parameters it produces \(author, branch, branch_slug, head_sha, head_short_sha, head_short_sha_7, labels, number, target_branch, target_branch_slug, title, values\)/);
  });

  test('GIVEN two parameter sets with the same name WHEN synthesized THEN a duplicate-name error', () => {
    const { app, chart } = setup('none');
    new ApplicationSet(chart, 'apps', {
      generators: [Generator.list({ elements: [{ env: 'dev', team: 'a' }, { env: 'dev', team: 'b' }] })],
      template: { name: '{{.env}}-app', project: 'apps', source: ApplicationSource.directory({ repoUrl: GIT, path: '{{.team}}' }), destination: Destination.inCluster('x') },
    });
    expect(() => app.synthFiles()).toThrow(/2 parameter sets generate the same Application name "dev-app" \(list element #1 .*; list element #2 .*\); the controller refuses duplicates.*Fix: make the template name unique/);
  });

  test('GIVEN a generated name that an Application or another ApplicationSet already uses WHEN synthesized THEN a collision error', () => {
    const { app, chart } = setup('none');
    const src = ApplicationSource.directory({ repoUrl: GIT, path: 'x' });
    new Application(chart, 'dev-app', { project: 'apps', source: src, destination: Destination.inCluster('x') });
    new ApplicationSet(chart, 'a', {
      generators: [Generator.list({ elements: [{ env: 'dev' }, { env: 'prod' }] })],
      template: { name: '{{.env}}-app', project: 'apps', source: src, destination: Destination.inCluster('x') },
    });
    new ApplicationSet(chart, 'b', {
      generators: [Generator.list({ elements: [{ env: 'prod' }] })],
      template: { name: '{{.env}}-app', project: 'apps', source: src, destination: Destination.inCluster('x') },
    });
    expect(() => app.synthFiles()).toThrow(/\[argocd\/a\] the generated Application "dev-app" \(list element #1 \{"env":"dev"\}\) has the same name as one of Application argocd\/dev-app in namespace "argocd"/);
    expect(() => app.synthFiles()).toThrow(/\[argocd\/b\] the generated Application "prod-app" .* has the same name as one of ApplicationSet argocd\/a/);
  });

  test('GIVEN a rendered name that is not DNS-1123 WHEN synthesized THEN an error naming it', () => {
    const { app, chart } = setup('none');
    new ApplicationSet(chart, 'apps', {
      generators: [Generator.list({ elements: [{ env: 'Dev_1' }] })],
      template: { name: '{{.env}}-app', project: 'apps', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.inCluster('x') },
    });
    expect(() => app.synthFiles()).toThrow(/generated Application the name is not a DNS-1123 subdomain.*"Dev_1-app".*Fix: .*dev-1-app/);
  });

  test('GIVEN maxUpdate out of range WHEN built THEN it fails with the value and the fix', () => {
    expect(() => MaxUpdate.percent(150)).toThrow(/maxUpdate percent must be a whole number from 0 to 100 \(got 150\)/);
    expect(() => MaxUpdate.percent(12.5)).toThrow(/whole number from 0 to 100/);
    expect(() => MaxUpdate.count(-1)).toThrow(/maxUpdate must be a whole number of Applications ≥ 0 .*\(got -1\)\. Fix: use MaxUpdate.count\(1\)/);
    expect(() => MaxUpdate.count(1.5)).toThrow(/got 1.5/);
    expect(MaxUpdate.percent(10).batchSize(5)).toBe(1);
    expect(MaxUpdate.percent(50).batchSize(5)).toBe(2);
    expect(MaxUpdate.PAUSE.pauses).toBe(true);
  });

  test('GIVEN invalid RollingSync steps WHEN built THEN clear errors', () => {
    expect(() => ApplicationSetStrategy.rollingSync([])).toThrow(/needs at least one step/);
    expect(() => ApplicationSetStrategy.rollingSync([{ matchExpressions: [] }])).toThrow(/step 1 has no matchExpressions/);
    expect(() => ApplicationSetStrategy.rollingSync([{ matchExpressions: [{ key: 'env', operator: 'Exists' as any, values: ['x'] }] }])).toThrow(/only In and NotIn/);
    expect(() => ApplicationSetStrategy.rollingSync([{ matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: [] }] }])).toThrow(/env In needs at least one value/);
    expect(() => ApplicationSetStrategy.rollingSync([{ matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: ['a'] }], maxUpdate: 2 as any }])).toThrow(/built with MaxUpdate.count\(\)/);
  });

  test('GIVEN automated sync in a RollingSync template WHEN synthesized THEN it explains that Argo CD turns it off', () => {
    const { app, chart } = setup();
    matrixAppSet(chart, {
      template: {
        name: '{{.env}}-{{.service}}',
        project: 'apps',
        labels: { env: '{{.env}}' },
        source: ApplicationSource.directory({ repoUrl: GIT, path: '{{.service}}' }),
        destination: Destination.inCluster('{{.env}}'),
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      },
    });
    expect(() => app.synthFiles()).toThrow(/\[argocd\/services\] the template turns on automated sync, but RollingSync turns auto-sync off on every generated Application \(Argo CD 3.3\+ writes automated.enabled: false; the controller syncs step by step\).*Fix: remove syncPolicy.automated; to keep pruning when the rollout syncs, write automated: \{ enabled: false, prune: true, selfHeal: true \}/);
  });

  test('GIVEN RollingSync without the progressive-syncs flag WHEN synthesized THEN an error with the fix, unless managed externally', () => {
    const none = setup('none');
    matrixAppSet(none.chart);
    expect(() => none.app.synthFiles()).toThrow(/RollingSync strategy, but progressive syncs are off.*no ArgoCdSettings for namespace \\"argocd\\".*Fix: add new ArgoCdSettings\(chart, 'argocd-settings', \{ namespace: 'argocd', progressiveSyncs: true \}\), or set progressiveSyncsManagedExternally: true/);
    const off = setup('off');
    matrixAppSet(off.chart);
    expect(() => off.app.synthFiles()).toThrow(/progressive syncs are off.*\["argocd\/settings"\].*Fix: call enableProgressiveSyncs\(\) on the ArgoCdSettings/);
    const external = setup('none');
    matrixAppSet(external.chart, { progressiveSyncsManagedExternally: true });
    expect(synthAppSets(external.app)).toHaveLength(1);
  });

  test('GIVEN an Application no step matches WHEN synthesized THEN "never synced"', () => {
    const { app, chart } = setup();
    matrixAppSet(chart, {
      strategy: ApplicationSetStrategy.rollingSync([
        { matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: ['dev'] }] },
        { matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: ['prod'] }] },
      ]),
    });
    expect(() => app.synthFiles()).toThrow(/the generated Application "staging-api" \(labels \{"env":"staging","service":"api"\}\) matches no RollingSync step, so the rollout never syncs it/);
  });

  test('GIVEN overlapping steps WHEN synthesized THEN an ambiguity error', () => {
    const { app, chart } = setup();
    matrixAppSet(chart, {
      strategy: ApplicationSetStrategy.rollingSync([
        { matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: ['dev', 'staging'] }] },
        { matchExpressions: [{ key: 'env', operator: StepOperator.NOT_IN, values: ['dev'] }] },
      ]),
    });
    expect(() => app.synthFiles()).toThrow(/"staging-api" matches several RollingSync steps \(1, 2\)/);
  });

  test('GIVEN a step on a label the template does not set WHEN synthesized THEN an error naming the label', () => {
    const { app, chart } = setup();
    new ApplicationSet(chart, 'apps', {
      generators: [Generator.clusters()],
      template: { name: '{{.name}}-app', project: 'apps', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.byServer('{{.server}}', 'x') },
      strategy: ApplicationSetStrategy.rollingSync([{ matchExpressions: [{ key: 'stage', operator: StepOperator.IN, values: ['canary'] }] }]),
    });
    expect(() => app.synthFiles()).toThrow(/RollingSync step 1 \(stage In \[canary\]\) matches the label stage, but the template sets no such label.*Fix: add labels: \{ 'stage': '\{\{\.stage\}\}' \}/);
  });

  test('GIVEN a parameter in a boolean or list field WHEN built THEN it is rejected with the templatePatch fix', () => {
    const { chart } = setup('none');
    const base = { name: '{{.env}}', project: 'apps', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.inCluster('x') };
    expect(() => new ApplicationSet(chart, 'a', {
      generators: [envs()], template: { ...base, syncPolicy: { automated: { prune: '{{.prune}}' as any } } },
    })).toThrow(/spec.syncPolicy.automated.prune is a boolean: ApplicationSet templates substitute parameters into string fields only .*\(got "\{\{\.prune\}\}"\)\. Fix: bind it with templatePatch: TemplatePatch.fromParameters\(\{ prune: 'prune' \}\)/);
    expect(() => new ApplicationSet(chart, 'b', {
      generators: [envs()], template: { ...base, syncPolicy: { syncOptions: '{{.syncOptions}}' as any } },
    })).toThrow(/spec.syncPolicy.syncOptions is a list.*TemplatePatch.fromParameters\(\{ syncOptions: 'syncOptions' \}\)/);
    expect(() => SyncOption.of('CreateNamespace={{.createNamespace}}')).toThrow(/a sync option cannot hold an ApplicationSet parameter.*TemplatePatch.fromParameters/);
    expect(() => new ApplicationSet(chart, 'c', {
      generators: [envs()], template: { ...base, revisionHistoryLimit: '{{.keep}}' as any },
    })).toThrow(/spec.revisionHistoryLimit is a number.*TemplatePatch.fromYaml/);
  });

  test('GIVEN template mistakes WHEN built THEN clear errors', () => {
    const { chart } = setup('none');
    const src = ApplicationSource.directory({ repoUrl: GIT, path: 'x' });
    const gens = [Generator.list({ elements: [{ env: 'dev' }] })];
    expect(() => new ApplicationSet(chart, 'a', { generators: gens, template: { name: 'static', project: 'apps', source: src, destination: Destination.inCluster('x') } }))
      .toThrow(/the template name has no parameter, so every generated Application would get the same name/);
    expect(() => new ApplicationSet(chart, 'b', { generators: gens, template: { name: 'App_{{.env}}', project: 'apps', source: src, destination: Destination.inCluster('x') } }))
      .toThrow(/template name "App_\{\{\.env\}\}": the name is not a DNS-1123 subdomain/);
    expect(() => new ApplicationSet(chart, 'c', { generators: gens, template: { name: '{{.env}}', project: 'apps', destination: Destination.inCluster('x') } }))
      .toThrow(/the template needs a source/);
    expect(() => new ApplicationSet(chart, 'd', { generators: gens, template: { name: '{{.env}}', project: 'apps', source: src, destination: Destination.inCluster('x'), deletionCascade: DeletionCascade.BACKGROUND } }))
      .toThrow(/background deletion finalizer contradicts preserveResourcesOnDeletion: true/);
    expect(() => new ApplicationSet(chart, 'e', { generators: gens, template: { name: '{{.env}}', project: 'apps', source: src, destination: Destination.inCluster('x'), deletionCascade: DeletionCascade.NONE } }))
      .toThrow(/the ApplicationSet decides the finalizer of generated Applications with preserveResourcesOnDeletion/);
    expect(() => new ApplicationSet(chart, 'f', { generators: gens, goTemplateOptions: ['missingkey=oops'], template: { name: '{{.env}}', project: 'apps', source: src, destination: Destination.inCluster('x') } }))
      .toThrow(/unknown Go template option/);
    expect(() => new ApplicationSet(chart, 'g', { generators: gens, template: { name: '{{.env}}', project: 'apps', source: src, destination: Destination.inCluster('x') }, ignoreApplicationDifferences: [{ name: 'x' }] }))
      .toThrow(/ignoreApplicationDifferences rule ignores nothing/);
  });

  test('GIVEN no generator WHEN synthesized THEN an error', () => {
    const { app, chart } = setup('none');
    new ApplicationSet(chart, 'apps', { template: { name: '{{.x}}', project: 'apps', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.inCluster('x') } });
    expect(() => app.synthFiles()).toThrow(/an ApplicationSet needs at least one generator/);
  });

  test('GIVEN generators known only at run time WHEN previewed THEN preview() refuses and the plan lists the steps only', () => {
    const { app, chart } = setup();
    const set = new ApplicationSet(chart, 'apps', {
      generators: [Generator.clusters({ clusterSelector: { matchLabels: { env: 'prod' } } })],
      template: { name: '{{.name}}-app', project: 'apps', labels: { tier: 'web' }, source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.byServer('{{.server}}', 'x') },
      strategy: ApplicationSetStrategy.rollingSync([{ matchExpressions: [{ key: 'tier', operator: StepOperator.IN, values: ['web'] }], maxUpdate: MaxUpdate.percent(25) }]),
    });
    expect(set.previewable).toBe(false);
    expect(() => set.preview()).toThrow(/not known at synth \(got "the clusters generator reads the clusters registered in Argo CD"\)/);
    const plan = app.synthFiles()['argocd/ROLLOUT-apps.md'];
    expect(plan).toContain('known only at run time (the clusters generator reads the clusters registered in Argo CD)');
    expect(plan).toContain('step_1_empty["(known at run time)"]');
    expect(set.previewSteps()).toEqual([{ step: 1, description: 'step 1', selector: 'tier In [web]', maxUpdate: '25%', batchSize: 0, applications: [] }]);
  });

  test('GIVEN a placeholder in an Application destination WHEN built THEN it is rejected (only templates fill them in)', () => {
    const { chart } = setup('none');
    expect(() => new Application(chart, 'x', { project: 'apps', destination: Destination.inCluster('{{.ns}}'), source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }) }))
      .toThrow(/only ApplicationSet templates fill those in/);
  });
});

describe('fasttemplate (goTemplate: false)', () => {
  test('GIVEN legacy templates WHEN previewed and checked THEN flattened keys are used', () => {
    const { app, chart } = setup('none');
    const set = new ApplicationSet(chart, 'legacy', {
      goTemplate: false,
      generators: [Generator.list({ elements: [{ cluster: 'a', meta: { team: 'x' } }] })],
      template: { name: '{{cluster}}-{{meta.team}}', project: 'apps', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.inCluster('{{cluster}}') },
    });
    expect(set.preview().map(a => [a.name, a.namespace])).toEqual([['a-x', 'a']]);
    const [doc] = synthAppSets(app);
    expect(doc.spec.goTemplate).toBeUndefined();
    expect(doc.spec.goTemplateOptions).toBeUndefined();
  });
});

describe('ApplicationSet previews and deletion policy', () => {
  const prGen = () => Generator.pullRequest({ provider: PullRequestProvider.github({ owner: 'acme', repo: 'shop' }) });
  const template = {
    name: 'shop-pr-{{.number}}',
    project: 'previews',
    source: ApplicationSource.directory({ repoUrl: GIT, path: 'shop', targetRevision: '{{.head_sha}}' }),
    destination: Destination.inCluster('shop-pr-{{.number}}'),
  };

  test('GIVEN a pullRequest generator and the default create-update WHEN synthesized THEN warning APPSET-102 asks for an explicit choice (fatal in strict mode)', () => {
    const { app, chart } = setup('none');
    new ApplicationSet(chart, 'previews', { generators: [prGen()], template });
    app.synthFiles();
    const findings = GitOpsRules.of(app).findings.filter(f => f.ruleId === 'APPSET-102');
    expect(findings.map(f => [f.level, f.path])).toEqual([['warning', 'argocd/previews']]);
    expect(findings[0].message).toMatch(/a pullRequest generator with applicationsSync `create-update` \(the default\) never deletes a generated Application.*Fix: choose explicitly: applicationsSync: ApplicationsSyncPolicy.SYNC.*\[APPSET-102\]$/);
    const strict = new GitOpsApp({ repoUrl: GIT, targetRevision: 'main', strict: true });
    new ApplicationSet(new GitOpsChart(strict, 'argocd', { folder: 'argocd' }), 'previews', { generators: [prGen()], template });
    expect(() => strict.synthFiles()).toThrow(/\[APPSET-102\]/);
  });

  test('GIVEN an scmProvider generator inside a matrix WHEN the policy is defaulted THEN the same warning', () => {
    const { app, chart } = setup('none');
    new ApplicationSet(chart, 'repos', {
      generators: [Generator.matrix(Generator.scmProvider({ provider: ScmProvider.github({ organization: 'acme' }) }), Generator.list({ elements: [{ env: 'dev' }] }))],
      template: {
        ...template,
        name: '{{.repository}}-{{.env}}',
        destination: Destination.inCluster('{{.repository}}'),
        source: ApplicationSource.directory({ repoUrl: GIT, path: 'deploy', targetRevision: '{{.sha}}' }),
      },
    });
    app.synthFiles();
    expect(GitOpsRules.of(app).findings.filter(f => f.ruleId === 'APPSET-102').map(f => f.message)).toEqual([expect.stringMatching(/^a scmProvider generator with applicationsSync `create-update`/)]);
  });

  test('GIVEN an explicit choice WHEN synthesized THEN it passes (SYNC removes previews, an explicit CREATE_UPDATE keeps them on purpose)', () => {
    for (const applicationsSync of [ApplicationsSyncPolicy.SYNC, ApplicationsSyncPolicy.CREATE_UPDATE, ApplicationsSyncPolicy.CREATE_DELETE]) {
      const { app, chart } = setup('none');
      new ApplicationSet(chart, 'previews', { generators: [prGen()], template, applicationsSync, preserveResourcesOnDeletion: applicationsSync === ApplicationsSyncPolicy.CREATE_UPDATE });
      expect(() => app.synthFiles()).not.toThrow();
      expect(GitOpsRules.of(app).findings.filter(f => f.ruleId === 'APPSET-102')).toEqual([]);
    }
  });
});
