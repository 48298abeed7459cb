/**
 * Programs that, between them, set every typed prop of test/crd-coverage/table.ts. Each returns the synthesized
 * documents; test/crd-field-coverage.test.ts validates them against the CRDs and checks every TYPED path appears.
 */
import { Chart, Duration, Testing } from 'cdk8s';
import {
  Application, ApplicationSet, ApplicationSetStrategy, ApplicationSource, ApplicationsSyncPolicy, AppProject, ArgoCdSettings,
  DeletionCascade, DeletionOrder, Destination, Generator, GpgVerificationMode, MaxUpdate, PolicyEffect, ProjectPolicy,
  ProjectPolicyAction, ProjectPolicyResource, PullRequestProvider, ScmProvider, SelectorOperator, StepOperator, SyncOption,
  SourceHydrator, SyncWindowKind, TemplatePatch,
} from '../../src';

const GIT = 'https://git.example.com/platform/gitops.git';
const SECRET = { secretName: 'scm-token', key: 'token' };
const CA = { configMapName: 'scm-ca', key: 'ca.crt' };
const BASIC = { username: 'bot', passwordRef: SECRET };
const SELECTOR = { matchLabels: { tier: 'web' }, matchExpressions: [{ key: 'env', operator: SelectorOperator.IN, values: ['dev'] }] };

const FULL_SYNC_POLICY = {
  automated: { enabled: true, prune: true, selfHeal: true, allowEmpty: false },
  syncOptions: [SyncOption.CREATE_NAMESPACE],
  retry: { limit: 3, refresh: true, backoff: { duration: Duration.seconds(5), factor: 2, maxDuration: Duration.minutes(3) } },
  managedNamespaceMetadata: { labels: { team: 'web' }, annotations: { 'example.com/owner': 'web' } },
};
const IGNORE = [{ group: 'apps', kind: 'Deployment', name: 'web', namespace: 'web', jsonPointers: ['/spec/replicas'], jqPathExpressions: ['.spec.x'], managedFieldsManagers: ['hpa'] }];

/** One source of every type, each with every option set. */
export function allSources(): ApplicationSource[] {
  return [
    ApplicationSource.helm({
      repoUrl: 'https://charts.example.com',
      chart: 'web',
      version: '1.2.3',
      name: 'chart',
      valueFiles: ['$values/web/values.yaml'],
      values: 'a: 1',
      valuesObject: { b: 2 },
      parameters: [{ name: 'image.tag', value: 'v1', forceString: true }],
      fileParameters: [{ name: 'cfg', path: 'cfg.txt' }],
      releaseName: 'web',
      skipCrds: true,
      skipSchemaValidation: true,
      skipTests: true,
      passCredentials: true,
      ignoreMissingValueFiles: true,
      helmVersion: 'v3',
      kubeVersion: '1.30.0',
      apiVersions: ['apps/v1/Deployment'],
      namespace: 'web',
    }),
    ApplicationSource.ref({ repoUrl: GIT, ref: 'values', targetRevision: 'main' }),
    ApplicationSource.kustomize({
      repoUrl: GIT,
      path: 'kustomize',
      targetRevision: 'main',
      name: 'kustomize',
      namePrefix: 'p-',
      nameSuffix: '-s',
      images: ['nginx=nginx:1.27'],
      namespace: 'web',
      commonLabels: { a: 'b' },
      commonAnnotations: { c: 'd' },
      commonAnnotationsEnvsubst: true,
      forceCommonLabels: true,
      forceCommonAnnotations: true,
      labelWithoutSelector: true,
      labelIncludeTemplates: true,
      components: ['../c'],
      ignoreMissingComponents: true,
      replicas: [{ name: 'web', count: 2 }],
      version: 'v5',
      kubeVersion: '1.30.0',
      apiVersions: ['apps/v1/Deployment'],
      patches: [
        {
          patch: '- op: add\n  path: /x\n  value: 1',
          options: { allowNameChange: true },
          target: { group: 'apps', version: 'v1', kind: 'Deployment', name: 'web', namespace: 'web', labelSelector: 'a=b', annotationSelector: 'c=d' },
        },
        { path: 'patch.yaml' },
      ],
    }),
    ApplicationSource.directory({
      repoUrl: GIT,
      path: 'jsonnet',
      recurse: true,
      include: '*.jsonnet',
      exclude: 'skip/*',
      jsonnet: {
        extVars: [{ name: 'env', value: 'prod' }, { name: 'replicas', value: '3', code: true }],
        tlas: [{ name: 'cluster', value: 'c1' }, { name: 'debug', value: 'false', code: true }],
        libs: ['vendor'],
      },
    }),
    ApplicationSource.plugin({
      repoUrl: GIT,
      path: 'plugin',
      pluginName: 'cmp-v1',
      env: { FOO: 'bar' },
      parameters: [{ name: 'a', string: 'x' }, { name: 'b', array: ['1', '2'] }, { name: 'c', map: { k: 'v' } }],
    }),
    ApplicationSource.of({ repoUrl: GIT, path: 'tagged', targetRevision: 'v1.*', tagPrefix: 'v' }),
  ];
}

