import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import {
  Application, ApplicationSet, ApplicationSource, AppProject, Destination, Generator, GitOpsApp, GitOpsChart, GitOpsRules, GpgVerificationMode,
  PullRequestProvider, ScmProvider,
} from '../src';
import { expectSchemaValid, expectSchemaValidChart } from './util/schema';
import { goSyntaxAction, printsMapParameter } from '../src/engines/go-template';

const GIT = 'https://git.example.com/platform/gitops.git';
const KDS = Destination.IN_CLUSTER_SERVER;

function appSource(source: ApplicationSource): any {
  const c = Testing.chart();
  new Application(c, 'app', { project: 'web', destination: Destination.inCluster('web'), source });
  return expectSchemaValidChart(c)[0].spec.source;
}

function appSetDocs(props: { generators: Generator[]; template?: any; goTemplate?: boolean; goTemplateOptions?: string[] }): any[] {
  const app = new GitOpsApp({ repoUrl: GIT });
  const chart = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
  new ApplicationSet(chart, 'set', {
    generators: props.generators,
    goTemplate: props.goTemplate,
    goTemplateOptions: props.goTemplateOptions,
    template: props.template ?? { name: '{{.env}}-web', project: 'web', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.inCluster('x') },
    rolloutPlan: false,
  });
  const docs = parseAllDocuments(app.synthFiles()['argocd/argocd.k8s.yaml']).map(d => d.toJSON());
  return expectSchemaValid(docs);
}

describe('source types: no empty type block (Argo CD strips it, so it cannot pin the type)', () => {
  test('GIVEN each factory without options WHEN synthesized THEN no empty helm/kustomize/directory block; plugin() always writes plugin', () => {
    expect(appSource(ApplicationSource.kustomize({ repoUrl: GIT, path: 'k' }))).toEqual({ repoURL: GIT, path: 'k', targetRevision: 'HEAD' });
    expect(appSource(ApplicationSource.directory({ repoUrl: GIT, path: 'd' }))).toEqual({ repoURL: GIT, path: 'd', targetRevision: 'HEAD' });
    expect(appSource(ApplicationSource.helmChart({ repoUrl: GIT, path: 'h' }))).toEqual({ repoURL: GIT, path: 'h', targetRevision: 'HEAD' });
    expect(appSource(ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'web', version: '1.0.0' })))
      .toEqual({ repoURL: 'https://charts.example.com', chart: 'web', targetRevision: '1.0.0' });
    expect(appSource(ApplicationSource.of({ repoUrl: GIT, path: 'o', kustomize: {} }))).toEqual({ repoURL: GIT, path: 'o', targetRevision: 'HEAD' });
    expect(appSource(ApplicationSource.plugin({ repoUrl: GIT, path: 'p' }))).toEqual({ repoURL: GIT, path: 'p', targetRevision: 'HEAD', plugin: {} });
  });

  test('GIVEN options WHEN synthesized THEN the block is written (and pins the type)', () => {
    expect(appSource(ApplicationSource.kustomize({ repoUrl: GIT, path: 'k', namePrefix: 'a-' })).kustomize).toEqual({ namePrefix: 'a-' });
    expect(appSource(ApplicationSource.directory({ repoUrl: GIT, path: 'd', recurse: true })).directory).toEqual({ recurse: true });
  });
});

