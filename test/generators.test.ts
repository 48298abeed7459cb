import { Duration } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import {
  ApplicationSet, ApplicationSource, ApplicationsSyncPolicy, Destination, Generator, GeneratorKind, GitOpsApp, GitOpsChart, PullRequestProvider,
  ScmProvider, SelectorOperator,
} from '../src';
import { expectSchemaValid } from './util/schema';

const GIT = 'https://git.example.com/platform/gitops.git';

/** puts the generators in an ApplicationSet whose template reads `{{.name}}` (checks off), synthesizes, schema-validates */
function render(generators: Generator[], templateName: string = 'app-{{ .name | default "x" }}'): any[] {
  const app = new GitOpsApp({ repoUrl: GIT });
  const chart = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
  new ApplicationSet(chart, 'set', {
    generators,
    goTemplateOptions: [],
    template: { name: templateName, project: 'apps', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.inCluster('x') },
    rolloutPlan: false,
    applicationsSync: ApplicationsSyncPolicy.CREATE_UPDATE, // an explicit choice (pull-request generators need one)
  });
  const docs = parseAllDocuments(app.synthFiles()['argocd/argocd.k8s.yaml']).map(d => d.toJSON());
  expectSchemaValid(docs);
  return docs[0].spec.generators;
}

function preview(generators: Generator[], name: string): string[] {
  const app = new GitOpsApp({ repoUrl: GIT });
  const chart = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
  const set = new ApplicationSet(chart, 'set', {
    generators,
    template: { name, project: 'apps', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.inCluster('x') },
  });
  return set.preview().map(a => a.name);
}