export function applicationDocs(): any[] {
  const c: Chart = Testing.chart();
  new Application(c, 'multi', {
    name: 'multi',
    namespace: 'argocd',
    project: 'web',
    destination: Destination.byServer('https://kubernetes.default.svc', 'web'),
    sources: allSources(),
    syncPolicy: FULL_SYNC_POLICY,
    ignoreDifferences: IGNORE,
    info: [{ name: 'owner', value: 'web' }],
    revisionHistoryLimit: 5,
    deletionCascade: DeletionCascade.BACKGROUND,
    labels: { team: 'web' },
    annotations: { 'example.com/x': 'y' },
    syncWave: 1,
  });
  new Application(c, 'single', { project: 'web', destination: Destination.byName('prod', 'web'), source: allSources()[2] });
  return Testing.synth(c);
}

export function applicationSetDocs(): any[] {
  const c: Chart = Testing.chart();
  new ArgoCdSettings(c, 'settings', { progressiveSyncs: true });
  const override = {
    name: '{{.env}}-override',
    namespace: 'argocd',
    labels: { env: '{{.env}}' },
    annotations: { 'example.com/o': 'x' },
    project: 'web',
    source: ApplicationSource.directory({ repoUrl: GIT, path: 'override/{{.env}}' }),
    destination: Destination.inCluster('{{.env}}'),
    syncPolicy: { syncOptions: [SyncOption.CREATE_NAMESPACE] },
    ignoreDifferences: IGNORE,
    info: [{ name: 'o', value: 'x' }],
    revisionHistoryLimit: 3,
  };
  const list = Generator.list({ elements: [{ env: 'dev', tier: 'web' }], selector: SELECTOR, template: override });
  const clusters = Generator.clusters({ clusterSelector: SELECTOR, values: { env: 'dev' }, flatList: false, template: { project: 'web' } });
  const git = Generator.gitDirectories({
    repoUrl: GIT,
    revision: 'main',
    directories: ['apps/*'],
    exclude: ['apps/skip'],
    pathParamPrefix: 'app',
    requeueAfter: Duration.minutes(5),
    values: { env: 'dev' },
    template: { project: 'web' },
  });
  const files = Generator.gitFiles({ repoUrl: GIT, files: ['envs/*.json'], exclude: ['envs/skip.json'], template: { project: 'web' } });
  const cdr = Generator.clusterDecisionResource({
    configMapRef: 'ocm', name: 'placement', labelSelector: SELECTOR, requeueAfter: Duration.minutes(3), values: { env: 'dev' }, template: { project: 'web' },
  });
  const plugin = Generator.plugin({
    configMapRef: 'my-plugin', parameters: { a: 1 }, requeueAfter: Duration.minutes(3), values: { env: 'dev' }, template: { project: 'web' },
  });
  const pr = (provider: PullRequestProvider) => Generator.pullRequest({
    provider,
    filters: [{ branchMatch: '.*', targetBranchMatch: 'main', titleMatch: 'x' }],
    continueOnRepoNotFoundError: true,
    requeueAfter: Duration.minutes(3),
    values: { env: 'dev' },
    template: { project: 'web' },
  });
  const scm = (provider: ScmProvider) => Generator.scmProvider({
    provider,
    filters: [{ repositoryMatch: 'x', branchMatch: 'main', labelMatch: 'l', pathsExist: ['a'], pathsDoNotExist: ['b'] }],
    cloneProtocol: 'https',
    requeueAfter: Duration.minutes(3),
    values: { env: 'dev' },
    template: { project: 'web' },
  });
  const generators = [
    list, clusters, git, files, cdr, plugin,
    Generator.matrix(Generator.list({ elements: [{ env: 'dev' }] }), Generator.list({ elementsYaml: '{{ .components | toJson }}' }), { template: { project: 'web' } }),
    Generator.merge({ mergeKeys: ['env'], generators: [Generator.list({ elements: [{ env: 'dev' }] }), Generator.list({ elements: [{ env: 'dev' }] })], template: { project: 'web' } }),
    pr(PullRequestProvider.github({ owner: 'o', repo: 'r', api: 'https://api.github.com', tokenRef: SECRET, appSecretName: 'app', labels: ['preview'] })),
    pr(PullRequestProvider.gitlab({ project: '1', api: 'https://gitlab.com', tokenRef: SECRET, labels: ['l'], pullRequestState: 'opened', caRef: CA, insecure: false })),
    pr(PullRequestProvider.gitea({ owner: 'o', repo: 'r', api: 'https://gitea.example.com', tokenRef: SECRET, labels: ['l'], insecure: false })),
    pr(PullRequestProvider.bitbucket({ owner: 'o', repo: 'r', api: 'https://api.bitbucket.org/2.0', basicAuth: BASIC })),
    pr(PullRequestProvider.bitbucket({ owner: 'o', repo: 'r', bearerTokenRef: SECRET })),
    pr(PullRequestProvider.bitbucketServer({ project: 'P', repo: 'r', api: 'https://bb.example.com', bearerTokenRef: SECRET, caRef: CA, insecure: false })),
    pr(PullRequestProvider.bitbucketServer({ project: 'P', repo: 'r', api: 'https://bb.example.com', basicAuth: BASIC })),
    pr(PullRequestProvider.azureDevOps({ organization: 'o', project: 'p', repo: 'r', api: 'https://dev.azure.com', tokenRef: SECRET, labels: ['l'] })),
    scm(ScmProvider.github({ organization: 'o', api: 'https://api.github.com', tokenRef: SECRET, appSecretName: 'app', allBranches: true, excludeArchivedRepos: true })),
    scm(ScmProvider.gitlab({
      group: 'g',
      api: 'https://gitlab.com',
      tokenRef: SECRET,
      includeSubgroups: true,
      includeSharedProjects: false,
      includeArchivedRepos: false,
      allBranches: true,
      topic: 't',
      caRef: CA,
      insecure: false,
    })),
    scm(ScmProvider.gitea({ owner: 'o', api: 'https://gitea.example.com', tokenRef: SECRET, allBranches: true, excludeArchivedRepos: true, insecure: false })),
    scm(ScmProvider.bitbucket({ owner: 'o', user: 'u', appPasswordRef: SECRET, allBranches: true })),
    scm(ScmProvider.bitbucketServer({ project: 'P', api: 'https://bb.example.com', basicAuth: BASIC, caRef: CA, insecure: false, allBranches: true })),
    scm(ScmProvider.bitbucketServer({ project: 'P', api: 'https://bb.example.com', bearerTokenRef: SECRET })),
    scm(ScmProvider.azureDevOps({ organization: 'o', teamProject: 't', accessTokenRef: SECRET, api: 'https://dev.azure.com', allBranches: true })),
    scm(ScmProvider.awsCodeCommit({ region: 'eu-west-1', role: 'arn:aws:iam::1:role/x', tagFilters: [{ key: 'k', value: 'v' }], allBranches: true })),
  ];
  new ApplicationSet(c, 'appset', {
    name: 'appset',
    namespace: 'argocd',
    generators,
    goTemplate: true,
    goTemplateOptions: [], // the SCM / pull-request generators do not produce {{.env}}: no missingkey=error here
    template: {
      name: '{{.env}}-web',
      namespace: 'argocd',
      project: 'web',
      labels: { env: '{{.env}}' },
      annotations: { 'example.com/a': 'b' },
      deletionCascade: DeletionCascade.BACKGROUND,
      sources: allSources(),
      destination: Destination.inCluster('{{.env}}'),
      syncPolicy: { syncOptions: [SyncOption.CREATE_NAMESPACE], retry: FULL_SYNC_POLICY.retry },
      ignoreDifferences: IGNORE,
      info: [{ name: 'owner', value: 'web' }],
      revisionHistoryLimit: 5,
    },
    templatePatch: TemplatePatch.fromYaml('spec:\n  revisionHistoryLimit: 4\n'),
    strategy: ApplicationSetStrategy.rollingSync([
      { matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: ['dev'] }], maxUpdate: MaxUpdate.count(1) },
    ], { deletionOrder: DeletionOrder.REVERSE }),
    applicationsSync: ApplicationsSyncPolicy.CREATE_UPDATE,
    preserveResourcesOnDeletion: false,
    ignoreApplicationDifferences: [{ name: 'x', jsonPointers: ['/spec/source/targetRevision'], jqPathExpressions: ['.spec.x'] }],
    preservedFields: { annotations: ['a'], labels: ['b'] },
    labels: { team: 'web' },
    annotations: { 'example.com/a': 'b' },
  });
  new ApplicationSet(c, 'strict', {
    generators: [Generator.list({ elements: [{ env: 'dev' }] })],
    goTemplateOptions: ['missingkey=error'],
    template: { name: '{{.env}}-strict', project: 'web', source: allSources()[3], destination: Destination.inCluster('{{.env}}') },
  });
  return Testing.synth(c);
}

