/**
 * Property-based tests of the value classes and parsers behind every public construct (no synth: cheap, many runs).
 *
 * Each property: an accepted input gives a value that keeps its invariants; a rejected input fails with our own
 * validation error (an Error whose message has `Fix:`), never a TypeError/RangeError or a crash.
 * Runs per property: BUDGET.values in test/util/arbitraries.ts (13,300 here; 26,650 over all property files).
 */
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import {
  ApplicationSetStrategy, ApplicationSource, Component, DatabaseCredentials, Destination, Generator, GitOpsApp, GitOpsChart, Helmfile,
  MaxUpdate, ModelRegistryDatabase, PostgresSslMode, ProjectPolicy, ProjectPolicyAction, ProjectPolicyResource, PullRequestProvider, ScmProvider,
  SelectorOperator, StepOperator, SyncOption, TemplatePatch,
} from '../src';
import {
  acceptedOrOurError, BUDGET, dnsLabel, expectOurError, mostly, opt, validLabelKey, validLabelValue, duration, executedRuns, intLike, jsonParams,
  KNOWN_SYNC_OPTIONS, labelKey,
  labels, labelValue, listElement, name, nameOrWrongType, namespace, namespaceOrWrongType, prototypeKeys, repoUrl, runProperty,
  serverUrl, smallString, syncOptionString, templateString, TOTAL_RUNS, valueFile, wave, wrongType,
} from './util/arbitraries';

describe('property: SyncOption', () => {
  test('GIVEN any Key=value string WHEN SyncOption.of THEN a known option that round-trips, or our error', () => {
    runProperty('values', 'SyncOption.of', fc.oneof({ weight: 9, arbitrary: syncOptionString }, { weight: 1, arbitrary: wrongType }), s => {
      const o = acceptedOrOurError(() => SyncOption.of(s), s);
      if (o) {
        expect(o.toString()).toBe(s);
        expect(KNOWN_SYNC_OPTIONS).toContain(s);
      }
    });
  });

  test('GIVEN lists of known options WHEN rendered as a resource annotation THEN one value per key, or our error', () => {
    const option = fc.constantFrom(...KNOWN_SYNC_OPTIONS).map(s => SyncOption.of(s));
    runProperty('values', 'SyncOption lists render or fail', fc.array(option, { maxLength: 6 }), list => {
      const value = acceptedOrOurError(() => SyncOption.annotationValue(list), list.map(String));
      if (value !== undefined) {
        const keys = value === '' ? [] : value.split(',').map(x => x.split('=')[0]);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys).not.toContain('CreateNamespace'); // application-only options never reach an annotation
      }
    });
  });
});

describe('property: Destination', () => {
  test('GIVEN any server/name/namespace WHEN Destination.of THEN exactly one cluster and a valid namespace, or our error', () => {
    const arb = fc.record({
      server: opt(serverUrl),
      name: opt(fc.oneof(name, fc.constant('in-cluster'))),
      namespace: opt(fc.oneof({ weight: 5, arbitrary: namespaceOrWrongType }, { weight: 1, arbitrary: fc.constant('{{.namespace}}') })),
      factory: fc.constantFrom('of', 'inCluster', 'byServer', 'byName'),
    });
    runProperty('values', 'Destination.of', arb, ({ factory, ...o }) => {
      const d = acceptedOrOurError(() => {
        switch (factory) {
          case 'inCluster': return Destination.inCluster(o.namespace);
          case 'byServer': return Destination.byServer(o.server as string, o.namespace);
          case 'byName': return Destination.byName(o.name as string, o.namespace);
          default: return Destination.of(o);
        }
      }, { factory, ...o });
      if (d) {
        expect((d.server === undefined) !== (d.name === undefined)).toBe(true);
        if (d.namespace !== undefined) expect(d.namespace).toMatch(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?|.*\{\{.*\}\}.*)$/);
        if (d.server !== undefined) expect(d.server).toMatch(/^(https?:\/\/\S+|.*\{\{.*\}\}.*)$/);
      }
    });
  });
});