describe('Kustomize, Jsonnet and plugin fields', () => {
  test('GIVEN the Kustomize flags WHEN synthesized THEN each is written under its CRD name', () => {
    const k = appSource(ApplicationSource.kustomize({
      repoUrl: GIT,
      path: 'k',
      commonLabels: { team: 'web' },
      commonAnnotations: { owner: '${ARGOCD_APP_NAME}' },
      labelWithoutSelector: true,
      labelIncludeTemplates: true,
      forceCommonLabels: true,
      forceCommonAnnotations: true,
      commonAnnotationsEnvsubst: true,
      ignoreMissingComponents: true,
      kubeVersion: '1.30.0',
      apiVersions: ['x/v1/Y'],
      patches: [{ target: { kind: 'Deployment', name: 'web' }, patch: '- op: replace\n  path: /spec/replicas\n  value: 2' }],
    })).kustomize;
    expect(k).toEqual({
      commonLabels: { team: 'web' },
      commonAnnotations: { owner: '${ARGOCD_APP_NAME}' },
      labelWithoutSelector: true,
      labelIncludeTemplates: true,
      forceCommonLabels: true,
      forceCommonAnnotations: true,
      commonAnnotationsEnvsubst: true,
      ignoreMissingComponents: true,
      kubeVersion: '1.30.0',
      apiVersions: ['x/v1/Y'],
      patches: [{ target: { kind: 'Deployment', name: 'web' }, patch: '- op: replace\n  path: /spec/replicas\n  value: 2' }],
    });
  });

  test('GIVEN Jsonnet ext vars, TLAs (code and string) and libs WHEN synthesized THEN directory.jsonnet carries them', () => {
    const d = appSource(ApplicationSource.directory({
      repoUrl: GIT,
      path: 'j',
      jsonnet: { extVars: [{ name: 'env', value: 'prod' }], tlas: [{ name: 'replicas', value: '3', code: true }], libs: ['vendor'] },
    })).directory;
    expect(d).toEqual({ jsonnet: { extVars: [{ name: 'env', value: 'prod' }], tlas: [{ name: 'replicas', value: '3', code: true }], libs: ['vendor'] } });
  });

  test('GIVEN plugin name, env and string/array/map parameters WHEN synthesized THEN plugin carries them (env sorted)', () => {
    const p = appSource(ApplicationSource.plugin({
      repoUrl: GIT,
      path: 'p',
      pluginName: 'cmp-v1',
      env: { B: '2', A: '1' },
      parameters: [{ name: 's', string: 'x' }, { name: 'a', array: ['1'] }, { name: 'm', map: { z: '1', a: '2' } }],
    })).plugin;
    expect(p).toEqual({
      name: 'cmp-v1',
      env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
      parameters: [{ name: 's', string: 'x' }, { name: 'a', array: ['1'] }, { name: 'm', map: { a: '2', z: '1' } }],
    });
  });

  test('GIVEN a plugin parameter with no or two values, or duplicate Jsonnet vars WHEN built THEN clear errors', () => {
    expect(() => ApplicationSource.plugin({ repoUrl: GIT, path: 'p', parameters: [{ name: 'x' }] }))
      .toThrow(/a plugin parameter needs a name and exactly one of string, array or map.*\[SRC-201\]/);
    expect(() => ApplicationSource.plugin({ repoUrl: GIT, path: 'p', parameters: [{ name: 'x', string: 'a', array: ['b'] }] }))
      .toThrow(/exactly one of string, array or map/);
    expect(() => ApplicationSource.directory({ repoUrl: GIT, path: 'j', jsonnet: { tlas: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] } }))
      .toThrow(/two Jsonnet tlas entries are named a.*\[SRC-203\]/);
  });
});

