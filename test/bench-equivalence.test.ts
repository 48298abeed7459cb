import { isDeepStrictEqual } from 'util';
import { ApiObject, App, Chart, Duration, JsonPatch, Lazy, Testing, Yaml } from 'cdk8s';
import { Construct, DependencyGroup } from 'constructs';
import * as fc from 'fast-check';
import {
  Application, ApplicationProps, ApplicationSource, DeletionCascade, Destination, GitOpsApp, GitOpsChart, SyncOption,
} from '../src';
import { genericCalls } from './util/generic-calls';
import * as argo from '../src/imports/argoproj.io';
import { forwardsGvkAndProps } from '../src/output/application-document';
import { hasDependencies } from '../src/output/layout';
import * as plainJsonModule from '../src/output/plain-json';
import { stringifyDocument } from '../src/output/yaml-emitter';

// fixed seed, as the other property tests (CI is reproducible); FC_SEED=random (or a number) explores
if (process.env.FC_SEED !== 'random') fc.configureGlobal({ seed: Number(process.env.FC_SEED) || 20261202 });

/*
 * The synthesis fast paths against cdk8s's own:
 * - an Application's generated object serializes itself directly (ApplicationResource in src/argocd/application.ts)
 *   instead of through cdk8s's resolve/sanitize and the generated toJson_* mappers;
 * - GitOpsApp renders each chart's objects itself instead of calling chart.toJson(), which re-validates and
 *   re-resolves the whole app per chart.
 * Both must give the same objects, in the same key order, so the same bytes.
 */

/** What cdk8s would render for the Application's generated object (the generated toJson, via ApiObject.toJson). */
function genericJson(app: Application): any {
  return argo.Application.prototype.toJson.call(app.resource);
}

function expectSameJson(actual: any, expected: any): void {
  expect(JSON.stringify(actual)).toEqual(JSON.stringify(expected)); // key order too
  expect(isDeepStrictEqual(actual, expected)).toBe(true); // undefined vs missing too
  expect(Yaml.stringify(actual)).toEqual(Yaml.stringify(expected));
}

/** The document the output layer writes for the Application (its generated object's `_toYaml`). */
function toYaml(app: Application): string {
  return (app.resource as any)._toYaml();
}

// ---------------------------------------------------------------------------------------------------------
// arbitraries: valid Application props covering every field the L2 renders

const dns = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', 'true', 'no', '0', '1e3', '~', 'null', '- x', 'a: b', '#x', "it's", '"q"', 'multi\nline', 'ünï', '10', '2'),
);
const json: fc.Arbitrary<unknown> = fc.letrec(tie => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(text, fc.constantFrom('10', '9', '0', 'a', 'repoUrl', 'value', 'resolve')), tie('value'), { maxKeys: 5, noNullPrototype: true }),
  ),
})).value;
const jsonObject = fc.dictionary(fc.oneof(text, fc.constantFrom('10', '2', 'b')), json, { maxKeys: 5, noNullPrototype: true })
  .filter(o => !Object.prototype.hasOwnProperty.call(o, 'constructor') && !Object.prototype.hasOwnProperty.call(o, '__proto__'));
/** more keys than the direct path insertion-sorts */
const bigObject = fc.dictionary(fc.string({ maxLength: 6 }), json, { minKeys: 33, maxKeys: 40, noNullPrototype: true })
  .filter(o => !Object.prototype.hasOwnProperty.call(o, 'constructor') && !Object.prototype.hasOwnProperty.call(o, '__proto__'));
