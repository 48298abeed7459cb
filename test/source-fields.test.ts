import { App, Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { ApplicationSource, Component } from '../src';
import { SOURCE_FIELDS, sourceFieldPaths, sourceOptionsFromArgo } from '../src/argocd/source-fields';
import { toJson_ApplicationSpecSource } from '../src/imports/argoproj.io';

const GIT = 'https://git.example.com/platform/gitops.git';

const HELM = {
  valueFiles: ['values.yaml', 'prod.yaml'],
  values: 'a: 1\n',
  valuesObject: { replicas: 2, nested: { on: true } },
  parameters: [{ name: 'image.tag', value: '1.2.3', forceString: true }],
  fileParameters: [{ name: 'config', path: 'files/config.json' }],
  releaseName: 'web',
  skipCrds: true,
  skipSchemaValidation: true,
  skipTests: true,
  passCredentials: true,
  ignoreMissingValueFiles: true,
  helmVersion: 'v3',
  kubeVersion: '1.30.0',
  apiVersions: ['monitoring.coreos.com/v1'],
  namespace: 'web',
};

const KUSTOMIZE = {
  namePrefix: 'p-',
  nameSuffix: '-s',
  images: ['nginx=nginx:1.27'],
  namespace: 'web',
  commonLabels: { team: 'a' },
  commonAnnotations: { owner: 'a' },
  components: ['../components/x'],
  replicas: [{ name: 'web', count: 3 }],
  patches: [{ patch: '- op: replace\n  path: /spec/replicas\n  value: 2\n', target: { kind: 'Deployment', name: 'web' }, options: { allowNameChange: true } }],
  version: 'v5.4.3',
  labelWithoutSelector: true,
  labelIncludeTemplates: true,
  forceCommonLabels: true,
  forceCommonAnnotations: true,
  commonAnnotationsEnvsubst: true,
  ignoreMissingComponents: true,
  kubeVersion: '1.30.0',
  apiVersions: ['apps/v1/Deployment'],
};

const DIRECTORY = {
  recurse: true,
  include: '{a.yaml,b/*}',
  exclude: 'c.yaml',
  jsonnet: {
    extVars: [{ name: 'env', value: 'prod' }, { name: 'replicas', value: '3', code: true }],
    tlas: [{ name: 'cluster', value: 'east' }],
    libs: ['vendor'],
  },
};

/** Every source factory, each with every option it takes. */
const FACTORIES: Array<[string, () => ApplicationSource]> = [
  ['helm', () => ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'web', version: '1.2.3', name: 'chart', ...HELM })],
  ['helmChart', () => ApplicationSource.helmChart({ repoUrl: GIT, path: 'charts/web', targetRevision: 'main', name: 'chart', ...HELM })],
  ['kustomize', () => ApplicationSource.kustomize({ repoUrl: GIT, path: 'k/web', targetRevision: 'main', name: 'k', ...KUSTOMIZE })],
  ['directory', () => ApplicationSource.directory({ repoUrl: GIT, path: 'manifests', targetRevision: 'main', name: 'd', ...DIRECTORY })],
  ['plugin', () => ApplicationSource.plugin({
    repoUrl: GIT,
    path: 'cmp',
    targetRevision: 'main',
    name: 'p',
    pluginName: 'kustomize-envsubst-v1',
    env: { ZED: 'z', ALPHA: 'a' },
    parameters: [{ name: 'files', array: ['a.yaml'] }, { name: 'env', string: 'prod' }, { name: 'labels', map: { b: '2', a: '1' } }],
  })],
  ['ref', () => ApplicationSource.ref({ repoUrl: GIT, ref: 'values', targetRevision: 'main' })],
  ['of', () => ApplicationSource.of({ repoUrl: GIT, path: 'x', targetRevision: 'v1', name: 'n', tagPrefix: 'release-', helm: HELM })],
];

