import { ApiObject, Chart, Duration, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import {
  Application, ApplicationSource, DeletionCascade, Destination, GitOpsApp, GitOpsChart, PropagationPolicy, SyncOption,
} from '../src';
import { expectSchemaValid, expectSchemaValidChart } from './util/schema';

const GIT = 'https://git.example.com/platform/gitops.git';

function chart() {
  return Testing.chart();
}

function appDoc(c: Chart) {
  const docs = expectSchemaValidChart(c);
  return docs.filter((d: any) => d.kind === 'Application');
}

describe('Application', () => {
  test('GIVEN a Helm repo chart with value files and CreateNamespace WHEN synthesized THEN it is schema-valid and shaped like Argo CD expects', () => {
    const c = chart();
    new Application(c, 'ingress-nginx', {
      project: 'platform',
      destination: Destination.inCluster('ingress-nginx'),
      source: ApplicationSource.helm({
        repoUrl: 'https://kubernetes.github.io/ingress-nginx',
        chart: 'ingress-nginx',
        version: '4.11.3',
        valueFiles: ['values-prod.yaml'],
        valuesObject: { controller: { replicaCount: 2 } },
        parameters: [{ name: 'controller.image.tag', value: 'v1.11.3', forceString: true }],
        releaseName: 'ingress',
      }),
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: [SyncOption.CREATE_NAMESPACE] },
    });
    const [app] = appDoc(c);
    expect(app.metadata).toEqual({
      name: 'ingress-nginx',
      namespace: 'argocd',
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    });
    expect(app.spec.source).toEqual({
      repoURL: 'https://kubernetes.github.io/ingress-nginx',
      chart: 'ingress-nginx',
      targetRevision: '4.11.3',
      helm: {
        releaseName: 'ingress',
        valueFiles: ['values-prod.yaml'],
        valuesObject: { controller: { replicaCount: 2 } },
        parameters: [{ name: 'controller.image.tag', value: 'v1.11.3', forceString: true }],
      },
    });
    expect(app.spec.syncPolicy).toEqual({ automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] });
    expect(app.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'ingress-nginx' });
    expect(Testing.synth(c)).toMatchSnapshot();
  });

  test('GIVEN the multi-option service app WHEN synthesized THEN retry, ignoreDifferences, options, notifications and finalizer are all emitted', () => {
    const c = chart();
    new Application(c, 'svc', {
      name: 'orders',
      project: 'apps',
      destination: Destination.byName('prod-eu', 'orders'),
      source: ApplicationSource.kustomize({ repoUrl: GIT, path: 'services/orders/overlays/prod', images: ['orders=registry/orders:2.1.0'] }),
      syncWave: 3,
      syncPolicy: {
        automated: { prune: true, selfHeal: true, allowEmpty: false },
        syncOptions: [SyncOption.PRUNE_LAST, SyncOption.RESPECT_IGNORE_DIFFERENCES, SyncOption.APPLY_OUT_OF_SYNC_ONLY,
          SyncOption.prunePropagationPolicy(PropagationPolicy.FOREGROUND)],
        retry: { limit: 5, backoff: { duration: Duration.seconds(5), factor: 2, maxDuration: Duration.minutes(3) } },
      },
      ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
      notifications: [
        { trigger: 'on-sync-failed', service: 'slack', recipients: ['orders-alerts', 'sre'] },
        { trigger: 'on-sync-failed', service: 'slack', recipients: ['sre'] },
      ],
      info: [{ name: 'owner', value: 'team-orders' }],
      revisionHistoryLimit: 5,
    });
    const [app] = appDoc(c);
    expect(app.metadata.name).toBe('orders');
    expect(app.metadata.annotations).toEqual({
      'argocd.argoproj.io/sync-wave': '3',
      'notifications.argoproj.io/subscribe.on-sync-failed.slack': 'orders-alerts;sre',
    });
    expect(app.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
    expect(app.spec.syncPolicy.retry).toEqual({ limit: 5, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } });
    expect(app.spec.syncPolicy.syncOptions).toEqual([
      'PruneLast=true', 'RespectIgnoreDifferences=true', 'ApplyOutOfSyncOnly=true', 'PrunePropagationPolicy=foreground',
    ]);
    expect(app.spec.ignoreDifferences).toEqual([{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }]);
    expect(app.spec.destination).toEqual({ name: 'prod-eu', namespace: 'orders' });
    expect(app.spec.source.kustomize).toEqual({ images: ['orders=registry/orders:2.1.0'] });
    expect(app.spec.source.targetRevision).toBe('HEAD');
    expect(app.spec.info).toEqual([{ name: 'owner', value: 'team-orders' }]);
    expect(app.spec.revisionHistoryLimit).toBe(5);
    expect(Testing.synth(c)).toMatchSnapshot();
  });

  test('sync wave is a string annotation, also when negative', () => {
    const c = chart();
    const a = new Application(c, 'crds', { project: 'platform', destination: Destination.inCluster(), source: ApplicationSource.directory({ repoUrl: GIT, path: 'crds' }) });
    a.syncWave = -1;
    expect(appDoc(c)[0].metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '-1' });
  });

  test('multi-source: chart plus $values ref', () => {
    const c = chart();
    new Application(c, 'prom', {
      project: 'platform',
      destination: Destination.inCluster('monitoring'),
      sources: [
        ApplicationSource.helm({ repoUrl: 'https://prometheus-community.github.io/helm-charts', chart: 'prometheus', version: '27.1.0', valueFiles: ['$values/charts/prometheus/values.yaml'] }),
        ApplicationSource.ref({ repoUrl: GIT, ref: 'values' }),
      ],
    });
    const [app] = appDoc(c);
    expect(app.spec.source).toBeUndefined();
    expect(app.spec.sources).toEqual([
      { repoURL: 'https://prometheus-community.github.io/helm-charts', chart: 'prometheus', targetRevision: '27.1.0', helm: { valueFiles: ['$values/charts/prometheus/values.yaml'] } },
      { repoURL: GIT, ref: 'values', targetRevision: 'HEAD' },
    ]);
  });

  test('Helm chart in git, directory with include/exclude/recurse, plugin', () => {
    const c = chart();
    new Application(c, 'a', { project: 'p', destination: Destination.inCluster('a'), source: ApplicationSource.helmChart({ repoUrl: GIT, path: 'charts/a', targetRevision: 'v1.0.0', valueFiles: ['values.yaml'], skipCrds: true, releaseName: 'a' }) });
    new Application(c, 'b', { project: 'p', destination: Destination.inCluster('b'), source: ApplicationSource.directory({ repoUrl: GIT, path: 'manifests', recurse: true, include: '{*.yaml,*.yml}', exclude: 'test-*' }) });
    new Application(c, 'c', { project: 'p', destination: Destination.inCluster('c'), source: ApplicationSource.of({ repoUrl: GIT, path: 'cmp', plugin: { name: 'envsubst', env: { B: '2', A: '1' } } }) });
    const [a, b, cc] = appDoc(c);
    expect(a.spec.source).toEqual({ repoURL: GIT, path: 'charts/a', targetRevision: 'v1.0.0', helm: { valueFiles: ['values.yaml'], skipCrds: true, releaseName: 'a' } });
    expect(b.spec.source.directory).toEqual({ recurse: true, include: '{*.yaml,*.yml}', exclude: 'test-*' });
    expect(cc.spec.source.plugin).toEqual({ name: 'envsubst', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] });
  });

  test('kustomize replicas are emitted as int-or-string counts', () => {
    const c = chart();
    new Application(c, 'k', { project: 'p', destination: Destination.inCluster('k'), source: ApplicationSource.kustomize({ repoUrl: GIT, path: 'k', replicas: [{ name: 'web', count: 3 }], namePrefix: 'prod-' }) });
    expect(appDoc(c)[0].spec.source.kustomize).toEqual({ namePrefix: 'prod-', replicas: [{ name: 'web', count: 3 }] });
  });

  test('deletion cascade: background finalizer, or none', () => {
    const c = chart();
    new Application(c, 'bg', { project: 'p', destination: Destination.inCluster('x'), source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), deletionCascade: DeletionCascade.BACKGROUND });
    new Application(c, 'none', { project: 'p', destination: Destination.inCluster('y'), source: ApplicationSource.directory({ repoUrl: GIT, path: 'y' }), deletionCascade: DeletionCascade.NONE });
    const [bg, none] = appDoc(c);
    expect(bg.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io/background']);
    expect(none.metadata.finalizers).toBeUndefined();
  });

  test('managed namespace metadata with CreateNamespace', () => {
    const c = chart();
    new Application(c, 'ns', {
      project: 'p',
      destination: Destination.inCluster('team-a'),
      source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }),
      syncPolicy: { syncOptions: [SyncOption.CREATE_NAMESPACE], managedNamespaceMetadata: { labels: { 'team': 'a', 'argocd.argoproj.io/managed-by': 'argocd' } } },
    });
    expect(appDoc(c)[0].spec.syncPolicy).toEqual({
      syncOptions: ['CreateNamespace=true'],
      managedNamespaceMetadata: { labels: { 'argocd.argoproj.io/managed-by': 'argocd', 'team': 'a' } },
    });
  });

  test('automated.enabled false keeps the block but disables auto-sync', () => {
    const c = chart();
    const a = new Application(c, 'off', { project: 'p', destination: Destination.inCluster('x'), source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), syncPolicy: { automated: { enabled: false, prune: true } } });
    expect(a.automatedSync).toBe(false);
    expect(appDoc(c)[0].spec.syncPolicy).toEqual({ automated: { enabled: false, prune: true } });
  });

  test('retry limit -1 means unlimited; default limit is 5', () => {
    const c = chart();
    new Application(c, 'r1', { project: 'p', destination: Destination.inCluster('x'), source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), syncPolicy: { retry: { limit: -1 } } });
    new Application(c, 'r2', { project: 'p', destination: Destination.inCluster('x'), source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), syncPolicy: { retry: { backoff: { duration: Duration.millis(1500) } } } });
    const [r1, r2] = appDoc(c);
    expect(r1.spec.syncPolicy.retry).toEqual({ limit: -1 });
    expect(r2.spec.syncPolicy.retry).toEqual({ limit: 5, backoff: { duration: '1s500ms' } });
  });

  test('addSyncOption, addLabel and addAnnotation after construction', () => {
    const c = chart();
    const a = new Application(c, 'late', { project: 'p', destination: Destination.inCluster('x'), source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }) });
    a.addSyncOption(SyncOption.of('ServerSideApply=true'));
    a.addLabel('tier', 'infra');
    a.addAnnotation('argocd.argoproj.io/manifest-generate-paths', '.');
    const [doc] = appDoc(c);
    expect(doc.spec.syncPolicy).toEqual({ syncOptions: ['ServerSideApply=true'] });
    expect(doc.metadata.labels).toEqual({ tier: 'infra' });
    expect(doc.metadata.annotations).toEqual({ 'argocd.argoproj.io/manifest-generate-paths': '.' });
  });

  test('fromChart points at the chart folder inside the GitOpsApp repository', () => {
    const app = new GitOpsApp({ outdir: Testing.app().outdir, repoUrl: GIT, targetRevision: 'main', repoPath: 'clusters/prod' });
    const workloads = new Chart(app, 'payments');
    new ApiObject(workloads, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'payments' } }); // an empty chart is APP-303
    const apps = new GitOpsChart(app, 'apps', { folder: 'argocd' });
    new Application(apps, 'payments', { project: 'apps', destination: Destination.inCluster('payments'), source: ApplicationSource.fromChart(workloads) });
    const files = app.synthFiles();
    expect(Object.keys(files)).toEqual(['argocd/apps.k8s.yaml', 'payments/payments.k8s.yaml']);
    const docs = expectSchemaValid(parseAllDocuments(files['argocd/apps.k8s.yaml']).map((d: any) => d.toJSON()));
    expect(docs[0].spec.source).toEqual({ repoURL: GIT, path: 'clusters/prod/payments', targetRevision: 'main' });
  });
});