const labels = fc.dictionary(
  fc.oneof(dns, dns.map(d => `example.com/${d}`)),
  fc.oneof(dns, fc.constant('')),
  { maxKeys: 3, noNullPrototype: true },
);
const strings = fc.array(fc.string({ minLength: 1, maxLength: 8 }).filter(s => !s.includes('$')), { maxLength: 3 });
const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const helmOptions = fc.record({
  valueFiles: optional(strings),
  values: optional(text.map(t => `key: ${JSON.stringify(t)}\n`)), // YAML text (SRC-308 parses it)
  valuesObject: optional(fc.oneof({ weight: 5, arbitrary: jsonObject }, { weight: 1, arbitrary: bigObject })),
  parameters: optional(fc.array(fc.record({ name: dns, value: text, forceString: optional(fc.boolean()) }), { maxLength: 2 })),
  fileParameters: optional(fc.array(fc.record({ name: dns, path: dns }), { maxLength: 2 })),
  releaseName: optional(dns),
  skipCrds: optional(fc.boolean()),
  skipSchemaValidation: optional(fc.boolean()),
  skipTests: optional(fc.boolean()),
  passCredentials: optional(fc.boolean()),
  ignoreMissingValueFiles: optional(fc.boolean()),
  helmVersion: optional(fc.constant('v3')),
  kubeVersion: optional(fc.constant('1.30.0')),
  apiVersions: optional(fc.constant(['v1', 'apps/v1'] as string[])),
  namespace: optional(dns),
}, { requiredKeys: [] });

const source: fc.Arbitrary<ApplicationSource> = fc.oneof(
  fc.tuple(dns, fc.constantFrom('1.0.0', '>=2.0.0'), helmOptions).map(([chart, version, o]) =>
    ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart, version, ...o })),
  fc.tuple(dns, optional(fc.constantFrom('main', 'v1.2.3')), helmOptions).map(([path, targetRevision, o]) =>
    ApplicationSource.helmChart({ repoUrl: 'https://git.example.com/x.git', path, targetRevision, ...o })),
  fc.record({
    namePrefix: optional(dns),
    nameSuffix: optional(dns),
    images: optional(strings),
    namespace: optional(dns),
    commonLabels: optional(labels),
    commonAnnotations: optional(labels),
    components: optional(strings),
    version: optional(fc.constant('v5')),
    replicas: optional(fc.array(fc.record({ name: dns, count: fc.nat(5) }), { maxLength: 1 })),
    patches: optional(fc.constant([{ target: { kind: 'Deployment' }, patch: '- op: add', extra: 1 }] as any[])),
  }, { requiredKeys: [] }).map(o => ApplicationSource.kustomize({ repoUrl: 'https://git.example.com/x.git', path: 'k', ...o })),
  fc.record({ recurse: optional(fc.boolean()), include: optional(fc.constant('*.yaml')), exclude: optional(fc.constant('x/*')) }, { requiredKeys: [] })
    .map(o => ApplicationSource.directory({ repoUrl: 'https://git.example.com/x.git', path: 'd', ...o })),
  fc.record({ name: optional(dns), env: optional(labels.map(envOf)) }, { requiredKeys: [] })
    .map(plugin => ApplicationSource.of({ repoUrl: 'https://git.example.com/x.git', path: 'p', plugin, tagPrefix: 'rel-' })),
);

function envOf(l: { [key: string]: string }): { [key: string]: string } {
  return Object.fromEntries(Object.entries(l).map(([k, v]) => [k.replace(/\W/g, '_'), v]));
}

const syncPolicy = optional(fc.record({
  automated: optional(fc.record({
    prune: optional(fc.boolean()), selfHeal: optional(fc.boolean()), allowEmpty: optional(fc.boolean()), enabled: optional(fc.boolean()),
  }, { requiredKeys: [] })),
  syncOptions: optional(fc.subarray([
    SyncOption.CREATE_NAMESPACE, SyncOption.SERVER_SIDE_APPLY, SyncOption.PRUNE_LAST, SyncOption.APPLY_OUT_OF_SYNC_ONLY,
  ])),
  retry: optional(fc.record({
    limit: optional(fc.integer({ min: -1, max: 10 })),
    backoff: optional(fc.record({
      duration: optional(fc.constant(Duration.seconds(5))), factor: optional(fc.constant(2)), maxDuration: optional(fc.constant(Duration.minutes(3))),
    }, { requiredKeys: [] })),
    refresh: optional(fc.boolean()),
  }, { requiredKeys: [] })),
}, { requiredKeys: [] }));