describe('Generator', () => {
  test('GIVEN every generator kind WHEN rendered THEN the CRD shape (schema-valid), with sorted values and selectors', () => {
    const gens = render([
      Generator.list({ elements: [{ name: 'a', nested: { x: 1 } }], selector: { matchLabels: { name: 'a' } } }),
      Generator.clusters({ clusterSelector: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'tier', operator: SelectorOperator.IN, values: ['web'] }] }, values: { b: '2', a: '1' } }),
      Generator.gitDirectories({ repoUrl: GIT, revision: 'main', directories: ['apps/*'], exclude: ['apps/legacy'], requeueAfter: Duration.minutes(5) }),
      Generator.gitFiles({ repoUrl: GIT, files: ['clusters/*/config.json'], values: { team: 'platform' } }),
      Generator.pullRequest({
        provider: PullRequestProvider.github({ owner: 'acme', repo: 'shop', labels: ['preview'], tokenRef: { secretName: 'github-token', key: 'token' } }),
        filters: [{ branchMatch: 'feature-.*' }],
        requeueAfter: Duration.minutes(1),
      }),
      Generator.scmProvider({ provider: ScmProvider.gitlab({ group: 'acme', includeSubgroups: true }), filters: [{ repositoryMatch: '^svc-', pathsExist: ['deploy'] }], cloneProtocol: 'https' }),
      Generator.clusterDecisionResource({ configMapRef: 'ocm-placement', labelSelector: { matchLabels: { 'cluster.open-cluster-management.io/placement': 'prod' } } }),
      Generator.plugin({ configMapRef: 'my-plugin', parameters: { key: 'value' }, values: { v: '1' } }),
    ]);
    expect(gens[0]).toEqual({ list: { elements: [{ name: 'a', nested: { x: 1 } }] }, selector: { matchLabels: { name: 'a' } } });
    expect(gens[1]).toEqual({
      clusters: {
        selector: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] },
        values: { a: '1', b: '2' },
      },
    });
    expect(Object.keys(gens[1].clusters.values)).toEqual(['a', 'b']);
    expect(gens[2]).toEqual({
      git: { repoURL: GIT, revision: 'main', directories: [{ path: 'apps/*' }, { path: 'apps/legacy', exclude: true }], requeueAfterSeconds: 300 },
    });
    expect(gens[3]).toEqual({ git: { repoURL: GIT, revision: 'HEAD', files: [{ path: 'clusters/*/config.json' }], values: { team: 'platform' } } });
    expect(gens[4]).toEqual({
      pullRequest: {
        github: { owner: 'acme', repo: 'shop', labels: ['preview'], tokenRef: { secretName: 'github-token', key: 'token' } },
        filters: [{ branchMatch: 'feature-.*' }],
        requeueAfterSeconds: 60,
      },
    });
    expect(gens[5]).toEqual({ scmProvider: { gitlab: { group: 'acme', includeSubgroups: true }, filters: [{ repositoryMatch: '^svc-', pathsExist: ['deploy'] }], cloneProtocol: 'https' } });
    expect(gens[6]).toEqual({ clusterDecisionResource: { configMapRef: 'ocm-placement', labelSelector: { matchLabels: { 'cluster.open-cluster-management.io/placement': 'prod' } } } });
    expect(gens[7]).toEqual({ plugin: { configMapRef: { name: 'my-plugin' }, input: { parameters: { key: 'value' } }, values: { v: '1' } } });
    expect(gens).toMatchSnapshot();
  });

  test('GIVEN the other pull-request and SCM providers WHEN rendered THEN each under its provider key', () => {
    const gens = render([
      Generator.pullRequest({ provider: PullRequestProvider.gitlab({ project: 'acme/shop', pullRequestState: 'opened', caRef: { configMapName: 'ca', key: 'ca.crt' } }) }),
      Generator.pullRequest({ provider: PullRequestProvider.gitea({ owner: 'acme', repo: 'shop', api: 'https://gitea.example.com' }) }),
      Generator.pullRequest({ provider: PullRequestProvider.bitbucketServer({ project: 'ACME', repo: 'shop', api: 'https://bitbucket.example.com', bearerTokenRef: { secretName: 'bb', key: 'token' } }) }),
      Generator.pullRequest({ provider: PullRequestProvider.azureDevOps({ organization: 'acme', project: 'shop', repo: 'shop' }), continueOnRepoNotFoundError: true }),
      Generator.scmProvider({ provider: ScmProvider.github({ organization: 'acme', allBranches: true }) }),
      Generator.scmProvider({ provider: ScmProvider.gitea({ owner: 'acme', api: 'https://gitea.example.com' }) }),
    ]);
    expect(gens.map((g: any) => Object.keys(g.pullRequest ?? g.scmProvider)[0])).toEqual(['gitlab', 'gitea', 'bitbucketServer', 'azuredevops', 'github', 'gitea']);
    expect(gens[2].pullRequest.bitbucketServer.bearerToken).toEqual({ tokenRef: { secretName: 'bb', key: 'token' } });
  });

  test('GIVEN a matrix of two lists WHEN previewed THEN every combination, first generator outermost', () => {
    const m = Generator.matrix(
      Generator.list({ elements: [{ env: 'dev' }, { env: 'prod' }] }),
      Generator.list({ elements: [{ svc: 'api' }, { svc: 'web' }] }),
    );
    expect(m.kind).toBe(GeneratorKind.MATRIX);
    expect(preview([m], '{{.env}}-{{.svc}}')).toEqual(['dev-api', 'dev-web', 'prod-api', 'prod-web']);
    expect(render([m], '{{.env}}-{{.svc}}')[0]).toEqual({ matrix: { generators: [{ list: { elements: [{ env: 'dev' }, { env: 'prod' }] } }, { list: { elements: [{ svc: 'api' }, { svc: 'web' }] } }] } });
  });

  test('GIVEN a matrix nesting a merge WHEN rendered THEN the nested one is emitted in CRD form (schemaless in the CRD)', () => {
    const inner = Generator.merge({
      mergeKeys: ['server'],
      generators: [Generator.clusters({ values: { kafka: 'true' } }), Generator.gitFiles({ repoUrl: GIT, files: ['x.json'] })],
    });
    const gens = render([Generator.matrix(Generator.gitDirectories({ repoUrl: GIT, directories: ['apps/*'] }), inner)]);
    expect(gens[0].matrix.generators[1]).toEqual({
      merge: {
        mergeKeys: ['server'],
        generators: [{ clusters: { values: { kafka: 'true' } } }, { git: { repoURL: GIT, revision: 'HEAD', files: [{ path: 'x.json' }] } }],
      },
    });
  });

  test('GIVEN a merge of lists WHEN previewed THEN the base elements overridden by matching ones', () => {
    const merged = Generator.merge({
      mergeKeys: ['cluster'],
      generators: [
        Generator.list({ elements: [{ cluster: 'a', size: 's' }, { cluster: 'b', size: 's' }] }),
        Generator.list({ elements: [{ cluster: 'b', size: 'l' }, { cluster: 'c', size: 'xl' }] }),
      ],
    });
    expect(preview([merged], '{{.cluster}}-{{.size}}')).toEqual(['a-s', 'b-l']);
  });

  test('GIVEN a post-selector WHEN previewed THEN only matching parameter sets', () => {
    const g = Generator.list({
      elements: [{ env: 'dev', region: 'eu' }, { env: 'prod', region: 'eu' }, { env: 'prod', region: 'us' }],
      selector: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'region', operator: SelectorOperator.NOT_IN, values: ['us'] }] },
    });
    expect(preview([g], '{{.env}}-{{.region}}')).toEqual(['prod-eu']);
  });

  test('GIVEN invalid generators WHEN built THEN clear errors', () => {
    expect(() => Generator.list({ elements: [] })).toThrow(/list generator needs at least one element/);
    expect(() => Generator.list({ elements: ['x' as any] })).toThrow(/list element #1 is not an object/);
    expect(() => Generator.gitFiles({ repoUrl: GIT, files: [] })).toThrow(/needs at least one path in files/);
    expect(() => Generator.gitDirectories({ repoUrl: GIT, directories: ['/abs'] })).toThrow(/relative to the repository root/);
    // JavaScript callers: the CRD's { path } shape, a string, a non-string exclude: errors, not TypeErrors
    expect(() => Generator.gitDirectories({ repoUrl: GIT, directories: [{ path: 'charts/*' } as any] })).toThrow(/git generator paths are strings .*directories: \['apps\/\*'\] \[GEN-012\]/);
    expect(() => Generator.gitFiles({ repoUrl: GIT, files: 'a.json' as any })).toThrow(/needs at least one path in files \(got "a.json"\)\. Fix: pass a list, files: \['apps\/\*'\] \[GEN-011\]/);
    expect(() => Generator.gitDirectories({ repoUrl: GIT, directories: ['a'], exclude: 'b' as any })).toThrow(/exclude is a list of paths .*\[GEN-011\]/);
    expect(() => Generator.gitDirectories({ repoUrl: GIT, directories: ['a'], exclude: [3 as any] })).toThrow(/paths are strings .*\[GEN-012\]/);
    expect(() => Generator.gitDirectories({ repoUrl: GIT, directories: ['a'], exclude: ['/b'] })).toThrow(/relative to the repository root/);
    // pull-request and SCM-provider generators: the CRD's shape, a missing options object, lists that are not lists
    expect(() => Generator.pullRequest({ github: { owner: 'o', repo: 'r' } } as any)).toThrow(/needs a provider, a PullRequestProvider value \(not the CRD's github.*\[TYPE-003\]/);
    expect(() => Generator.pullRequest({ provider: { github: { owner: 'o', repo: 'r' } } } as any)).toThrow(/pullRequest provider must be PullRequestProvider\.github\(\.\.\.\).*\[TYPE-003\]/);
    expect(() => Generator.scmProvider({ provider: { github: { organization: 'o' } } } as any)).toThrow(/scmProvider provider must be ScmProvider\.github\(\.\.\.\).*\[TYPE-003\]/);
    expect(() => PullRequestProvider.github(undefined as any)).toThrow(/PullRequestProvider\.github takes an options object, but it got undefined.*owner: 'org'.*\[TYPE-005\]/);
    expect(() => PullRequestProvider.gitlab({ project: 'p', labels: 'preview' as any })).toThrow(/PullRequestProvider\.gitlab: labels must be a list.*\[TYPE-006\]/);
    expect(() => ScmProvider.gitlab(5 as any)).toThrow(/ScmProvider\.gitlab takes an options object, but it got a number \(got 5\).*\[TYPE-005\]/);
    expect(() => ScmProvider.awsCodeCommit({ tagFilters: [null as any] })).toThrow(/tagFilters\[0\] must be an object.*\[TYPE-005\]/);
    expect(() => Generator.pullRequest(undefined as any)).toThrow(/pullRequest takes an options object, but it got undefined.*\[TYPE-005\]/);
    expect(() => Generator.pullRequest({} as any)).toThrow(/a pullRequest generator needs a provider.*PullRequestProvider\.github.*\[TYPE-003\]/);
    expect(() => Generator.scmProvider({} as any)).toThrow(/a scmProvider generator needs a provider.*ScmProvider\.github.*\[TYPE-003\]/);
    const provider = PullRequestProvider.github({ owner: 'o', repo: 'r' });
    expect(() => Generator.pullRequest({ provider, filters: [null as any] })).toThrow(/pullRequest filters\[0\] must be an object.*\[TYPE-005\]/);
    expect(() => Generator.pullRequest({ provider, filters: 'x' as any })).toThrow(/pullRequest filters must be a list.*\[TYPE-006\]/);
    expect(() => Generator.merge({ mergeKeys: 'server' as any, generators: [Generator.clusters(), Generator.clusters()] })).toThrow(/needs mergeKeys, a list of parameter names.*\[GEN-005\]/);
    expect(() => Generator.merge({ mergeKeys: ['server'], generators: 'x' as any })).toThrow(/needs a base generator and at least one more.*\[GEN-004\]/);
    expect(() => Generator.merge(undefined as any)).toThrow(/\[GEN-004\]/);
    expect(() => Generator.gitDirectories({ repoUrl: '', directories: ['a'] })).toThrow(/needs a repoUrl/);
    expect(() => Generator.merge({ mergeKeys: ['a'], generators: [Generator.clusters()] })).toThrow(/needs a base generator and at least one more/);
    expect(() => Generator.merge({ mergeKeys: [], generators: [Generator.clusters(), Generator.clusters()] })).toThrow(/needs mergeKeys/);
    const nested = Generator.matrix(Generator.clusters(), Generator.matrix(Generator.clusters(), Generator.clusters()));
    expect(() => Generator.matrix(Generator.clusters(), nested)).toThrow(/can nest a matrix or merge only one level deep/);
    expect(() => Generator.list({ elements: [{ a: 1 }], selector: { matchExpressions: [{ key: 'a', operator: SelectorOperator.IN }] } })).toThrow(/a In needs values/);
    expect(() => Generator.clusters({ clusterSelector: { matchExpressions: [{ key: 'a', operator: SelectorOperator.EXISTS, values: ['x'] }] } })).toThrow(/a Exists takes no values/);
    expect(() => Generator.gitFiles({ repoUrl: GIT, files: ['a'], requeueAfter: Duration.millis(1500) })).toThrow(/requeueAfter must be a whole number of seconds/);
    expect(() => Generator.plugin({ configMapRef: '' })).toThrow(/needs configMapRef/);
  });
});

test('a matrix with one or three children names the count and the fix', () => {
  const l = () => Generator.list({ elements: [{ a: '1' }] });
  expect(() => (Generator.matrix as any)(l())).toThrow(/combines exactly two generators.*\(got "1 generator\(s\)"\)\. Fix: pass two generators/);
  expect(() => (Generator.matrix as any)(l(), l(), l())).toThrow(/combines exactly two generators.*\(got "3 generator\(s\)"\)/);
});