describe('property: ApplicationSource', () => {
  test('GIVEN any options WHEN built with a factory THEN one source type and consistent refs, or our error', () => {
    const helm = fc.record({
      valueFiles: opt(fc.array(valueFile(), { maxLength: 3 })),
      releaseName: opt(dnsLabel),
      skipCrds: opt(fc.boolean()),
      values: opt(fc.constantFrom('a: 1', '', 'x: [')),
      parameters: opt(fc.array(fc.record({ name: smallString, value: smallString, forceString: opt(fc.boolean()) }), { maxLength: 2 })),
    }, { requiredKeys: [] });
    const arb = fc.record({
      factory: fc.constantFrom('helm', 'helmChart', 'kustomize', 'directory', 'ref', 'of'),
      repoUrl: repoUrl,
      chart: opt(fc.oneof(dnsLabel, fc.constant(''))),
      version: opt(fc.constantFrom('1.2.3', '', '>=1.0.0', 'v1.16.2')),
      path: opt(fc.constantFrom('.', 'apps/web', '', '/abs')),
      ref: opt(fc.oneof(dnsLabel, fc.constantFrom('values', 'a b', '', '$values', 'v_1'))),
      helm: opt(helm),
      replicas: opt(fc.array(fc.record({ name: dnsLabel, count: intLike }), { maxLength: 2 })),
      recurse: opt(fc.boolean()),
      types: fc.subarray(['helm', 'kustomize', 'directory', 'plugin'] as const),
    });
    runProperty('values', 'ApplicationSource factories', arb, a => {
      const s = acceptedOrOurError(() => {
        switch (a.factory) {
          case 'helm': return ApplicationSource.helm({ repoUrl: a.repoUrl, chart: a.chart as string, version: a.version as string, ...a.helm });
          case 'helmChart': return ApplicationSource.helmChart({ repoUrl: a.repoUrl, path: a.path as string, ...a.helm });
          case 'kustomize': return ApplicationSource.kustomize({ repoUrl: a.repoUrl, path: a.path as string, replicas: a.replicas });
          case 'directory': return ApplicationSource.directory({ repoUrl: a.repoUrl, path: a.path as string, recurse: a.recurse });
          case 'ref': return ApplicationSource.ref({ repoUrl: a.repoUrl, ref: a.ref as string });
          default: return ApplicationSource.of({
            repoUrl: a.repoUrl,
            chart: a.chart,
            path: a.path,
            ref: a.ref,
            helm: a.types.includes('helm') ? a.helm ?? {} : undefined,
            kustomize: a.types.includes('kustomize') ? { replicas: a.replicas } : undefined,
            directory: a.types.includes('directory') ? { recurse: a.recurse } : undefined,
            plugin: a.types.includes('plugin') ? { name: 'p' } : undefined,
          });
        }
      }, a);
      if (s) {
        const o = s.options;
        expect(['helm', 'kustomize', 'directory', 'plugin'].filter(t => (o as any)[t] !== undefined).length).toBeLessThanOrEqual(1);
        expect(o.chart !== undefined && o.path !== undefined).toBe(false);
        for (const r of s.referencedRefs) expect(r).toMatch(/^[a-zA-Z0-9_-]+$/);
        for (const r of o.kustomize?.replicas ?? []) expect(Number.isSafeInteger(r.count) && r.count >= 0).toBe(true);
      }
    });
  });
});

describe('property: RollingSync building blocks', () => {
  test('GIVEN any number WHEN MaxUpdate.count/percent THEN a safe whole number in range, or our error', () => {
    const arb = fc.record({ kind: fc.constantFrom('count', 'percent'), n: fc.oneof(intLike, fc.integer({ min: -5, max: 120 }), wrongType) });
    runProperty('values', 'MaxUpdate count/percent', arb, ({ kind, n }) => {
      const m = acceptedOrOurError(() => kind === 'count' ? MaxUpdate.count(n) : MaxUpdate.percent(n), { kind, n });
      if (m) {
        expect(Number.isSafeInteger(n)).toBe(true);
        expect(n).toBeGreaterThanOrEqual(0);
        if (kind === 'percent') expect(n).toBeLessThanOrEqual(100);
        expect(m.toString()).toBe(kind === 'percent' ? `${n}%` : String(n));
        expect(m.batchSize(10)).toBeGreaterThanOrEqual(0);
      }
    });
  });

  test('GIVEN any steps WHEN ApplicationSetStrategy.rollingSync THEN valid label selectors, or our error', () => {
    const expr = mostly(fc.record({
      key: mostly(validLabelKey, labelKey),
      operator: mostly(fc.constantFrom<any>(StepOperator.IN, StepOperator.NOT_IN), fc.constantFrom<any>('Exists', 'in', undefined)),
      values: mostly(fc.array(mostly(validLabelValue, labelValue), { minLength: 1, maxLength: 3 }), fc.constantFrom<any>(undefined, null, 'x', [], [null], [5])),
    }), fc.constantFrom<any>(null, undefined, 5, 'x'), 20);
    const step = mostly(fc.record({
      matchExpressions: mostly(fc.array(expr, { minLength: 1, maxLength: 2 }), fc.constantFrom<any>([], null)),
      maxUpdate: opt(mostly(fc.constantFrom(MaxUpdate.ALL, MaxUpdate.PAUSE, MaxUpdate.ONE_AT_A_TIME, MaxUpdate.percent(25)), fc.constantFrom<any>(1, '25%'))),
      description: opt(smallString),
    }, { requiredKeys: ['matchExpressions'] }), fc.constantFrom<any>(null, 5, {}), 20);
    runProperty('values', 'ApplicationSetStrategy.rollingSync', fc.array(step, { maxLength: 3 }), steps => {
      const s = acceptedOrOurError(() => ApplicationSetStrategy.rollingSync(steps), steps);
      if (s) {
        expect(s.steps.length).toBeGreaterThan(0);
        for (const st of s.steps) {
          expect(st.matchExpressions.length).toBeGreaterThan(0);
          for (const e of st.matchExpressions) expect(e.values.length).toBeGreaterThan(0);
        }
      }
    });
  });
});