const appProps: fc.Arbitrary<ApplicationProps> = fc.record({
  name: optional(dns),
  namespace: optional(dns),
  project: dns,
  destination: fc.oneof(
    optional(dns).map(ns => Destination.inCluster(ns)),
    fc.tuple(dns, optional(dns)).map(([n, ns]) => Destination.byName(n, ns)),
  ),
  sourceList: fc.oneof(
    source.map(s => ({ source: s })),
    fc.tuple(fc.array(source, { minLength: 1, maxLength: 2 }), fc.boolean()).map(([sources, withRef]) => ({
      sources: withRef ? [...sources, ApplicationSource.ref({ repoUrl: 'https://git.example.com/values.git', ref: 'values' })] : sources,
    })),
  ),
  syncPolicy,
  syncWave: optional(fc.integer({ min: -3, max: 3 })),
  ignoreDifferences: optional(fc.array(
    fc.record({ kind: dns, group: optional(dns), jsonPointers: fc.constant(['/spec/replicas']), name: optional(dns) }),
    { maxLength: 2 },
  )),
  info: optional(fc.array(fc.record({ name: dns, value: dns }), { maxLength: 2 })),
  revisionHistoryLimit: optional(fc.nat(20)),
  deletionCascade: optional(fc.constantFrom(DeletionCascade.FOREGROUND, DeletionCascade.BACKGROUND, DeletionCascade.NONE)),
  notifications: optional(fc.array(
    fc.record({ trigger: dns, service: dns, recipients: fc.array(dns, { minLength: 1, maxLength: 2 }) }),
    { maxLength: 2 },
  )),
  labels: optional(labels),
  annotations: optional(labels.map(l => { const { ['argocd.argoproj.io/sync-wave']: _, ...rest } = l; return rest; })),
}, { requiredKeys: ['project', 'destination', 'sourceList'] }).map(({ sourceList, ...p }) => ({ ...p, ...sourceList } as ApplicationProps));

/** Escape hatches on the generated object, some of which force the generic path. */
const escapeHatch = fc.oneof(
  fc.constant((_a: Application) => {}),
  labels.map(l => (a: Application) => Object.entries(l).forEach(([k, v]) => a.resource.metadata.addLabel(k, v))),
  labels.map(l => (a: Application) => Object.entries(l).forEach(([k, v]) => a.resource.metadata.addAnnotation(k, v))),
  fc.constant((a: Application) => a.resource.metadata.addFinalizers('example.com/keep')),
  fc.constant((a: Application) => a.resource.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: '1' })),
  jsonObject.map(o => (a: Application) => a.resource.metadata.add('extra', o)),
  fc.constant((a: Application) => a.resource.metadata.add('generateName', Lazy.any({ produce: () => 'lazy-' }))),
  fc.constant((a: Application) => a.resource.metadata.addLabel('lazy', Lazy.any({ produce: () => 'v' }) as any)),
  fc.constant((a: Application) => a.resource.metadata.addFinalizers(Lazy.any({ produce: () => 'example.com/f' }) as any)),
  fc.constant((a: Application) => a.resource.addJsonPatch(JsonPatch.add('/spec/project', 'patched'))),
  fc.constant((a: Application) => a.resource.addJsonPatch(JsonPatch.add('/metadata/labels', { patched: 'yes' }))),
);

describe('constructing the generated Application object', () => {
  test('GIVEN the committed binding WHEN checked THEN its constructor only forwards { ...GVK, ...props } (the direct construction applies)', () => {
    expect(forwardsGvkAndProps(argo.Application)).toBe(true);
  });

  test('GIVEN a binding whose constructor does more, or that declares fields WHEN checked THEN it is constructed the normal way', () => {
    class Extra extends argo.Application {
      constructor(scope: any, id: string, props: any) {
        super(scope, id, props);
        this.node.addMetadata('x', 1);
      }
    }
    class WithField extends argo.Application {
      public seen = 1;
    }
    expect(forwardsGvkAndProps(Extra as any)).toBe(false);
    expect(forwardsGvkAndProps(WithField as any)).toBe(false);
  });

  test('GIVEN an Application WHEN its resource is built THEN it is the generated class\'s object with the props the generated constructor makes', () => {
    const c = Testing.chart();
    const app = new Application(c, 'web', {
      project: 'p',
      destination: Destination.inCluster('web'),
      labels: { team: 'a' },
      source: ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'web', version: '1.0.0' }),
    });
    const res = app.resource as any;
    expect(res).toBeInstanceOf(argo.Application);
    expect(res).toBeInstanceOf(ApiObject);
    expect(Object.keys(res.props)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(res.props.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(res.props.kind).toBe('Application');
    expect(res.kind).toBe('Application');
    expect(res.node.id).toBe('Resource');
    expect(res.node.scope).toBe(app);
    // the subclass's fields: its owner renders the spec, and a JSON patch still sends it to the generic path
    expect(res.toJson().spec.project).toBe('p');
    res.addJsonPatch(JsonPatch.add('/spec/info', [{ name: 'x', value: 'y' }]));
    expect(res.toJson().spec.info).toEqual([{ name: 'x', value: 'y' }]);
    expect(res.patched).toBe(true);
  });
});

