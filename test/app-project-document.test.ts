/**
 * Issue 16: an AppProject's generated object writes its YAML document straight from the L2's spec
 * (`newAppProjectObject` in src/output/application-document.ts). It must give the bytes cdk8s's generic path gives
 * (the generated toJson, resolve, sanitize, then the emitter), and fall back to that path where it could differ.
 */
import { App, Chart, JsonPatch, Lazy, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  AppProject, AppProjectProps, GitOpsApp, GitOpsChart, GpgVerificationMode, ProjectPolicy, ProjectPolicyAction,
  ProjectPolicyResource, ScopedAppProject, SyncWindowKind,
} from '../src';
import { genericCalls } from './util/generic-calls';
import { NIGHT_DENY_WINDOW } from './util/sync-windows';
import * as argo from '../src/imports/argoproj.io';
import { stringifyDocument } from '../src/output/yaml-emitter';

if (process.env.FC_SEED !== 'random') fc.configureGlobal({ seed: Number(process.env.FC_SEED) || 20261203 });

const GIT = 'https://git.example.com/platform/gitops.git';
const KDS = 'https://kubernetes.default.svc';

/** What cdk8s renders for the project's generated object (the generated toJson through ApiObject.toJson). */
function genericYaml(p: AppProject): string {
  return stringifyDocument(argo.AppProject.prototype.toJson.call(p.resource));
}

/** What the output layer writes for it. */
function directYaml(p: AppProject): string {
  return (p.resource as any)._toYaml();
}

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', 'true', 'no', '0', '1e3', '~', 'null', '- x', 'a: b', '#x', "it's", '"q"', 'multi\nline', 'ünï', '10'),
);
const labelValue = fc.stringMatching(/^([a-z0-9]([-a-z0-9_.]{0,8}[a-z0-9])?)?$/);

