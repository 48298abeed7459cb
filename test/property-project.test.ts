/**
 * Property-based tests of AppProject and ScopedAppProject props, through synth: an accepted input synthesizes an
 * AppProject valid against the Argo CD 3.5.1 CRD schema (and the invariants below); a rejected input fails with
 * our own error (`Fix:`), never a TypeError or a crash.
 * Runs per property: BUDGET.project in test/util/arbitraries.ts (3,100 in this file).
 */
import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  AppProject, AppProjectProps, GitOpsApp, PolicyEffect, ProjectPolicy, ProjectPolicyAction, ProjectPolicyResource, ProjectTier,
  ScopedAppProject, ScopedAppProjectProps, SyncWindowKind,
} from '../src';
import {
  acceptedOrOurError, annotations, BUDGET, cron, dnsLabel, executedRuns, expectValidDocs, goDurationString, labels, memoryApp, mostly, name,
  namespace, opt, policyString, projectGlob, repoUrl, runProperty, serverUrl, smallString, timeZone, validLabelKey, validLabelValue, wave,
  wrongType,
} from './util/arbitraries';

const resourceRule = fc.record({
  group: opt(mostly(fc.constantFrom('', 'apps', 'rbac.authorization.k8s.io', 'cert-manager.io', '*'), fc.constantFrom('Apps', 'a b', '['))),
  kind: mostly(fc.constantFrom('Namespace', 'ClusterRole', 'Deployment', 'ConfigMap', 'Secret', 'Certificate', '*'), fc.constantFrom('', '[', 'Deploy ment')),
  name: opt(fc.constantFrom('x', 'team-*', ''), 0.8),
});

const destination = fc.record({
  server: opt(mostly(fc.constantFrom('https://kubernetes.default.svc', 'https://prod.example.com:6443', 'https://*.example.com'), serverUrl), 0.3),
  name: opt(mostly(fc.constantFrom('in-cluster', 'prod-*', 'prod-eu'), fc.oneof(projectGlob, fc.constant('!prod'))), 0.7),
  namespace: mostly(fc.oneof(dnsLabel, dnsLabel.map(n => `${n}-*`)), fc.oneof(projectGlob, namespace, fc.constantFrom<any>('', undefined))),
});

const projectProps: fc.Arbitrary<AppProjectProps> = fc.record({
  name: opt(mostly(dnsLabel, name, 8), 0.2),
  namespace: opt(mostly(fc.constantFrom('argocd'), namespace, 8), 0.7),
  description: opt(fc.oneof(smallString, fc.constant('x'.repeat(300))), 0.7),
  sourceRepos: opt(fc.array(mostly(repoUrl.filter(u => u.trim() !== '' && !u.startsWith('!') && !/^\*+$/.test(u)), fc.oneof(repoUrl, projectGlob), 6), { maxLength: 3 })),
  sourceNamespaces: opt(fc.array(mostly(dnsLabel, fc.oneof(projectGlob, fc.constantFrom('/team-.*/', '/[/'))), { maxLength: 2 }), 0.7),
  destinations: opt(fc.array(destination, { maxLength: 3 }), 0.2),
  clusterResourceWhitelist: opt(fc.array(resourceRule, { maxLength: 2 }), 0.6),
  clusterResourceBlacklist: opt(fc.array(resourceRule, { maxLength: 1 }), 0.8),
  namespaceResourceWhitelist: opt(fc.array(resourceRule.map(r => ({ ...r, name: undefined })), { maxLength: 2 }), 0.6),
  namespaceResourceBlacklist: opt(fc.array(resourceRule.map(r => ({ ...r, name: undefined })), { maxLength: 1 }), 0.8),
  denyAllNamespacedResources: opt(fc.boolean(), 0.8),
  orphanedResources: opt(fc.record({ warn: opt(fc.boolean()), ignore: opt(fc.array(fc.record({ group: opt(fc.constant('')), kind: opt(fc.constant('ConfigMap')), name: opt(fc.constant('kube-root-ca.crt')) }), { maxLength: 2 })) }), 0.7),
  destinationServiceAccounts: opt(fc.array(fc.record({
    server: mostly(fc.constantFrom('https://kubernetes.default.svc', '*'), fc.constant('')),
    namespace: opt(fc.constantFrom('team-a', '*')),
    defaultServiceAccount: mostly(fc.constantFrom('deployer', 'team-a:deployer'), fc.constantFrom('', 'A:b', 'a:b:c', 'system:serviceaccount:x')),
  }), { maxLength: 2 }), 0.8),
  permitOnlyProjectScopedClusters: opt(fc.boolean(), 0.8),
  clusterScopedKinds: opt(fc.array(mostly(fc.constantFrom('example.com/ClusterWidget', '/Node'), fc.constantFrom('Widget', 'a b/C', '')), { maxLength: 1 }), 0.8),
  syncWave: opt(wave, 0.7),
  labels: opt(mostly(fc.dictionary(validLabelKey, validLabelValue, { maxKeys: 2 }), labels, 4), 0.6),
  annotations: opt(annotations, 0.7),
}, { requiredKeys: [] });