test('GIVEN constructs with and without dependencies WHEN the layout asks THEN hasDependencies is node.dependencies.length > 0', () => {
  const root = new Construct(undefined as any, '');
  const a = new Construct(root, 'a');
  const b = new Construct(root, 'b');
  const c = new Construct(root, 'c');
  const d = new Construct(root, 'd');
  a.node.addDependency(b);
  c.node.addDependency(new DependencyGroup()); // a dependency with no roots: the list stays empty
  for (const x of [root, a, b, c, d]) expect(hasDependencies(x)).toBe(x.node.dependencies.length > 0);
  expect(hasDependencies(a)).toBe(true);
  expect(hasDependencies(c)).toBe(false);
});

describe('direct Application JSON', () => {
  test('GIVEN varied Applications and escape hatches WHEN serialized THEN the direct path equals the generic one', () => {
    fc.assert(fc.property(appProps, escapeHatch, fc.boolean(), (props, hatch, chartLabels) => {
      const c = new Chart(Testing.app(), 'c', chartLabels ? { labels: { team: 'a' }, namespace: 'ns' } : {});
      const app = new Application(c, 'app', props);
      hatch(app);
      const direct = app.resource.toJson();
      expectSameJson(direct, genericJson(app));
      expect(stringifyDocument(direct)).toEqual(Yaml.stringify(genericJson(app))); // the fast emitter, on a marked tree
    }), { numRuns: 400 });
  });

  test('GIVEN varied Applications and escape hatches WHEN written as YAML THEN the one-walk YAML equals the generic document\'s', () => {
    fc.assert(fc.property(appProps, escapeHatch, fc.boolean(), (props, hatch, chartLabels) => {
      const c = new Chart(Testing.app(), 'c', chartLabels ? { labels: { team: 'a' }, namespace: 'ns' } : {});
      // a first Application verifies both direct paths of this app, so the next one is written without the check
      const warmUp = new Application(c, 'warm-up', {
        project: 'p', destination: Destination.inCluster('w'), source: ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'w', version: '1.0.0' }),
      });
      warmUp.resource.toJson();
      expect(toYaml(warmUp)).toEqual(Yaml.stringify(genericJson(warmUp)));
      const app = new Application(c, 'app', props);
      hatch(app);
      expect(toYaml(app)).toEqual(Yaml.stringify(genericJson(app)));
      expect(toYaml(warmUp)).toEqual(Yaml.stringify(genericJson(warmUp))); // still on the direct path
    }), { numRuns: 400 });
  });

  test('GIVEN plain Applications WHEN written as YAML after the first THEN no sanitized document is built (no generic toJson, no plainJson copy)', () => {
    const c = Testing.chart();
    const mk = (id: string) => new Application(c, id, {
      project: 'p',
      destination: Destination.inCluster(id),
      source: ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: id, version: '1.0.0', valuesObject: { a: { b: [1, null, 'x'] }, z: null } }),
      labels: { team: 'a' },
    });
    const first = mk('first');
    toYaml(first);
    toYaml(mk('second'));
    const third = mk('third');
    const plain = jest.spyOn(plainJsonModule, 'plainJson');
    try {
      expect(genericCalls(() => toYaml(third))).toBe(0);
      expect(plain.mock.calls.length).toBe(0); // the spec is not copied (the metadata's copy is plain-json's own, unspied)
    } finally {
      plain.mockRestore();
    }
    expect(toYaml(third)).toEqual(Yaml.stringify(genericJson(third)));
  });

  test('GIVEN plain Applications WHEN serialized THEN the direct path is taken (no cdk8s resolve)', () => {
    fc.assert(fc.property(appProps, props => {
      const c = Testing.chart();
      const app = new Application(c, 'app', props);
      app.resource.toJson(); // the first document of a process is also verified the generic way
      const kustomizeSpecials = [...app.sources].some(s => s.options.kustomize?.replicas?.length || s.options.kustomize?.patches);
      expect(genericCalls(() => app.resource.toJson())).toBe(kustomizeSpecials ? 1 : 0);
    }), { numRuns: 100 });
  });

  test('GIVEN a JSON patch, a Lazy value, a custom resolver or CDK8S_DISABLE_SORT WHEN serialized THEN the generic path applies them', () => {
    const helm = ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'x', version: '1.0.0', valuesObject: { b: 1, a: { d: null, c: [1, null] } } });
    const make = (app: App = Testing.app()) => new Application(new Chart(app, 'c'), 'app', { project: 'p', destination: Destination.inCluster('ns'), source: helm });

    const patched = make();
    patched.resource.addJsonPatch(JsonPatch.replace('/spec/project', 'other'));
    expect(genericCalls(() => expect(patched.resource.toJson().spec.project).toEqual('other'))).toBe(1);

    const lazy = make();
    lazy.resource.metadata.add('generateName', Lazy.any({ produce: () => 'gen-' }));
    expect(genericCalls(() => expect(lazy.resource.toJson().metadata.generateName).toEqual('gen-'))).toBe(1);

    const upper = make(new App({ resolvers: [{ resolve: ctx => { if (ctx.value === 'p') ctx.replaceValue('P'); } }] }));
    expect(genericCalls(() => expect(upper.resource.toJson().spec.project).toEqual('P'))).toBe(1);

    const unsorted = make();
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      const calls = genericCalls(() => expectSameJson(unsorted.resource.toJson(), genericJson(unsorted)));
      expect(calls).toBeGreaterThanOrEqual(1);
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });

  test('GIVEN values cdk8s cannot render (null-prototype object) WHEN serialized THEN both paths fail the same way', () => {
    const app = new Application(Testing.chart(), 'app', {
      project: 'p',
      destination: Destination.inCluster('ns'),
      source: ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'x', version: '1.0.0' }),
    });
    app.resource.metadata.add('extra', Object.assign(Object.create(null), { a: 1 })); // escape hatch, not vetted
    expect(() => genericJson(app)).toThrow(/Failed serializing construct/);
    expect(() => app.resource.toJson()).toThrow(/Failed serializing construct/);
  });

  test('GIVEN a source that fails at synth WHEN serialized THEN the error is cdk8s\'s (same message as the generic path)', () => {
    const app = new GitOpsApp();
    const workload = new Chart(app, 'workload', { namespace: 'w' });
    const a = new Application(new Chart(app, 'apps'), 'a', { project: 'p', destination: Destination.inCluster('w'), source: ApplicationSource.fromChart(workload) });
    expect(() => a.resource.toJson()).toThrow(/^Failed serializing construct at path 'apps\/a\/Resource'.*no repoUrl/s);
  });
});