export function appProjectDocs(): any[] {
  const c: Chart = Testing.chart();
  new AppProject(c, 'web', {
    name: 'web',
    namespace: 'argocd',
    description: 'web team',
    finalizers: [AppProject.RESOURCES_FINALIZER],
    labels: { team: 'web' },
    annotations: { 'example.com/a': 'b' },
    syncWave: -1,
    sourceRepos: [GIT],
    sourceNamespaces: ['web-apps'],
    destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'web' }, { name: 'prod', namespace: 'web' }],
    clusterResourceWhitelist: [{ group: '', kind: 'Namespace', name: 'web' }],
    clusterResourceBlacklist: [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' }],
    namespaceResourceWhitelist: [{ group: 'apps', kind: 'Deployment' }],
    namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }],
    roles: [{
      name: 'ci',
      description: 'CI',
      groups: ['team-web'],
      policies: [ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.SYNC)],
      jwtTokens: [{ issuedAt: 1700000000, expiresAt: 1800000000, id: 'token-1' }],
    }],
    syncWindows: [{
      kind: SyncWindowKind.DENY,
      schedule: '0 22 * * *',
      duration: '8h',
      applications: ['*'],
      namespaces: ['web'],
      clusters: ['prod'],
      manualSync: true,
      timeZone: 'Europe/Berlin',
      andOperator: true,
      description: 'night',
      syncOverrun: true,
    }],
    orphanedResources: { warn: true, ignore: [{ group: '', kind: 'ConfigMap', name: 'kube-root-ca.crt' }] },
    destinationServiceAccounts: [{ server: 'https://kubernetes.default.svc', namespace: 'web', defaultServiceAccount: 'deployer' }],
    permitOnlyProjectScopedClusters: true,
    sourceIntegrity: { gitPolicies: [{ repos: ['https://git.example.com/*'], mode: GpgVerificationMode.HEAD, keys: ['4AEE18F83AFDEB23'] }] },
  });
  new AppProject(c, 'legacy', { sourceRepos: [GIT], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'legacy' }], signatureKeys: ['4AEE18F83AFDEB23'] });
  void PolicyEffect;
  return Testing.synth(c);
}