function argoYaml(source: ApplicationSource): any {
  const scope = new Chart(new App(), 'c');
  return JSON.parse(JSON.stringify(toJson_ApplicationSpecSource(source._toArgo(scope))));
}

describe('the source field table maps both ways', () => {
  test.each(FACTORIES)('GIVEN ApplicationSource.%s with every option WHEN rendered and read back THEN the options are the same', (_name, make) => {
    const source = make();
    const yaml = argoYaml(source);
    expect(sourceOptionsFromArgo(yaml)).toEqual(source.options);
    // and rendering the read options gives the same YAML
    expect(argoYaml(ApplicationSource.of(sourceOptionsFromArgo(yaml)))).toEqual(yaml);
  });

  test('GIVEN the table THEN it names the Argo CD fields (repoURL, helm.version) and lists each path once', () => {
    const paths = sourceFieldPaths().map(p => p.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toEqual(expect.arrayContaining(['repoURL', 'helm.version', 'kustomize.labelWithoutSelector', 'directory.jsonnet.extVars', 'plugin.parameters']));
    expect(SOURCE_FIELDS.map(f => f.argo)).toEqual(['repoURL', 'targetRevision', 'path', 'chart', 'ref', 'name', 'tagPrefix', 'helm', 'kustomize', 'directory', 'plugin']);
  });

  test('GIVEN a component file with Kustomize, Jsonnet and plugin options the old reader dropped WHEN read THEN they are kept and written back', () => {
    const scope = new Chart(new App(), 'c');
    for (const source of [FACTORIES[2][1](), FACTORIES[3][1](), FACTORIES[4][1]()]) {
      const written = new Component({ name: 'web', tier: 'apps', project: 'apps', namespace: 'web', source });
      const read = Component.fromYaml(written.toYaml(scope));
      expect(read.source.options).toEqual(source.options);
      expect(read.toParameters(scope)).toEqual(written.toParameters(scope));
    }
  });

  test('GIVEN Helm values that YAML 1.1 reads as booleans or times WHEN the component file is written THEN they are quoted and read back as strings', () => {
    const scope = new Chart(new App(), 'c');
    const valuesObject = { mode: 'on', enabled: 'yes', at: '1:20', mask: '0o17', name: 'web', count: 3, tls: true };
    const written = new Component({
      name: 'web',
      tier: 'apps',
      project: 'apps',
      namespace: 'web',
      source: ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'web', version: '1.0.0', valuesObject }),
    });
    const text = written.toYaml(scope);
    // Argo CD's git files generator reads the file with Go YAML (1.1): plain `on` / `yes` would become true, `1:20` 80
    expect(text).toContain('mode: "on"\n');
    expect(text).toContain('enabled: "yes"\n');
    expect(text).toContain('at: "1:20"\n');
    expect(text).toContain('mask: "0o17"\n');
    expect(text).toContain('name: web\n');
    expect(text).toContain('count: 3\n');
    expect(YAML.parse(text, { version: '1.1' }).source.helm.valuesObject).toEqual(valuesObject);
    expect(Component.fromYaml(text).source.options.helm?.valuesObject).toEqual(valuesObject);
  });

  test('GIVEN a component source field of the wrong type, also a nested one THEN the reader says which [TIER-021]', () => {
    const head = 'name: web\ntier: apps\nproject: apps\nnamespace: web\n';
    expect(() => Component.fromYaml(head + `source: { repoURL: "${GIT}", path: x, kustomize: { labelWithoutSelector: "yes" } }\n`))
      .toThrow(/source\.kustomize\.labelWithoutSelector must be a boolean.*\[TIER-021\]/);
    expect(() => Component.fromYaml(head + `source: { repoURL: "${GIT}", path: x, directory: { jsonnet: { libs: vendor } } }\n`))
      .toThrow(/source\.directory\.jsonnet\.libs must be a string list.*\[TIER-021\]/);
  });
});