/** Every field an AppProject renders, each present or not (valid values; a few with text that needs quoting). */
const projectProps: fc.Arbitrary<AppProjectProps> = fc.record({
  description: text,
  sourceRepos: fc.subarray([GIT, 'https://charts.example.com/*', 'git@git.example.com:team/x.git'], { minLength: 1 }),
  sourceNamespaces: fc.subarray(['team-a-apps', 'team-a-*']),
  destinations: fc.subarray([{ server: KDS, namespace: 'team-a-*' }, { name: 'prod-eu', namespace: 'team-a' }, { server: KDS, namespace: 'yes' }], { minLength: 1 }),
  clusterResourceWhitelist: fc.subarray([{ group: '', kind: 'Namespace', name: 'team-a-*' }, { group: 'storage.k8s.io', kind: 'StorageClass' }]),
  clusterResourceBlacklist: fc.subarray([{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' }]),
  namespaceResourceWhitelist: fc.subarray([{ group: 'apps', kind: 'Deployment' }, { kind: 'Service' }], { minLength: 1 }),
  namespaceResourceBlacklist: fc.subarray([{ kind: 'ResourceQuota' }, { group: 'networking.k8s.io', kind: 'NetworkPolicy' }]),
  roles: fc.subarray([
    {
      name: 'deployers',
      description: 'may sync: "prod"',
      groups: ['team-a', '"team,a"'],
      policies: [
        ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.SYNC),
        ProjectPolicy.deny(ProjectPolicyResource.EXEC, ProjectPolicyAction.CREATE, 'team-a/web'),
      ],
    },
    { name: 'ci', jwtTokens: [{ issuedAt: 1700000000, expiresAt: 1800000000, id: 't1' }, { issuedAt: 1700000001 }] },
  ]),
  syncWindows: fc.subarray([NIGHT_DENY_WINDOW, { kind: SyncWindowKind.ALLOW, schedule: '0 6 * * 1-5', duration: '1h', applications: ['*'] }]),
  orphanedResources: fc.constantFrom({ warn: false }, { ignore: [{ kind: 'ConfigMap', name: 'kube-root-ca.crt' }] }),
  destinationServiceAccounts: fc.subarray([{ server: KDS, namespace: 'team-a-*', defaultServiceAccount: 'team-a:deployer' }]),
  permitOnlyProjectScopedClusters: fc.boolean(),
  sourceIntegrity: fc.constant({ gitPolicies: [{ repos: ['https://git.example.com/*'], mode: GpgVerificationMode.STRICT, keys: ['4AEE18F83AFDEB23'] }] }),
  finalizers: fc.constant([AppProject.RESOURCES_FINALIZER]),
  syncWave: fc.integer({ min: -5, max: 5 }),
  labels: fc.dictionary(fc.constantFrom('example.com/team', 'tier', 'a'), labelValue, { maxKeys: 3 }),
  annotations: fc.dictionary(fc.constantFrom('example.com/owner', 'note', 'b'), text, { maxKeys: 3 }),
}, { requiredKeys: ['sourceRepos', 'destinations'] });

test('GIVEN varied AppProjects WHEN written as YAML THEN the direct document equals the generic one, byte for byte', () => {
  fc.assert(fc.property(fc.array(projectProps, { minLength: 1, maxLength: 4 }), all => {
    const chart = Testing.chart();
    const projects = all.map((props, i) => new AppProject(chart, `p${i}`, props));
    // the first of the app is checked against the generic path by the object itself (the only generic render: the
    // direct path stayed on), and every one is compared here
    const written: string[] = [];
    expect(genericCalls(() => projects.forEach(p => written.push(directYaml(p))))).toBe(1);
    projects.forEach((p, i) => expect(written[i]).toEqual(genericYaml(p)));
  }), { numRuns: 120 });
});

test('GIVEN plain AppProjects WHEN written THEN only the first of each app goes through cdk8s\'s generic toJson', () => {
  const app = new GitOpsApp({ outdir: Testing.app().outdir, repoUrl: GIT });
  const chart = new GitOpsChart(app, 'projects', { folder: 'argocd' });
  const projects = [0, 1, 2, 3, 4].map(i => ScopedAppProject.apps(chart, `team-${i}`, {
    destinations: [{ server: KDS, namespace: `team-${i}-*` }],
    labels: { team: String(i) },
  }));
  expect(genericCalls(() => projects.forEach(directYaml))).toBe(1);
  expect(genericCalls(() => projects.forEach(directYaml))).toBe(0);
  const files = app.synthFiles();
  expect(files['argocd/projects.k8s.yaml']).toEqual(projects.map(genericYaml).join('---\n'));
  expect(files['argocd/projects.k8s.yaml']).toMatch(/^apiVersion: argoproj.io\/v1alpha1\nkind: AppProject\nmetadata:\n {2}labels:\n {4}team: "0"\n {2}name: team-0\n/);
});

describe('the generic path where the bytes could differ', () => {
  const make = (c: Chart, id: string, props: AppProjectProps = {}) => new AppProject(c, id, {
    sourceRepos: [GIT], destinations: [{ server: KDS, namespace: 'team-a' }], ...props,
  });

  test('GIVEN signatureKeys (the mapper writes keyId as keyID) WHEN written THEN the generic path renders it', () => {
    const c = Testing.chart();
    make(c, 'first');
    const p = make(c, 'keys', { signatureKeys: ['4AEE18F83AFDEB23'] });
    directYaml(c.node.findChild('first') as AppProject);
    expect(genericCalls(() => expect(directYaml(p)).toMatch(/\n {4}- keyID: 4AEE18F83AFDEB23\n/))).toBe(1);
    expect(directYaml(p)).toEqual(genericYaml(p));
  });

  test('GIVEN a JSON patch, a Lazy label or CDK8S_DISABLE_SORT WHEN written THEN the generic path applies them', () => {
    const c = Testing.chart();
    const first = make(c, 'first');
    directYaml(first);
    const patched = make(c, 'patched');
    patched.resource.addJsonPatch(JsonPatch.add('/spec/description', 'patched'));
    expect(directYaml(patched)).toMatch(/\n {2}description: patched\n/);
    expect(directYaml(patched)).toEqual(genericYaml(patched));
    const lazy = make(c, 'lazy');
    lazy.resource.metadata.addLabel('lazy', Lazy.any({ produce: () => 'v' }) as any);
    expect(directYaml(lazy)).toMatch(/\n {4}lazy: v\n/);
    expect(genericCalls(() => directYaml(lazy))).toBe(1);
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      const unsorted = make(c, 'unsorted', { description: 'd' });
      expect(genericCalls(() => expect(directYaml(unsorted)).toEqual(genericYaml(unsorted)))).toBe(2);
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });

  test('GIVEN an app with a custom resolver WHEN written THEN that app keeps the generic path, other apps do not', () => {
    const app = new App({ resolvers: [{ resolve: ctx => { if (ctx.value === 'team-a') ctx.replaceValue('team-b'); } }] });
    const c = new Chart(app, 'c');
    const projects = [make(c, 'a'), make(c, 'b')];
    for (const p of projects) expect(directYaml(p)).toMatch(/namespace: team-b\n/);
    // another app in the same process still takes the direct path
    const other = Testing.chart();
    const q = [make(other, 'a'), make(other, 'b')];
    expect(genericCalls(() => q.forEach(directYaml))).toBe(1);
  });
});