/** A dry source of each type (a git folder: no chart, ref, name or $ref value files), each with every option set. */
export function drySources(): { [type: string]: ApplicationSource } {
  const [, , kustomize, directory, plugin] = allSources();
  return {
    helm: ApplicationSource.helmChart({
      repoUrl: GIT,
      path: 'charts/web',
      targetRevision: 'main',
      valueFiles: ['values-prod.yaml'],
      values: 'a: 1',
      valuesObject: { b: 2 },
      parameters: [{ name: 'image.tag', value: 'v1', forceString: true }],
      fileParameters: [{ name: 'cfg', path: 'cfg.txt' }],
      releaseName: 'web',
      skipCrds: true,
      skipSchemaValidation: true,
      skipTests: true,
      passCredentials: true,
      ignoreMissingValueFiles: true,
      helmVersion: 'v3',
      kubeVersion: '1.30.0',
      apiVersions: ['apps/v1/Deployment'],
      namespace: 'web',
    }),
    kustomize: ApplicationSource.kustomize({ ...kustomize.options.kustomize, repoUrl: GIT, path: 'kustomize', targetRevision: 'main' }),
    directory,
    plugin,
  };
}

/**
 * Hydrated Applications and ApplicationSet templates (`sourceHydrator`), one of each per dry source type: between
 * them, each kind writes every `spec.sourceHydrator` path.
 */
export function sourceHydratorDocs(): any[] {
  const c: Chart = Testing.chart();
  new ArgoCdSettings(c, 'settings', { cmdParams: { 'hydrator.enabled': 'true' } });
  const hydrator = (drySource: ApplicationSource, path: string): SourceHydrator => ({
    drySource,
    syncSource: { targetBranch: 'environments/prod', path, repoUrl: 'https://git.example.com/platform/hydrated.git' },
    hydrateToBranch: 'environments/prod-next',
  });
  for (const [type, dry] of Object.entries(drySources())) {
    new Application(c, `hydrated-${type}`, { project: 'web', destination: Destination.inCluster('web'), sourceHydrator: hydrator(dry, `apps/${type}`) });
    new ApplicationSet(c, `hydrated-set-${type}`, {
      generators: [Generator.list({ elements: [{ env: 'dev' }] })],
      template: {
        name: `{{.env}}-${type}`,
        project: 'web',
        destination: Destination.inCluster('{{.env}}'),
        sourceHydrator: hydrator(dry, `sets/${type}/{{.env}}`),
      },
    });
  }
  return Testing.synth(c);
}

export function allFixtureDocs(): any[] {
  return [...applicationDocs(), ...applicationSetDocs(), ...appProjectDocs(), ...sourceHydratorDocs()];
}
