import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import {
  AppOfApps, Application, ApplicationSet, ApplicationSource, ArgoCdSettings, ArgoCdTarget, Destination, Generator, GitOpsApp, SourceHydrator,
} from '../src';
import { expectSchemaValid } from './util/schema';

const DRY = 'https://git.example.com/platform/dry.git';
const HYDRATED = 'https://git.example.com/platform/hydrated.git';

/** The render-then-commit-then-deploy shape: a Helm chart in git, hydrated to environments/prod/<app>. */
function hydrator(app: string, extra: Partial<SourceHydrator> = {}): SourceHydrator {
  return {
    drySource: ApplicationSource.helmChart({ repoUrl: DRY, targetRevision: 'main', path: `charts/${app}`, valueFiles: ['values-prod.yaml'] }),
    syncSource: { targetBranch: 'environments/prod', path: `apps/${app}` },
    ...extra,
  };
}

function hydratedApp(chart: any, id: string, h: SourceHydrator = hydrator(id)) {
  return new Application(chart, id, { project: 'apps', destination: Destination.inCluster(id), sourceHydrator: h });
}

describe('Application sourceHydrator', () => {
  test('GIVEN a hydrated Application WHEN synthesized THEN spec.sourceHydrator has drySource, syncSource, hydrateTo and no source; schema-valid', () => {
    const chart = Testing.chart();
    new ArgoCdSettings(chart, 'settings', { cmdParams: { 'hydrator.enabled': 'true' } });
    const app = hydratedApp(chart, 'orders-api', hydrator('orders-api', { hydrateToBranch: 'environments/prod-next' }));
    const docs = expectSchemaValid(Testing.synth(chart));
    const spec = docs.find((d: any) => d.kind === 'Application').spec;
    expect(spec.source).toBeUndefined();
    expect(spec.sources).toBeUndefined();
    expect(spec.sourceHydrator).toEqual({
      drySource: { repoURL: DRY, targetRevision: 'main', path: 'charts/orders-api', helm: { valueFiles: ['values-prod.yaml'] } },
      syncSource: { targetBranch: 'environments/prod', path: 'apps/orders-api' },
      hydrateTo: { targetBranch: 'environments/prod-next' },
    });
    expect(app.sourceHydrator!.syncSource.path).toBe('apps/orders-api');
    expect(app.sources).toEqual([]);
  });

  test('GIVEN a dry source without targetRevision WHEN synthesized THEN HEAD (the CRD requires it)', () => {
    const chart = Testing.chart();
    hydratedApp(chart, 'web', { drySource: ApplicationSource.directory({ repoUrl: DRY, path: 'web' }), syncSource: { targetBranch: 'env/prod', path: 'web' } });
    const spec = expectSchemaValid(Testing.synth(chart))[0].spec;
    expect(spec.sourceHydrator.drySource).toEqual({ repoURL: DRY, targetRevision: 'HEAD', path: 'web' });
  });

  test('GIVEN a source beside the hydrator, a root sync path, a repository chart or a $ref dry source WHEN constructed THEN it fails with the fix', () => {
    const chart = Testing.chart();
    expect(() => new Application(chart, 'a', {
      project: 'apps', destination: Destination.inCluster('a'), sourceHydrator: hydrator('a'), source: ApplicationSource.directory({ repoUrl: DRY, path: 'a' }),
    })).toThrow(/with sourceHydrator has no source or sources .*Fix: move the source into sourceHydrator.drySource.*\[APP-101\]/);
    ['', '.', '/', './'].forEach((p, i) => {
      expect(() => hydratedApp(chart, `root${i}`, hydrator('x', { syncSource: { targetBranch: 'env/prod', path: p } })))
        .toThrow(/syncSource.path must be a folder below the repository root.*\[APP-108\]/);
    });
    expect(() => hydratedApp(chart, 'b', hydrator('x', { drySource: ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'x', version: '1.0.0' }) })))
      .toThrow(/dry source must be a git folder.*\[APP-104\]/);
    expect(() => hydratedApp(chart, 'c', hydrator('x', { drySource: ApplicationSource.helmChart({ repoUrl: DRY, path: 'x', valueFiles: ['$values/x.yaml'] }) })))
      .toThrow(/reads \$ref\/ value files/);
    expect(() => hydratedApp(chart, 'd', hydrator('x', { hydrateToBranch: 'environments/prod' }))).toThrow(/hydrateToBranch is the sync branch itself/);
    expect(() => hydratedApp(chart, 'e', hydrator('x', { syncSource: { targetBranch: 'bad branch', path: 'x' } }))).toThrow(/targetBranch must be a git branch name/);
    expect(() => hydratedApp(chart, 'f', hydrator('x', { syncSource: { targetBranch: 'env', path: '../x' } }))).toThrow(/without "\.\."/);
  });

  test('GIVEN two Applications hydrating into the same folder WHEN synthesized THEN it fails naming both', () => {
    const chart = Testing.chart();
    hydratedApp(chart, 'a', hydrator('shared'));
    hydratedApp(chart, 'b', hydrator('shared'));
    expect(() => Testing.synth(chart)).toThrow(/\[test\/a\] Applications \["a","b"\] hydrate into the same folder.*\(got "https:\/\/git.example.com\/platform\/dry.git environments\/prod apps\/shared"\)\. Fix: give each Application its own syncSource.path \[APP-112\]/);
  });

  test('GIVEN the same folder on different branches or repositories WHEN synthesized THEN it passes', () => {
    const chart = Testing.chart();
    hydratedApp(chart, 'a', hydrator('shared'));
    hydratedApp(chart, 'b', hydrator('shared', { syncSource: { targetBranch: 'environments/dev', path: 'apps/shared' } }));
    hydratedApp(chart, 'c', hydrator('shared', { syncSource: { targetBranch: 'environments/prod', path: 'apps/shared', repoUrl: HYDRATED } }));
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('GIVEN ArgoCdSettings without hydrator.enabled WHEN synthesized THEN it fails; with it, it passes', () => {
    const chart = Testing.chart();
    const settings = new ArgoCdSettings(chart, 'settings', { progressiveSyncs: true });
    hydratedApp(chart, 'a');
    expect(() => Testing.synth(chart)).toThrow(/\[test\/a\] this Application uses spec.sourceHydrator.*\[APP-111\]/);
    expect(() => Testing.synth(chart)).toThrow(/do not turn the hydrator on.*\. Fix: call addCmdParam\('hydrator.enabled', 'true'\)/);
    settings.addCmdParam('hydrator.enabled', 'true');
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('GIVEN target 3.4 WHEN syncSource.repoURL is set THEN the version gate fails; without it 3.4 passes', () => {
    const chart = Testing.chart();
    ArgoCdTarget.set(chart, '3.4');
    hydratedApp(chart, 'a');
    expect(() => Testing.synth(chart)).not.toThrow();
    hydratedApp(chart, 'b', hydrator('b', { syncSource: { targetBranch: 'environments/prod', path: 'apps/b', repoUrl: HYDRATED } }));
    expect(() => Testing.synth(chart)).toThrow(/spec\.sourceHydrator\.syncSource\.repoURL .*needs Argo CD 3\.5, but the target is 3\.4/);
  });
});

describe('ApplicationSet template sourceHydrator', () => {
  const gen = () => Generator.list({ elements: [{ name: 'orders-api' }, { name: 'orders-worker' }] });

  test('GIVEN a templated sync path WHEN synthesized THEN spec.template.spec.sourceHydrator, schema-valid', () => {
    const chart = Testing.chart();
    new ApplicationSet(chart, 'apps', {
      generators: [gen()],
      template: {
        name: '{{.name}}',
        project: 'apps',
        destination: Destination.inCluster('{{.name}}'),
        sourceHydrator: {
          drySource: ApplicationSource.kustomize({ repoUrl: DRY, targetRevision: 'main', path: 'apps/{{.name}}/overlays/prod' }),
          syncSource: { targetBranch: 'environments/prod', path: 'apps/{{.name}}' },
        },
      },
    });
    const set = expectSchemaValid(Testing.synth(chart)).find((d: any) => d.kind === 'ApplicationSet');
    expect(set.spec.template.spec.source).toBeUndefined();
    expect(set.spec.template.spec.sourceHydrator).toEqual({
      drySource: { repoURL: DRY, targetRevision: 'main', path: 'apps/{{.name}}/overlays/prod' },
      syncSource: { targetBranch: 'environments/prod', path: 'apps/{{.name}}' },
    });
  });

  test('GIVEN a sync path without parameter or a source beside it WHEN constructed THEN it fails', () => {
    const chart = Testing.chart();
    const template = (extra: any) => ({
      name: '{{.name}}',
      project: 'apps',
      destination: Destination.inCluster('{{.name}}'),
      sourceHydrator: { drySource: ApplicationSource.directory({ repoUrl: DRY, path: 'apps/{{.name}}' }), syncSource: { targetBranch: 'env/prod', path: 'apps/all' } },
      ...extra,
    });
    expect(() => new ApplicationSet(chart, 'a', { generators: [gen()], template: template({}) }))
      .toThrow(/syncSource.path has no parameter, so every generated Application would hydrate into the same folder.*\[APPSET-103\]/);
    expect(() => new ApplicationSet(chart, 'b', { generators: [gen()], template: template({ source: ApplicationSource.directory({ repoUrl: DRY, path: 'x' }) }) }))
      .toThrow(/template with sourceHydrator has no source or sources.*\[APPSET-101\]/);
  });
});

describe('AppOfApps child with sourceHydrator', () => {
  test('GIVEN a hydrated child WHEN synthesized THEN its Application has spec.sourceHydrator; schema-valid', () => {
    const app = new GitOpsApp({ repoUrl: 'https://git.example.com/platform/gitops.git', targetRevision: 'main' });
    const root = new AppOfApps(app, 'root', { project: 'admin' });
    const child = root.addApplication('orders-api', { project: 'apps', destination: Destination.inCluster('orders'), sourceHydrator: hydrator('orders-api') });
    const text = app.synthFiles()['apps/root/root-children.k8s.yaml'];
    expect(child.sourceHydrator!.syncSource.path).toBe('apps/orders-api');
    const docs = expectSchemaValid(parseAllDocuments(text).map(d => d.toJSON()));
    expect(docs[0].spec.sourceHydrator.syncSource).toEqual({ targetBranch: 'environments/prod', path: 'apps/orders-api' });
  });
});