describe('AppProject fields', () => {
  function project(props: any): any {
    const c = Testing.chart();
    new AppProject(c, 'web', { sourceRepos: [GIT], destinations: [{ server: KDS, namespace: 'web' }], ...props });
    return expectSchemaValidChart(c)[0];
  }

  test('GIVEN finalizers, JWT tokens and source integrity WHEN synthesized THEN metadata.finalizers, roles[].jwtTokens and sourceIntegrity', () => {
    const doc = project({
      finalizers: [AppProject.RESOURCES_FINALIZER],
      roles: [{ name: 'ci', jwtTokens: [{ issuedAt: 1700000000, expiresAt: 1800000000, id: 't1' }, { issuedAt: 1700000001 }] }],
      sourceIntegrity: { gitPolicies: [{ repos: ['https://git.example.com/*'], mode: GpgVerificationMode.STRICT, keys: ['4AEE18F83AFDEB23'] }] },
    });
    expect(doc.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
    expect(doc.spec.roles[0].jwtTokens).toEqual([{ iat: 1700000000, exp: 1800000000, id: 't1' }, { iat: 1700000001 }]);
    expect(doc.spec.sourceIntegrity).toEqual({
      git: { policies: [{ repos: [{ url: 'https://git.example.com/*' }], gpg: { mode: 'strict', keys: ['4AEE18F83AFDEB23'] } }] },
    });
  });

  test('GIVEN the deprecated signatureKeys WHEN synthesized THEN spec.signatureKeys[].keyID and a PROJ-211 warning (an error in strict mode)', () => {
    const c = Testing.chart();
    new AppProject(c, 'web', { sourceRepos: [GIT], destinations: [{ server: KDS, namespace: 'web' }], signatureKeys: ['4AEE18F83AFDEB23'] });
    expect(expectSchemaValidChart(c)[0].spec.signatureKeys).toEqual([{ keyID: '4AEE18F83AFDEB23' }]);
    expect(GitOpsRules.of(c).findings.map(f => f.ruleId)).toContain('PROJ-211');
  });

  test('GIVEN bad tokens, keys, finalizers or both key settings WHEN built THEN clear errors', () => {
    expect(() => project({ roles: [{ name: 'ci', jwtTokens: [{ issuedAt: 5, expiresAt: 4 }] }] })).toThrow(/role ci: a JWT token needs issuedAt.*\[PROJ-205\]/);
    expect(() => project({ signatureKeys: ['not-hex'] })).toThrow(/a signature key is a GnuPG key ID in hexadecimal.*\[PROJ-201\]/);
    expect(() => project({ signatureKeys: ['4AEE18F83AFDEB23'], sourceIntegrity: { gitPolicies: [{ repos: ['*'], mode: GpgVerificationMode.HEAD, keys: ['4AEE18F83AFDEB23'] }] } }))
      .toThrow(/signatureKeys and sourceIntegrity are both set: Argo CD ignores signatureKeys.*Fix: move the keys into sourceIntegrity.*\[PROJ-202\]/);
    expect(() => project({ sourceIntegrity: { gitPolicies: [{ repos: ['*'], mode: GpgVerificationMode.HEAD, keys: [] }] } }))
      .toThrow(/a head source-integrity policy with no keys accepts no commit.*\[PROJ-209\]/);
    expect(() => project({ finalizers: ['Not A Finalizer'] })).toThrow(/a finalizer is a qualified name.*\[PROJ-203\]/);
  });
});

describe('ApplicationSet generator fields', () => {
  test('GIVEN a generator template override WHEN synthesized THEN <generator>.template has the required metadata/spec/project/destination and the override', () => {
    const [doc] = appSetDocs({
      generators: [Generator.list({
        elements: [{ env: 'dev' }],
        template: { source: ApplicationSource.directory({ repoUrl: GIT, path: 'override/{{.env}}' }), labels: { override: 'yes' } },
      })],
    });
    expect(doc.spec.generators[0].list.template).toEqual({
      metadata: { labels: { override: 'yes' } },
      spec: { project: '', destination: {}, source: { repoURL: GIT, path: 'override/{{.env}}', targetRevision: 'HEAD' } },
    });
  });

  test('GIVEN an override inside a matrix WHEN synthesized THEN the nested generator keeps it (CRD keys)', () => {
    const [doc] = appSetDocs({
      generators: [Generator.matrix(
        Generator.list({ elements: [{ env: 'dev' }] }),
        Generator.list({ elements: [{ app: 'a' }], template: { project: 'other', destination: Destination.inCluster('{{.app}}') } }),
      )],
    });
    expect(doc.spec.generators[0].matrix.generators[1].list.template).toEqual({
      metadata: {}, spec: { project: 'other', destination: { server: KDS, namespace: '{{.app}}' } },
    });
  });

  test('GIVEN a fromChart source in an override nested in a matrix WHEN synthesized THEN it points at the chart folder', () => {
    const app = new GitOpsApp({ repoUrl: GIT, targetRevision: 'main' });
    const argocd = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
    const web = new GitOpsChart(app, 'web', { folder: 'apps/web' });
    new ApplicationSet(argocd, 'set', {
      generators: [Generator.matrix(
        Generator.list({ elements: [{ env: 'dev' }] }),
        Generator.list({ elements: [{ app: 'a' }], template: { source: ApplicationSource.fromChart(web) } }),
      )],
      template: { name: '{{.env}}-{{.app}}', project: 'web', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.inCluster('x') },
      rolloutPlan: false,
    });
    const [doc] = expectSchemaValid(parseAllDocuments(app.synthFiles()['argocd/argocd.k8s.yaml']).map(d => d.toJSON()));
    expect(doc.spec.generators[0].matrix.generators[1].list.template.spec.source).toEqual({ repoURL: GIT, path: 'apps/web', targetRevision: 'main' });
  });

  test('GIVEN elementsYaml, the new SCM and pull-request providers WHEN synthesized THEN schema-valid, shaped like the CRD', () => {
    const [doc] = appSetDocs({
      goTemplateOptions: [], // SCM / pull-request parameters are not {{.name}}: no missingkey=error
      template: { name: 'x-{{ .name | default "x" }}', project: 'web', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.inCluster('x') },
      generators: [
        Generator.matrix(Generator.list({ elements: [{ components: [{ name: 'a' }] }] }), Generator.list({ elementsYaml: '{{ .components | toJson }}' })),
        Generator.scmProvider({ provider: ScmProvider.awsCodeCommit({ region: 'eu-west-1', tagFilters: [{ key: 'team' }] }) }),
        Generator.scmProvider({ provider: ScmProvider.bitbucket({ owner: 'o', user: 'u', appPasswordRef: { secretName: 's', key: 'k' } }) }),
        Generator.pullRequest({ provider: PullRequestProvider.bitbucket({ owner: 'o', repo: 'r', basicAuth: { username: 'u', passwordRef: { secretName: 's', key: 'k' } } }) }),
      ],
    });
    const g = doc.spec.generators;
    expect(g[0].matrix.generators[1]).toEqual({ list: { elementsYaml: '{{ .components | toJson }}' } });
    expect(g[1].scmProvider.awsCodeCommit).toEqual({ region: 'eu-west-1', tagFilters: [{ key: 'team' }] });
    expect(g[2].scmProvider.bitbucket).toEqual({ owner: 'o', user: 'u', appPasswordRef: { secretName: 's', key: 'k' } });
    expect(g[3].pullRequest.bitbucket).toEqual({ owner: 'o', repo: 'r', basicAuth: { username: 'u', passwordRef: { secretName: 's', key: 'k' } } });
  });

  test('GIVEN both elements and elementsYaml WHEN built THEN a clear error', () => {
    expect(() => Generator.list({ elements: [{ a: 1 }], elementsYaml: '[]' })).toThrow(/a list generator takes either elements or a non-empty elementsYaml.*\[GEN-201\]/);
  });
});

describe('template syntax checks', () => {
  test('GIVEN goTemplate: false and a Go-syntax template WHEN synthesized THEN the error says Go syntax with goTemplate off', () => {
    expect(() => appSetDocs({
      goTemplate: false,
      template: { name: 'pr-{{.number}}', project: 'web', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.inCluster('x') },
      generators: [Generator.pullRequest({ provider: PullRequestProvider.github({ owner: 'o', repo: 'r' }) })],
    })).toThrow(/template field metadata.name uses Go template syntax \(\{\{\.number\}\}\), but goTemplate is off.*Fix: set goTemplate: true.*\[APPSET-201\]/);
  });

  test('GIVEN goTemplate: false and fasttemplate syntax WHEN synthesized THEN accepted', () => {
    const [doc] = appSetDocs({
      goTemplate: false,
      template: { name: 'pr-{{number}}', project: 'web', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.inCluster('x') },
      generators: [Generator.pullRequest({ provider: PullRequestProvider.github({ owner: 'o', repo: 'r' }) })],
    });
    expect(doc.spec.template.metadata.name).toBe('pr-{{number}}');
  });

  test('GIVEN a git directories generator and {{.path}} printed as a string WHEN synthesized THEN flagged (use {{.path.path}})', () => {
    const tmpl = (path: string) => ({ name: '{{.path.basename}}', project: 'web', source: ApplicationSource.directory({ repoUrl: GIT, path }), destination: Destination.inCluster('x') });
    expect(() => appSetDocs({ template: tmpl('{{.path}}'), generators: [Generator.gitDirectories({ repoUrl: GIT, directories: ['apps/*'] })] }))
      .toThrow(/template field spec.source.path prints \{\{\.path\}\}, which the git directories generator sets to a map.*map\[basename.*Fix: use \{\{\.path\.path\}\}.*\[APPSET-202\]/);
    expect(() => appSetDocs({
      template: tmpl('{{.app.path}}'),
      generators: [Generator.matrix(Generator.list({ elements: [{ env: 'dev' }] }), Generator.gitDirectories({ repoUrl: GIT, directories: ['apps/*'], pathParamPrefix: 'app' }))],
    })).toThrow(/prints \{\{\.app\.path\}\}.*Fix: use \{\{\.app\.path\.path\}\}/);
    const [doc] = appSetDocs({ template: tmpl('{{.path.path}}'), generators: [Generator.gitDirectories({ repoUrl: GIT, directories: ['apps/*'] })] });
    expect(doc.spec.template.spec.source.path).toBe('{{.path.path}}');
  });

  test('GIVEN template strings WHEN scanned THEN Go syntax and printed map parameters are found precisely', () => {
    expect(goSyntaxAction('{{number}}-{{ branch_slug }}')).toBeUndefined();
    expect(goSyntaxAction('a-{{.number}}')).toBe('{{.number}}');
    expect(goSyntaxAction('{{ .branch | lower }}')).toBe('{{ .branch | lower }}');
    expect(goSyntaxAction('{{- if x }}')).toBe('{{- if x }}');
    expect(printsMapParameter('{{.path.path}}/{{.path.basename}}', 'path')).toBeUndefined();
    expect(printsMapParameter('{{ .path | toJson }}', 'path')).toBeUndefined();
    expect(printsMapParameter('x/{{ .path }}', 'path')).toBe('{{ .path }}');
    expect(printsMapParameter('{{- .path | lower -}}', 'path')).toBe('{{- .path | lower -}}');
  });
});