describe('property: generators', () => {
  test('GIVEN any elements WHEN Generator.list THEN one known parameter set per element, or our error', () => {
    const elements = fc.oneof(
      { weight: 8, arbitrary: fc.array(listElement(['env', 'namespace', 'cluster']), { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.constantFrom<any>(undefined, null, 'x', {}, [[]]) },
      { weight: 1, arbitrary: fc.constant([{ big: BigInt(1) }]) },
    );
    runProperty('values', 'Generator.list', elements, els => {
      const g = acceptedOrOurError(() => Generator.list({ elements: els }), els);
      if (g) {
        expect(g._toArgo().list!.elements).toEqual(JSON.parse(JSON.stringify(els)));
        expect(g._params().sets.length).toBe(els.length);
      }
    });
  });

  test('GIVEN any options WHEN git, clusters, merge and matrix generators THEN generators, or our error', () => {
    const path = fc.oneof(fc.constantFrom('apps/*', 'apps/*/config.json', '*', '', '/abs/*', '**/x.yaml'), dnsLabel);
    const selector = fc.record({
      matchLabels: opt(labels),
      matchExpressions: opt(fc.array(fc.record({
        key: labelKey,
        operator: fc.constantFrom<any>(SelectorOperator.IN, SelectorOperator.NOT_IN, SelectorOperator.EXISTS, SelectorOperator.DOES_NOT_EXIST, 'Bogus'),
        values: opt(fc.array(labelValue, { maxLength: 2 })),
      }, { requiredKeys: ['key', 'operator'] }), { maxLength: 2 })),
    }, { requiredKeys: [] });
    // mostly lists of strings; now and then a wrong type (a JavaScript caller's { path } object, a number...)
    const pathOrWrong = fc.oneof({ weight: 9, arbitrary: path }, { weight: 1, arbitrary: wrongType });
    const pathList = (maxLength: number) => fc.oneof(
      { weight: 9, arbitrary: fc.array(pathOrWrong, { maxLength }) },
      { weight: 1, arbitrary: wrongType },
    );
    const arb = fc.record({
      kind: fc.constantFrom('gitDirectories', 'gitFiles', 'clusters', 'merge', 'matrix', 'plugin', 'clusterDecisionResource'),
      repoUrl: repoUrl,
      paths: pathList(3),
      exclude: opt(pathList(2)),
      pathParamPrefix: opt(fc.oneof(dnsLabel, fc.constantFrom('app', 'a.b', '1x', 'a-b', ''))),
      requeueAfter: opt(duration),
      values: opt(fc.dictionary(fc.oneof(dnsLabel, prototypeKeys), smallString, { maxKeys: 2 })),
      selector: opt(selector),
      mergeKeys: opt(fc.array(fc.constantFrom('env', 'server', ''), { maxLength: 2 })),
      configMapRef: opt(fc.oneof(dnsLabel, fc.constant(''))),
      parameters: opt(jsonParams),
      elements: fc.array(listElement(['env', 'server']), { minLength: 1, maxLength: 2 }),
    });
    runProperty('values', 'Generator git/clusters/merge/matrix', arb, a => {
      const g = acceptedOrOurError(() => {
        const list = () => Generator.list({ elements: a.elements });
        switch (a.kind) {
          case 'gitDirectories': return Generator.gitDirectories({ repoUrl: a.repoUrl, directories: a.paths, exclude: a.exclude, pathParamPrefix: a.pathParamPrefix, requeueAfter: a.requeueAfter, values: a.values, selector: a.selector });
          case 'gitFiles': return Generator.gitFiles({ repoUrl: a.repoUrl, files: a.paths, exclude: a.exclude, pathParamPrefix: a.pathParamPrefix, requeueAfter: a.requeueAfter, values: a.values });
          case 'clusters': return Generator.clusters({ clusterSelector: a.selector, values: a.values, selector: a.selector });
          case 'merge': return Generator.merge({ generators: [list(), Generator.clusters({ values: a.values })], mergeKeys: a.mergeKeys as string[] });
          case 'plugin': return Generator.plugin({ configMapRef: a.configMapRef as string, parameters: a.parameters, requeueAfter: a.requeueAfter });
          case 'clusterDecisionResource': return Generator.clusterDecisionResource({ configMapRef: a.configMapRef as string, requeueAfter: a.requeueAfter });
          default: return Generator.matrix(list(), Generator.matrix(list(), list()));
        }
      }, a);
      if (g) {
        const rendered = g._toArgo();
        const seconds = (rendered as any)[Object.keys(rendered).find(k => k !== 'selector')!]?.requeueAfterSeconds;
        if (seconds !== undefined) expect(Number.isSafeInteger(seconds) && seconds > 0).toBe(true);
      }
    });
  });
});

describe('property: pull-request and SCM-provider generators', () => {
  test('GIVEN any options, the CRD\'s shape or wrong types WHEN the providers and generators are built and rendered THEN generators, or our error', () => {
    const field = fc.oneof({ weight: 4, arbitrary: dnsLabel }, { weight: 1, arbitrary: wrongType });
    const list = opt(fc.oneof({ weight: 4, arbitrary: fc.array(field, { maxLength: 2 }) }, { weight: 1, arbitrary: wrongType }));
    const options = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record(
          { owner: field, repo: field, project: field, organization: field, group: field, labels: list, tagFilters: list },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: fc.constantFrom<any>(undefined, null, 5, 'github', [], { github: { owner: 'o', repo: 'r' } }) },
    );
    const filter = fc.record({ branchMatch: opt(field), repositoryMatch: opt(field) }, { requiredKeys: [] });
    const PR = ['github', 'gitlab', 'gitea', 'bitbucketServer', 'bitbucket', 'azureDevOps'] as const;
    const SCM = ['github', 'gitlab', 'gitea', 'bitbucket', 'bitbucketServer', 'azureDevOps', 'awsCodeCommit'] as const;
    const arb = fc.record({
      scm: fc.boolean(),
      kind: fc.nat({ max: 6 }),
      options,
      // sometimes the provider is the CRD's object instead of a provider value
      crdShape: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      filters: opt(fc.oneof(
        { weight: 4, arbitrary: fc.array(fc.oneof(filter, wrongType), { maxLength: 2 }) },
        { weight: 1, arbitrary: wrongType },
      )),
    });
    runProperty('values', 'Generator pullRequest/scmProvider', arb, a => {
      const g = acceptedOrOurError(() => {
        if (a.scm) {
          const provider = a.crdShape ? { github: a.options } : (ScmProvider as any)[SCM[a.kind % SCM.length]](a.options);
          return Generator.scmProvider({ provider, filters: a.filters });
        }
        const provider = a.crdShape ? { github: a.options } : (PullRequestProvider as any)[PR[a.kind % PR.length]](a.options);
        return Generator.pullRequest({ provider, filters: a.filters });
      }, a);
      if (g) expect(Object.keys(g._toArgo())).toContain(a.scm ? 'scmProvider' : 'pullRequest');
    });
  });
});

describe('property: TemplatePatch', () => {
  test('GIVEN any bindings or YAML WHEN TemplatePatch.fromParameters/fromYaml THEN a patch, or our error', () => {
    const binding = fc.oneof(fc.constantFrom('prune', 'env.prune', 'syncOptions', 'a_b'), fc.constantFrom('', '{{.prune}}', '.prune', 'a-b', '1x', 'a..b'), wrongType);
    const arb = fc.oneof(
      fc.record({
        bindings: fc.record({
          autoSync: opt(binding), prune: opt(binding), selfHeal: opt(binding), syncOptions: opt(binding), helmValueFiles: opt(binding),
        }, { requiredKeys: [] }),
      }),
      fc.record({
        yaml: fc.oneof(templateString(['prune', 'env']).map(t => `spec:\n  source:\n    path: '${t}'\n`),
          fc.constantFrom('', ' ', 'spec:\n  project: x\n', 'spec: {{ .x', 'spec:\n  syncPolicy:\n    automated:\n      prune: {{ .prune }}\n'), wrongType),
      }),
    );
    runProperty('values', 'TemplatePatch', arb, a => {
      const p = acceptedOrOurError(() => 'bindings' in a ? TemplatePatch.fromParameters(a.bindings) : TemplatePatch.fromYaml(a.yaml), a);
      if (p) expect(Array.isArray(p._references())).toBe(true);
    });
  });
});

describe('property: project policies', () => {
  test('GIVEN any action and object WHEN ProjectPolicy.allow/deny/fromString and ProjectPolicyAction.of THEN values, or our error', () => {
    const action = fc.oneof(
      fc.constantFrom('get', 'create', 'update', 'delete', 'sync', 'override', '*', 'action/apps/Deployment/restart', 'update/apps/Deployment/ns/x', 'delete/*'),
      fc.constantFrom('', 'GET', 'invoke', 'action/', 'action/a', 'update/', '**', ' get'), prototypeKeys, wrongType,
    );
    const arb = fc.record({
      how: fc.constantFrom('allow', 'deny', 'fromString', 'resourceAction'),
      resource: fc.constantFrom(...Object.values(ProjectPolicyResource)),
      action,
      object: opt(fc.oneof(fc.constantFrom('*', 'app', 'ns/app', 'team-*', '', '/x', 'a/b/c'), wrongType)),
      line: smallString,
    });
    runProperty('values', 'ProjectPolicy and actions', arb, a => {
      const p = acceptedOrOurError(() => {
        if (a.how === 'fromString') return ProjectPolicy.fromString(a.line);
        if (a.how === 'resourceAction') return ProjectPolicyAction.resourceAction('apps', 'Deployment', a.action);
        const act = ProjectPolicyAction.of(a.action);
        return a.how === 'allow' ? ProjectPolicy.allow(a.resource, act, a.object) : ProjectPolicy.deny(a.resource, act, a.object);
      }, a);
      if (p instanceof ProjectPolicy && a.how !== 'fromString') {
        expect(p.render('proj', 'role')).toMatch(/^p, proj:proj:role, [a-z]+, \S+, proj\/\S+, (allow|deny)$/);
      }
    });
  });
});

describe('property: Component', () => {
  test('GIVEN any props WHEN new Component THEN a component with label-safe name, tier and wave label, or our error', () => {
    const source = fc.oneof(
      fc.constant(ApplicationSource.helm({ repoUrl: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.16.2' })),
      fc.constant(ApplicationSource.ref({ repoUrl: 'https://git.example.com/v.git', ref: 'values' })),
      fc.constantFrom<any>(undefined, null, {}, 'https://x'),
    );
    const arb = fc.record({
      name: mostly(dnsLabel, nameOrWrongType, 6),
      tier: mostly(dnsLabel, fc.oneof(name, wrongType), 6),
      wave: opt(mostly(fc.integer({ min: -20, max: 55 }), fc.oneof(wave, wrongType), 4)),
      project: mostly(dnsLabel, nameOrWrongType, 6),
      namespace: mostly(dnsLabel, namespaceOrWrongType, 6),
      source: mostly(source.filter(x => x instanceof ApplicationSource && x.options.ref === undefined), source, 6),
      syncOptions: opt(fc.array(fc.constantFrom(...KNOWN_SYNC_OPTIONS).map(s => SyncOption.of(s)), { maxLength: 3 })),
      disabled: opt(fc.boolean()),
    });
    runProperty('values', 'Component props', arb, props => {
      const c = acceptedOrOurError(() => new Component(props), props);
      if (c) {
        expect(c.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
        expect(c.tier).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
        expect(Number.isSafeInteger(c.wave)).toBe(true);
        expect(c.waveLabel).toMatch(/^m?[0-9]+$/); // a label value: -10 is written m10
      }
    });
  });

  test('GIVEN any component.yaml text WHEN Component.fromYaml THEN a component, or our error', () => {
    const w = wrongType;
    const helmChart = fc.record({ chart: dnsLabel, targetRevision: fc.constantFrom('1.2.3', 'v1.16.2') });
    const gitPath = fc.record({ path: fc.constantFrom('.', 'apps/x'), targetRevision: opt(fc.constantFrom('main', 'HEAD')) }, { requiredKeys: ['path'] });
    const source = mostly(fc.tuple(
      fc.record({ repoURL: mostly(repoUrl.filter(u => u.trim() !== ''), w) }),
      mostly<any>(fc.oneof(helmChart, gitPath), fc.record({ chart: opt(fc.oneof(dnsLabel, w)), path: opt(fc.oneof(fc.constantFrom('.', ''), w)), targetRevision: opt(w) }, { requiredKeys: [] }), 6),
      fc.oneof(
        fc.constant({}),
        fc.record({
          helm: mostly(fc.record({
            valueFiles: opt(mostly(fc.array(valueFile(['values']).filter(v => !v.startsWith('$')), { maxLength: 2 }), fc.oneof(w, fc.constant([5])))),
            releaseName: opt(mostly(dnsLabel, w)),
            skipCrds: opt(mostly(fc.boolean(), w)),
          }, { requiredKeys: [] }), w),
        }),
        fc.record({
          plugin: mostly(fc.record({
            name: opt(smallString),
            env: opt(mostly(fc.array(fc.record({ name: dnsLabel, value: smallString }), { maxLength: 2 }), fc.oneof(w, fc.constant([null])))),
          }, { requiredKeys: [] }), w),
        }),
        fc.record({ directory: mostly(fc.record({ recurse: opt(mostly(fc.boolean(), w)) }, { requiredKeys: [] }), w) }),
        fc.record({ kustomize: mostly(fc.record({ namePrefix: opt(dnsLabel), images: opt(mostly(fc.array(fc.constantFrom('nginx=nginx:1.27')), w)) }, { requiredKeys: [] }), w) }),
      ),
      opt(fc.record({ repoUrl: smallString }), 0.95),
    ).map(([a, b, c, d]) => ({ ...a, ...b, ...c, ...d })), w, 10);
    const doc = fc.record({
      name: mostly(dnsLabel, fc.oneof(name, w), 6),
      tier: mostly(dnsLabel, w, 8),
      wave: opt(mostly(fc.integer({ min: 0, max: 5 }).map(String), fc.oneof(wave.map(String), wave, w, fc.constant('1e3')), 4)),
      project: mostly(dnsLabel, fc.oneof(name, w), 8),
      namespace: mostly(dnsLabel, fc.oneof(namespace, w), 8),
      syncOptions: opt(mostly(fc.array(fc.constantFrom(...KNOWN_SYNC_OPTIONS.filter(o => !o.startsWith('Force'))), { maxLength: 2 }), fc.oneof(fc.array(syncOptionString, { maxLength: 3 }), w), 4)),
      source,
      disabled: opt(mostly(fc.boolean(), w)),
      extra: opt(smallString, 0.95),
    }, { requiredKeys: ['name', 'tier', 'project', 'namespace', 'source'] });
    const text = fc.oneof(
      { weight: 8, arbitrary: doc.map(d => YAML.stringify(d)) },
      { weight: 1, arbitrary: fc.constantFrom('', 'name: [', '- a', '5', '~', 'name: a\nname: b\n', '{{ .x }}', '*!', 'source: *s', '&a [*a]') },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    );
    runProperty('values', 'Component.fromYaml', fc.oneof({ weight: 20, arbitrary: text }, { weight: 1, arbitrary: wrongType }), t => {
      const c = acceptedOrOurError(() => Component.fromYaml(t), t);
      if (c) {
        const o = c.source.options;
        for (const k of ['repoUrl', 'path', 'chart', 'targetRevision', 'name'] as const) {
          if (o[k] !== undefined) expect(typeof o[k]).toBe('string');
        }
        for (const vf of o.helm?.valueFiles ?? []) expect(typeof vf).toBe('string');
      }
    });
  });
});

describe('property: Helmfile reader', () => {
  const REPOS = [{ name: 'jetstack', url: 'https://charts.jetstack.io' }, { name: 'example', url: 'oci://registry.example.com/charts' }];
  /** A Helmfile document: releases with names, namespaces, charts, needs, labels, values (mixed valid/invalid). */
  const w = wrongType;
  const releaseArb = fc.record({
    name: mostly(fc.constantFrom('cert-manager', 'db', 'api', 'web'), fc.oneof(name, w), 8),
    namespace: opt(mostly(fc.constantFrom('infra', 'apps'), fc.oneof(namespace, w), 8), 0.2),
    chart: mostly(fc.constantFrom('jetstack/cert-manager', 'example/db', './charts/local', 'oci://registry.example.com/charts/x'),
      fc.constantFrom<any>('unknown/x', '', 5, null, 'a/b/c')),
    version: opt(mostly(fc.constantFrom('1.2.3', 'v1.16.2', '~1.2'), w)),
    needs: opt(mostly(fc.array(fc.constantFrom('infra/cert-manager', 'apps/db', 'cert-manager'), { maxLength: 2 }),
      fc.oneof(fc.array(fc.constantFrom('nope', 'db', 'a/b/c', ''), { minLength: 1, maxLength: 2 }), w), 6)),
    labels: opt(mostly(fc.dictionary(fc.constantFrom('tier', 'team'), fc.constantFrom('infra', 'apps', 'data'), { maxKeys: 2 }),
      fc.oneof(fc.dictionary(fc.constantFrom('tier', 'team'), fc.oneof(dnsLabel, w), { maxKeys: 2 }), w))),
    installed: opt(mostly(fc.boolean(), fc.oneof(w, fc.constant('{{ .Values.x }}'))), 0.7),
    values: opt(mostly(fc.array(fc.oneof(fc.constantFrom('values/a.yaml', 'values/b.yaml'), jsonParams), { maxLength: 2 }),
      fc.oneof(fc.array(fc.constantFrom('../x.yaml', '/abs.yaml'), { minLength: 1 }), w))),
    set: opt(mostly(fc.array(fc.record({ name: dnsLabel, value: fc.oneof(smallString, fc.integer(), fc.boolean()) }), { maxLength: 2 }),
      fc.oneof(fc.array(fc.record({ name: fc.oneof(smallString, w), value: fc.oneof(smallString, w) }, { requiredKeys: [] }),
        { minLength: 1, maxLength: 2 }), w)), 0.7),
    createNamespace: opt(mostly(fc.boolean(), w), 0.8),
    hooks: opt(fc.constant([{ events: ['presync'], command: 'echo' }]), 0.9),
    secrets: opt(fc.constant(['secrets.yaml']), 0.9),
    strategicMergePatches: opt(fc.constant([{ apiVersion: 'v1' }]), 0.9),
    condition: opt(mostly(fc.constantFrom('db.enabled'), fc.oneof(fc.constant(''), w)), 0.9),
    wait: opt(fc.boolean(), 0.8),
    bogus: opt(smallString, 0.95),
  }, { requiredKeys: ['name', 'chart'] });
  const helmfileArb = fc.record({
    repositories: opt(mostly(fc.constant(REPOS), fc.oneof(
      fc.array(fc.record({ name: fc.oneof(dnsLabel, w), url: fc.oneof(repoUrl, w), oci: opt(fc.boolean()) }, { requiredKeys: [] }), { maxLength: 2 }),
      w,
    ), 6), 0.1),
    releases: mostly(fc.array(releaseArb, { maxLength: 4 }), fc.oneof(w, fc.constant([null])), 20),
    environments: opt(mostly(fc.constant({ default: { values: ['env/default.yaml'] }, prod: { values: ['env/prod.yaml', { a: 1 }] } }), w), 0.7),
    helmDefaults: opt(mostly(fc.record({ wait: fc.boolean(), timeout: fc.integer(), args: fc.constant(['--x']) }, { requiredKeys: [] }), w), 0.7),
    commonLabels: opt(mostly(fc.dictionary(fc.constantFrom('tier', 'team'), dnsLabel, { maxKeys: 2 }), fc.oneof(fc.dictionary(fc.constantFrom('tier'), w), w)), 0.7),
    templates: opt(mostly(fc.constant({ d: { namespace: 'infra' } }), w), 0.8),
    charts: opt(fc.constant([]), 0.95),
    unknownKey: opt(smallString, 0.95),
  }, { requiredKeys: ['releases'] });
  const text = fc.oneof(
    { weight: 10, arbitrary: helmfileArb.map(h => YAML.stringify(h)) },
    { weight: 1, arbitrary: helmfileArb.map(h => `---\n${YAML.stringify({ repositories: REPOS })}---\n${YAML.stringify(h)}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', '5', '[1]', 'releases: [', 'releases:\n{{ range .Values.x }}\n- name: a\n{{ end }}\n', '---\n---\n', 'x: &a {name: a}\nreleases: [*a]',
        '*!', 'a: *b', '&a [*a]', 'releases: *r', 'releases: &r [{name: a, chart: ./c, needs: *r}]'),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  );
  test('GIVEN generated Helmfile YAML WHEN Helmfile.fromYaml THEN releases with ids and needs, or our error', () => {
    const arb = fc.record({
      text,
      environment: opt(mostly(fc.constantFrom('default', 'prod'), fc.constant('nope'))),
      selectors: opt(mostly<string[]>(fc.array(fc.constantFrom('tier=infra', 'name!=db', 'tier=infra,team=x'), { maxLength: 2 }), fc.array(fc.constantFrom('a', '=', ''), { minLength: 1 }))),
    });
    runProperty('values', 'Helmfile.fromYaml', arb, a => {
      const hf = acceptedOrOurError(() => Helmfile.fromYaml(a.text, { environment: a.environment, selectors: a.selectors, filePath: '/tmp/property-helmfiles/helmfile.yaml', repoDir: '/tmp/property-helmfiles' }), a);
      if (hf) {
        for (const r of hf.releases) {
          expect(typeof r.name).toBe('string');
          expect(r.id).toContain(r.name);
          for (const n of r.needs) expect(typeof n).toBe('string');
        }
      }
    });
  });
});

describe('property: model registry database', () => {
  test('GIVEN any credentials and database options WHEN built THEN valid Secret references, or our error', () => {
    const secretName = opt(fc.oneof(dnsLabel, name, wrongType));
    const arb = fc.record({
      kind: fc.constantFrom('fromSecret', 'unsafePlaintext'),
      secretName,
      databaseSecretName: secretName,
      passwordKey: opt(fc.oneof(fc.constantFrom('database-password', 'pw_1', '', 'a b', 'a/b', 'x'.repeat(254)), wrongType)),
      rootPasswordKey: opt(fc.constantFrom('root', '', 'r!')),
      password: fc.oneof(smallString, wrongType),
      engine: fc.constantFrom('inClusterMySql', 'externalMySql', 'externalPostgres'),
      sslMode: opt(fc.constantFrom(...Object.values(PostgresSslMode))),
    });
    runProperty('values', 'DatabaseCredentials and ModelRegistryDatabase', arb, a => {
      const db = acceptedOrOurError(() => {
        const credentials = a.kind === 'fromSecret'
          ? DatabaseCredentials.fromSecret({
            secretName: a.secretName, databaseSecretName: a.databaseSecretName, passwordKey: a.passwordKey, rootPasswordKey: a.rootPasswordKey,
          })
          : DatabaseCredentials.unsafePlaintext({ password: a.password, secretName: a.secretName });
        if (a.engine === 'inClusterMySql') return ModelRegistryDatabase.inClusterMySql({ credentials });
        if (a.engine === 'externalMySql') return ModelRegistryDatabase.externalMySql({ credentials, host: 'db.example.com', databaseName: 'mr', username: 'mr' });
        return ModelRegistryDatabase.externalPostgres({ credentials, host: 'db.example.com', databaseName: 'mr', username: 'mr', sslMode: a.sslMode });
      }, a);
      if (db) {
        expect(db.credentials.passwordKey).toMatch(/^[-._a-zA-Z0-9]+$/);
        if (db.credentials.secretName !== undefined) expect(db.credentials.secretName).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
      }
    });
  });
});

describe('property: GitOpsApp layout', () => {
  test('GIVEN any repoPath and chart folder WHEN building the app THEN relative posix paths inside the output, or our error', () => {
    const p = fc.oneof(fc.constantFrom('', '.', 'clusters/prod', './a', 'a//b', 'a/./b', 'a\\b', '../x', '/abs', 'a/../../b', 'a/..', '..'), dnsLabel);
    runProperty('values', 'GitOpsApp and GitOpsChart paths', fc.record({ repoPath: p, folder: opt(p) }), a => {
      const r = acceptedOrOurError(() => {
        const app = new GitOpsApp({ outdir: '/tmp/never', repoUrl: 'https://git.example.com/x.git', repoPath: a.repoPath });
        const chart = new GitOpsChart(app, 'c', { folder: a.folder });
        return { folder: app.chartFolder(chart), repo: app.repoPathOf(chart) };
      }, a);
      if (r) {
        for (const x of [r.folder, r.repo]) {
          expect(x.startsWith('/')).toBe(false);
          expect(x.split('/')).not.toContain('..');
          expect(x).not.toContain('\\');
        }
      }
    });
  });
});

describe('formerly known bugs in src/app/gitops-app.ts (now rejected with our error)', () => {
  test.each([['repoPath', 5], ['folder', 5], ['folder', null]])('a %s of the wrong JavaScript type (%j) fails with our error, not a TypeError', (which, value) => {
    try {
      const app = new GitOpsApp({ outdir: '/tmp/never', ...which === 'repoPath' ? { repoPath: value as any } : {} });
      new GitOpsChart(app, 'c', which === 'folder' ? { folder: value as any } : {});
    } catch (e) {
      expectOurError(e, { which, value });
      return;
    }
    throw new Error('accepted');
  });
});

describe('property budget', () => {
  test('every value property ran its budget', () => {
    expect(executedRuns('values')).toEqual(BUDGET.values);
  });

  test('the property suite generates at least 10,000 cases in total', () => {
    // values 13,300 + application 3,700 + project 3,100 + patterns 2,150 + hostile 4,400 = 26,650 generated cases
    expect(TOTAL_RUNS).toBe(26_650);
    expect(TOTAL_RUNS).toBeGreaterThanOrEqual(10_000);
  });
});