// ---------------------------------------------------------------------------------------------------------
// GitOpsApp chart rendering vs chart.toJson()

/** cdk8s's own App.charts (GitOpsApp overrides it). */
function cdk8sCharts(app: App): Chart[] {
  return Object.getOwnPropertyDescriptor(App.prototype, 'charts')!.get!.call(app);
}

/** synthFiles the way it was before the fast path: chart.toJson() per chart, Yaml.stringify. */
function referenceFiles(app: GitOpsApp): { [file: string]: string } {
  const out: { [file: string]: string } = {};
  for (const chart of cdk8sCharts(app)) {
    const docs = Object.values(chart.toJson());
    if (docs.length) out[app.chartFile(chart)] = Yaml.stringify(...docs);
  }
  return out;
}

/** The chart files among synthFiles() output (chart list taken before synth, which resolves dependencies). */
function chartFilesOnly(app: GitOpsApp): { [file: string]: string } {
  const charts = new Set(cdk8sCharts(app).map(c => app.chartFile(c)));
  return Object.fromEntries(Object.entries(app.synthFiles()).filter(([f]) => charts.has(f)));
}

describe('GitOpsApp chart rendering', () => {
  test('GIVEN random charts (integer ids, nesting) and dependencies WHEN synthesized THEN files and chart order equal cdk8s\'s', () => {
    const tree = fc.record({
      charts: fc.array(fc.record({ id: fc.constantFrom('0', '1', '2', '10', '01', 'a', 'b', 'z'), nested: fc.boolean(), objects: fc.nat(3) }), { minLength: 1, maxLength: 6 }),
      deps: fc.array(fc.tuple(fc.nat(20), fc.nat(20)), { maxLength: 4 }),
    });
    fc.assert(fc.property(tree, ({ charts, deps }) => {
      const build = () => {
        const app = new GitOpsApp();
        const made: Chart[] = [];
        const objects: ApiObject[] = [];
        charts.forEach((c, i) => {
          const parent = c.nested && made.length ? made[made.length - 1] : app;
          if (parent.node.tryFindChild(c.id)) return;
          const chart = new GitOpsChart(parent, c.id, { folder: `f${i}` });
          made.push(chart);
          for (let k = 0; k < c.objects; k++) {
            objects.push(new ApiObject(chart, `o${k}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}-${k}` }, data: { k: String(k) } }));
          }
        });
        const all = [...made, ...objects];
        for (const [a, b] of deps) {
          const x = all[a % all.length];
          const y = all[b % all.length];
          if (x !== y && !y.node.scopes.includes(x) && !x.node.scopes.includes(y)) x.node.addDependency(y);
        }
        return app;
      };
      let expected: { [file: string]: string };
      let expectedOrder: string[];
      try {
        const ref = build();
        expectedOrder = cdk8sCharts(ref).map(c => c.node.path);
        expected = referenceFiles(ref);
      } catch (e) {
        // dependency cycles fail in cdk8s: they must fail the same way here
        expect(() => build().synthFiles()).toThrow((e as Error).message);
        return;
      }
      const app = build();
      expect(app.charts.map(c => c.node.path)).toEqual(expectedOrder);
      expect(chartFilesOnly(app)).toEqual(expected);
    }), { numRuns: 300 });
  });

  test('GIVEN Applications that depend on each other and on other charts WHEN synthesized THEN the output equals cdk8s\'s chart.toJson()', () => {
    const build = (withNoopResolver: boolean) => {
      const app = new GitOpsApp({ repoUrl: 'https://git.example.com/x.git', resolvers: withNoopResolver ? [{ resolve: () => {} }] : [] });
      const apps = new GitOpsChart(app, 'apps', { folder: 'argocd' });
      const workload = new Chart(app, 'workload', { namespace: 'w' });
      new ApiObject(workload, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
      const a = new Application(apps, 'a', { project: 'p', destination: Destination.inCluster('w'), source: ApplicationSource.fromChart(workload) });
      const b = new Application(apps, 'b', {
        project: 'p',
        destination: Destination.inCluster('b'),
        source: ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'b', version: '1.0.0', valuesObject: { z: 1, a: [{ y: 2, x: null }] } }),
      });
      const c = new Application(apps, 'c', { project: 'p', destination: Destination.inCluster('c'), source: ApplicationSource.directory({ repoUrl: 'https://git.example.com/x.git', path: 'c' }) });
      c.node.addDependency(b); // c after b in the file
      b.node.addDependency(a);
      a.node.addDependency(workload);
      return app;
    };
    const files = build(false).synthFiles();
    expect(chartFilesOnly(build(false))).toEqual(referenceFiles(build(false)));
    expect(files).toEqual(build(true).synthFiles()); // a no-op resolver turns the direct Application path off
    expect(files['argocd/apps.k8s.yaml'].match(/name: [abc]\n/g)).toEqual(['name: a\n', 'name: b\n', 'name: c\n']);
  });
});