function synthProject(make: (chart: Chart) => void, input: unknown): any[] | undefined {
  return acceptedOrOurError(() => {
    const chart = new Chart(memoryApp(), 'c');
    make(chart);
    return Testing.synth(chart);
  }, input);
}

function expectProjectInvariants(docs: any[], input: unknown, opts: { denyAll?: boolean } = {}): any {
  expectValidDocs(docs, input);
  const p = docs.find(d => d.kind === 'AppProject');
  const spec = p.spec ?? {};
  // an empty whitelist allows nothing: only on purpose
  if (!opts.denyAll) expect(spec.namespaceResourceWhitelist).not.toEqual([]);
  for (const list of ['sourceRepos', 'sourceNamespaces'] as const) {
    const l: string[] = spec[list] ?? [];
    expect(new Set(l).size).toBe(l.length);
  }
  const w = p.metadata.annotations?.['argocd.argoproj.io/sync-wave'];
  if (w !== undefined) expect(w).toMatch(/^-?[0-9]+$/);
  return p;
}

describe('property: AppProject', () => {
  test('GIVEN any props WHEN synthesized THEN a schema-valid AppProject, or our error', () => {
    runProperty('project', 'AppProject props synthesize schema-valid or fail with our error', projectProps, props => {
      const docs = synthProject(chart => new AppProject(chart, 'proj', props), props);
      if (docs) expectProjectInvariants(docs, props, { denyAll: props.denyAllNamespacedResources });
    });
  });

  test('GIVEN any sync windows WHEN synthesized THEN valid schedules, durations and zones, or our error', () => {
    const window = fc.record({
      kind: mostly(fc.constantFrom(SyncWindowKind.ALLOW, SyncWindowKind.DENY), fc.constantFrom<any>('block', undefined)),
      schedule: mostly(cron, fc.oneof(wrongType, fc.constant(undefined))),
      duration: mostly(goDurationString, fc.oneof(wrongType, fc.constant(undefined))),
      applications: opt(fc.array(mostly(fc.constantFrom('*', 'web-*'), fc.constant('')), { minLength: 1, maxLength: 2 }), 0.2),
      namespaces: opt(fc.array(fc.constantFrom('prod-*', 'team-a'), { maxLength: 2 })),
      clusters: opt(fc.array(fc.constantFrom('prod', '*'), { maxLength: 1 })),
      manualSync: opt(fc.boolean()),
      timeZone: opt(timeZone),
      andOperator: opt(fc.boolean()),
      description: opt(fc.oneof(smallString, fc.constant('d'.repeat(256))), 0.7),
      syncOverrun: opt(fc.boolean()),
    }, { requiredKeys: ['kind', 'schedule', 'duration'] });
    runProperty('project', 'AppProject sync windows (cron, duration, time zone)', fc.array(window, { minLength: 1, maxLength: 2 }), windows => {
      const docs = synthProject(chart => new AppProject(chart, 'proj', { syncWindows: windows }), windows);
      if (!docs) return;
      const p = expectProjectInvariants(docs, windows);
      for (const w of p.spec.syncWindows) {
        expect(w.schedule.trim().split(/\s+/)).toHaveLength(5);
        expect(w.applications ?? w.namespaces ?? w.clusters).toBeDefined();
      }
    });
  });

  test('GIVEN any roles WHEN synthesized THEN policies that name this project and role, or our error', () => {
    const policy = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record({
          effect: fc.constantFrom(PolicyEffect.ALLOW, PolicyEffect.DENY),
          resource: fc.constantFrom(...Object.values(ProjectPolicyResource)),
          action: fc.constantFrom(ProjectPolicyAction.GET, ProjectPolicyAction.SYNC, ProjectPolicyAction.ALL, ProjectPolicyAction.resourceAction('apps', 'Deployment', 'restart')),
          object: opt(mostly(fc.constantFrom('*', 'web', 'team-a/web', 'web-*'), fc.constantFrom('', '/x'))),
        }).map(p => ({
          build: () => (p.effect === PolicyEffect.ALLOW ? ProjectPolicy.allow : ProjectPolicy.deny)(p.resource, p.action, p.object),
          shown: p,
        })),
      },
      { weight: 1, arbitrary: fc.oneof(policyString, wrongType).map(line => ({ build: () => ProjectPolicy.fromString(line), shown: line })) },
    );
    const role = fc.record({
      name: mostly(fc.constantFrom('ci', 'deployers', 'read_only'), fc.oneof(name, wrongType, fc.constantFrom('a b', '-x', ''))),
      description: opt(smallString),
      policies: opt(fc.array(policy, { maxLength: 3 })),
      groups: opt(fc.array(mostly(fc.constantFrom('team-a', 'org:team', '"a,b"'), fc.oneof(fc.constantFrom('', 'a,b', ' x'), wrongType)), { maxLength: 2 })),
    }, { requiredKeys: ['name'] });
    runProperty('project', 'AppProject roles and policies', fc.array(role, { minLength: 1, maxLength: 3 }), roles => {
      const docs = synthProject(chart => new AppProject(chart, 'proj', {
        roles: roles.map(r => ({ ...r, policies: r.policies?.map(p => p.build()) })),
      }), roles.map(r => ({ ...r, policies: r.policies?.map(p => p.shown) })));
      if (!docs) return;
      const p = expectProjectInvariants(docs, roles);
      for (const r of p.spec.roles) {
        expect(new Set(r.policies ?? []).size).toBe((r.policies ?? []).length);
        for (const line of r.policies ?? []) expect(line).toMatch(new RegExp(`^p, proj:proj:${r.name}, `));
      }
    });
  });

  test('GIVEN a name, namespace or list entry of the wrong JavaScript type WHEN building THEN our error, never a TypeError', () => {
    const arb = fc.record({
      field: fc.constantFrom('name', 'namespace', 'sourceRepos', 'sourceNamespaces', 'destinations', 'clusterResourceWhitelist', 'roles', 'syncWindows', 'labels'),
      value: wrongType.filter(v => v !== undefined && !(typeof v === 'object' && v !== null && 'name' in v)), // { name } is a valid role
    });
    runProperty('project', 'AppProject wrong JS types for name/namespace/entries', arb, ({ field, value }) => {
      fc.pre(!((field === 'name' || field === 'namespace') && value === null)); // null is "not set": the default applies
      const props: any = field === 'name' || field === 'namespace' ? { [field]: value }
        : field === 'labels' ? { labels: { team: value } } : { [field]: [value] };
      const docs = synthProject(chart => new AppProject(chart, 'proj', props), props);
      // `{}` and `[]` are valid entries for none of these fields, numbers and null neither
      if (docs) expect({ field, value }).toEqual('accepted');
    });
  });
});