describe('Application checks fail at synth with path, value and fix', () => {
  const dest = Destination.inCluster('x');
  const src = ApplicationSource.directory({ repoUrl: GIT, path: 'x' });

  test('invalid name (uppercase)', () => {
    expect(() => new Application(chart(), 'a', { name: 'Payments', project: 'p', destination: dest, source: src }))
      .toThrow(/\[test\/a\] Application the name is not a DNS-1123 subdomain.*"Payments".*Fix:/);
  });

  test('name longer than 63 characters', () => {
    const long = 'a'.repeat(64);
    expect(() => new Application(chart(), 'a', { name: long, project: 'p', destination: dest, source: src })).toThrow(/63/);
  });

  test('invalid label value', () => {
    expect(() => new Application(chart(), 'a', { project: 'p', destination: dest, source: src, labels: { tier: '-bad-' } }))
      .toThrow(/label tier: the label value may only contain.*"-bad-".*Fix:/);
  });

  test('server and name both set', () => {
    expect(() => Destination.of({ server: 'https://kubernetes.default.svc', name: 'in-cluster', namespace: 'x' }))
      .toThrow(/both name and server.*Fix: keep one/);
  });

  test('neither server nor name', () => {
    expect(() => Destination.of({ namespace: 'x' })).toThrow(/needs a cluster/);
  });

  test('two source types in one source', () => {
    expect(() => ApplicationSource.of({ repoUrl: GIT, path: 'x', helm: {}, kustomize: {} }))
      .toThrow(/only one source type.*\["helm","kustomize"\].*Fix:/);
  });

  test('$ref value file whose ref source does not exist', () => {
    const c = chart();
    new Application(c, 'a', {
      project: 'p',
      destination: dest,
      sources: [
        ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'x', version: '1.0.0', valueFiles: ['$vals/x.yaml'] }),
        ApplicationSource.ref({ repoUrl: GIT, ref: 'values' }),
      ],
    });
    expect(() => Testing.synth(c)).toThrow(/\[test\/a\] a value file reads \$vals\/\.\.\., but no source has ref: 'vals' \(got refs \["values"\]\)\. Fix:/);
  });

  test('$ref value file in a single-source app', () => {
    const c = chart();
    new Application(c, 'a', { project: 'p', destination: dest, source: ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'x', version: '1', valueFiles: ['$values/x.yaml'] }) });
    expect(() => Testing.synth(c)).toThrow(/no source has ref: 'values'/);
  });

  test('$ref in the middle of a value file path', () => {
    expect(() => ApplicationSource.helmChart({ repoUrl: GIT, path: 'c', valueFiles: ['values/$values/x.yaml'] }))
      .toThrow(/must start with \$<ref>\/.*Fix:/);
  });

  test('ref source with chart', () => {
    expect(() => ApplicationSource.of({ repoUrl: 'https://charts.example.com', chart: 'x', ref: 'values' }))
      .toThrow(/a ref source cannot set chart.*Fix:/);
  });

  test('unknown sync option string', () => {
    expect(() => SyncOption.of('CreateNamespaces=true')).toThrow(/unknown sync option.*"CreateNamespaces=true".*Fix:/);
    expect(() => SyncOption.of('createnamespace=true')).toThrow(/spelled CreateNamespace/);
    expect(() => SyncOption.of('PruneLast')).toThrow(/Key=value/);
    expect(() => SyncOption.of('PruneLast=yes')).toThrow(/does not accept this value.*PruneLast=true/);
  });

  test('resource-only sync option on an Application', () => {
    expect(() => new Application(chart(), 'a', { project: 'p', destination: dest, source: src, syncPolicy: { syncOptions: [SyncOption.FORCE] } }))
      .toThrow(/only valid as a resource annotation/);
  });

  test('application-only option in a resource annotation', () => {
    expect(() => SyncOption.annotationValue([SyncOption.CREATE_NAMESPACE])).toThrow(/only valid on an Application/);
    expect(SyncOption.annotationValue([SyncOption.PRUNE_DISABLED, SyncOption.SKIP_DRY_RUN_ON_MISSING_RESOURCE])).toBe('Prune=false,SkipDryRunOnMissingResource=true');
  });

  test('conflicting values of the same sync option', () => {
    expect(() => new Application(chart(), 'a', { project: 'p', destination: dest, source: src, syncPolicy: { syncOptions: [SyncOption.serverSideApply(true), SyncOption.serverSideApply(false)] } }))
      .toThrow(/ServerSideApply is given twice with different values/);
  });

  test('negative retry limit other than -1', () => {
    expect(() => new Application(chart(), 'a', { project: 'p', destination: dest, source: src, syncPolicy: { retry: { limit: -2 } } }))
      .toThrow(/retry limit must be a whole number ≥ 0, or -1.*got -2/);
  });

  test('malformed durations', () => {
    expect(() => new Application(chart(), 'a', { project: 'p', destination: dest, source: src, syncPolicy: { retry: { backoff: { duration: Duration.millis(0.5) } } } }))
      .toThrow(/retry backoff duration must be a positive whole number of milliseconds/);
    expect(() => new Application(chart(), 'b', { project: 'p', destination: dest, source: src, syncPolicy: { retry: { backoff: { duration: Duration.minutes(5), maxDuration: Duration.minutes(1) } } } }))
      .toThrow(/maxDuration is shorter than duration/);
    expect(() => new Application(chart(), 'c', { project: 'p', destination: dest, source: src, syncPolicy: { retry: { backoff: { factor: 1.5 } } } }))
      .toThrow(/factor must be a whole number/);
  });

  test('source and sources together', () => {
    expect(() => new Application(chart(), 'a', { project: 'p', destination: dest, source: src, sources: [src] })).toThrow(/either source or sources/);
  });

  test('no source', () => {
    expect(() => new Application(chart(), 'a', { project: 'p', destination: dest })).toThrow(/needs a source/);
  });

  test('Helm repo chart without version', () => {
    expect(() => ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'x', version: '' })).toThrow(/needs a version.*Fix: pin/);
  });

  test('managedNamespaceMetadata without CreateNamespace', () => {
    expect(() => new Application(chart(), 'a', { project: 'p', destination: dest, source: src, syncPolicy: { managedNamespaceMetadata: { labels: { a: 'b' } } } }))
      .toThrow(/only applies with CreateNamespace=true/);
  });

  test('fromChart without a GitOpsApp repoUrl', () => {
    const app = new GitOpsApp({ outdir: Testing.app().outdir });
    const wl = new Chart(app, 'wl');
    const c = new Chart(app, 'apps');
    new Application(c, 'a', { project: 'p', destination: dest, source: ApplicationSource.fromChart(wl) });
    expect(() => app.synthFiles()).toThrow(/has no repoUrl.*Fix: pass repoUrl/);
  });

  test('fromChart with a plain cdk8s App', () => {
    const app = Testing.app();
    const wl = new Chart(app, 'wl');
    const c = new Chart(app, 'apps');
    new Application(c, 'a', { project: 'p', destination: dest, source: ApplicationSource.fromChart(wl) });
    expect(() => app.synth()).toThrow(/needs the chart and the Application in the same GitOpsApp.*Fix: create the app with new GitOpsApp/);
  });

  test('ignoreDifferences entry that ignores nothing, or a pointer without /', () => {
    expect(() => new Application(chart(), 'a', { project: 'p', destination: dest, source: src, ignoreDifferences: [{ kind: 'Deployment' }] })).toThrow(/ignores nothing/);
    expect(() => new Application(chart(), 'b', { project: 'p', destination: dest, source: src, ignoreDifferences: [{ kind: 'Deployment', jsonPointers: ['spec/replicas'] }] })).toThrow(/starts with \//);
  });

  test('non-integer sync wave', () => {
    expect(() => new Application(chart(), 'a', { project: 'p', destination: dest, source: src, syncWave: 1.5 })).toThrow(/sync wave must be an integer.*1\.5/);
  });

  test('destination namespace that is not a DNS label', () => {
    expect(() => Destination.inCluster('Team_A')).toThrow(/DNS-1123 label.*"Team_A"/);
  });
});

test('a zero backoff duration is rejected', () => {
  expect(() => new Application(Testing.chart(), 'z', {
    project: 'p',
    destination: Destination.inCluster('x'),
    source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }),
    syncPolicy: { retry: { backoff: { duration: Duration.millis(0) } } },
  })).toThrow(/retry backoff duration must be a positive whole number of milliseconds \(got 0\)/);
});