describe('property: ScopedAppProject', () => {
  test('GIVEN any props WHEN synthesized THEN no * or ! entry without its unsafe opt-in, and the tier presets hold', () => {
    const validDestination = fc.record({
      server: fc.constantFrom('https://kubernetes.default.svc', 'https://prod.example.com:6443'),
      namespace: fc.oneof(dnsLabel, dnsLabel.map(n => `${n}-*`)),
    });
    const arb = fc.record({
      factory: fc.constantFrom('new', 'platform', 'dataServices', 'apps'),
      tier: opt(fc.constantFrom(...Object.values(ProjectTier))),
      sourceRepos: opt(mostly(fc.array(fc.constantFrom('https://git.example.com/platform/gitops.git', 'https://charts.jetstack.io', 'https://git.example.com/platform/*'), { minLength: 1, maxLength: 2 }),
        fc.array(fc.oneof(repoUrl, projectGlob), { maxLength: 2 }), 3), 0.4),
      destinations: mostly<any[]>(fc.array(validDestination, { minLength: 1, maxLength: 2 }), fc.array(destination, { maxLength: 2 }), 3),
      sourceNamespaces: opt(fc.array(fc.oneof(dnsLabel, projectGlob), { maxLength: 2 }), 0.7),
      clusterResourceWhitelist: opt(fc.array(resourceRule, { maxLength: 2 }), 0.7),
      allowAnySourceRepoUnsafe: opt(fc.boolean(), 0.7),
      allowAnyDestinationUnsafe: opt(fc.boolean(), 0.7),
      allowAnyClusterResourceUnsafe: opt(fc.boolean(), 0.7),
      allowAnySourceNamespaceUnsafe: opt(fc.boolean(), 0.7),
      appRepo: opt(fc.constant('https://git.example.com/platform/gitops.git'), 0.2),
      keepTier: fc.integer({ min: 0, max: 9 }),
    }).map(({ keepTier, ...a }) => a.factory === 'new' || keepTier === 0 ? a : { ...a, tier: undefined }); // the factories set the tier
    runProperty('project', 'ScopedAppProject never emits * or ! without opt-in', arb, a => {
      const { factory, appRepo, ...props } = a;
      const docs = acceptedOrOurError(() => {
        const chart = new Chart(new GitOpsApp({ outdir: '/tmp/never', repoUrl: appRepo }), 'c');
        const p = props as ScopedAppProjectProps;
        if (factory === 'platform') ScopedAppProject.platform(chart, 'proj', p);
        else if (factory === 'dataServices') ScopedAppProject.dataServices(chart, 'proj', p);
        else if (factory === 'apps') ScopedAppProject.apps(chart, 'proj', p);
        else new ScopedAppProject(chart, 'proj', p);
        return Testing.synth(chart);
      }, a);
      if (!docs) return;
      const spec = expectProjectInvariants(docs, a).spec;
      const star = (s?: string) => s !== undefined && /^\*+$/.test(s.trim());
      const deny = (s?: string) => s !== undefined && s.startsWith('!');
      if (!a.allowAnySourceRepoUnsafe) {
        for (const r of spec.sourceRepos) expect(star(r) || deny(r)).toBe(false);
      }
      if (!a.allowAnyDestinationUnsafe) {
        for (const d of spec.destinations ?? []) {
          expect([d.server, d.name, d.namespace].some(x => star(x) || deny(x))).toBe(false);
        }
      }
      if (!a.allowAnySourceNamespaceUnsafe) for (const n of spec.sourceNamespaces ?? []) expect(star(n)).toBe(false);
      if (!a.allowAnyClusterResourceUnsafe) {
        for (const r of spec.clusterResourceWhitelist ?? []) {
          expect(star(r.group) && star(r.kind) && (r.name === undefined || star(r.name))).toBe(false);
        }
      }
      const tier = factory === 'new' ? a.tier ?? ProjectTier.CUSTOM : { platform: ProjectTier.PLATFORM, dataServices: ProjectTier.DATA_SERVICES, apps: ProjectTier.APPS }[factory];
      if (tier === ProjectTier.APPS) expect(spec.clusterResourceWhitelist).toBeUndefined();
      if (a.sourceRepos === undefined) expect(spec.sourceRepos).toEqual([a.appRepo]);
      expect(spec.orphanedResources?.warn).toBe(true);
    });
  });
});

describe('property budget', () => {
  test('every AppProject property ran its budget', () => {
    expect(executedRuns('project')).toEqual(BUDGET.project);
  });
});
