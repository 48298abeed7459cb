import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-gitops',
  description: 'Typed, validated Argo CD GitOps building blocks for cdk8s: Application, AppOfApps, tiered ApplicationSets, scoped AppProjects.',
  author: 'cdk8s-gitops maintainers',
  authorAddress: 'maintainers@cdk8s-gitops.dev',
  repositoryUrl: 'https://github.com/cdk8s-gitops/cdk8s-gitops.git',
  defaultReleaseBranch: 'main',
  keywords: ['cdk8s', 'argocd', 'argo-cd', 'gitops', 'applicationset', 'kubernetes'],
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  cdk8sVersion: '2.70.106',
  constructsVersion: '10.8.1',
  jsiiVersion: '~6.0.0',
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  // yaml: the Helmfile reader, the fast emitter's reference parser and the linter; ajv: the linter's CRD schema
  // validation (also used by the tests); luaparse: Lua syntax of health checks is parsed at synth.
  // Bundled because they are not jsii modules.
  bundledDeps: ['yaml@^2.9.1', 'ajv@^8.20.0', 'luaparse@^0.3.1'],
  devDeps: [
    'cdk8s-cli',
    '@types/node@^20',
    'fast-check@^4.10.2',
    // only for its copy of the SARIF 2.1.0 JSON schema (lib/schemas/sarif-2.1.0-rtm.5.json): test/lint-sarif.test.ts
    '@microsoft/jest-sarif@1.0.0-beta.0',
    '@types/luaparse@^0.2.13',
  ],
  // engines: what the library needs at run time (jsii itself, a devDependency, wants >= 20.16 to build)
  minNodeVersion: '20.0.0',
  // jsii targets: Python and Go bindings are generated in CI (`npx projen package:code-only`); nothing is published
  // from here (release: false), the names are the ones a release would use.
  publishToPypi: { distName: 'cdk8s-gitops', module: 'cdk8s_gitops' },
  publishToGo: { moduleName: 'github.com/cdk8s-gitops/cdk8s-gitops-go', packageName: 'cdk8sgitops' },
  github: false,
  release: false,
  depsUpgrade: false,
  typecheckTests: true,
  gitignore: ['/dist/', '/.bench/'],
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      coverageProvider: 'babel',
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/'],
      testTimeout: 60_000,
      setupFiles: ['<rootDir>/test/util/quiet.ts'],
    },
  },
  // Separate source maps (lib/**/*.js.map, sources inside): inline maps made every module load parse them (issue 16).
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: true, sourceMap: true } },
  tsconfigDev: {
    include: ['../examples/**/*.ts', '../scripts/**/*.ts', '../bench/**/*.ts'],
    compilerOptions: {},
  },
});

// Regenerate the CRD bindings (never run by compile: CI has no cluster and the output is committed).
project.addTask('import', {
  description: 'Regenerate src/imports from ../shared/schemas (default) or a live cluster (--from-cluster)',
  exec: 'ts-node --transpile-only scripts/import-crds.ts',
  receiveArgs: true,
});

// The main job: synthesize every example cdk8s app under examples/ into dist/<example>/.
project.addTask('synth', {
  description: 'Synthesize the example GitOps repositories into dist/',
  exec: 'ts-node --transpile-only scripts/synth-examples.ts',
  receiveArgs: true,
});

for (const p of ['/examples/', '/scripts/', '/bench/', '/.bench/', '/BENCHMARKS.md', '/.ci/']) project.addPackageIgnore(p);
// Whole-process synthesis benchmark at 100 / 1,000 / 10,000 apps against plain cdk8s, yaml and JSON baselines.
project.addTask('bench', {
  description: 'Whole-process synthesis benchmark (see BENCHMARKS.md)',
  exec: 'ts-node --transpile-only bench/run.ts',
  receiveArgs: true,
});

// lib/index.js loads each module at the first read of one of its exports (issue 16: start-up time).
project.postCompileTask.exec('ts-node --transpile-only scripts/lazy-index.ts lib/index.js');

// Regenerates the README section "What it catches at synth" from the bad-input catalogue.
project.addTask('catalogue', {
  description: 'Regenerate the README section listing what the library catches at synth',
  exec: 'ts-node --transpile-only scripts/catalogue-readme.ts',
});

// `cdk8s-gitops lint` (docs/lint.md): the bin, and the CRD schemas it validates with, derived at build time from
// ../shared/schemas into lib/lint/crd-schemas.json (generated, shipped in the tarball, never committed).
project.addBins({ 'cdk8s-gitops': 'bin/cdk8s-gitops' });
project.postCompileTask.exec('ts-node --transpile-only scripts/lint-schemas.ts');
project.addPackageIgnore('!/lib/lint/crd-schemas.json');
project.addTask('bench:lint', {
  description: 'Lint benchmark: 10,000 Applications and 100 AppProjects (see docs/lint.md)',
  exec: 'ts-node --transpile-only bench/lint.ts',
  receiveArgs: true,
});

project.addTask('smoke', {
  description: 'Consumer smoke test: the packed library in a fresh cdk8s app outside the repo',
  exec: 'bash scripts/consumer-smoke.sh',
});

// Packaging builds the npm tarball only, in CI and locally: package:python / package:go (projen's, for a release)
// need Python build tools and a Go toolchain. package:code-only generates the Python and Go sources without
// building them (jsii-pacmak --code-only needs nothing beyond node_modules), which checks that the jsii surface
// is valid for those languages; .ci/run runs it.
project.tasks.tryFind('package')?.reset();
project.tasks.tryFind('package')?.spawn(project.tasks.tryFind('package:js')!);
project.tasks.tryFind('package-all')?.reset();
project.tasks.tryFind('package-all')?.spawn(project.tasks.tryFind('package:js')!);
project.addTask('package:code-only', {
  description: 'Generate the Python and Go bindings (jsii-pacmak --code-only) into dist/code-only, no build, no network',
  exec: 'jsii-pacmak --code-only --target python --target go --outdir dist/code-only',
});

// Snapshots are written on purpose with `npx jest <file> -u`; no task updates them (the test task runs `jest --ci`).
project.tasks.removeTask('test:update');

// a four-line coverage summary instead of the 110-row table (projen always appends `text`); the full report is
// in coverage/ (lcov, cobertura)
project.package.file.addOverride('jest.coverageReporters', ['json', 'lcov', 'clover', 'cobertura', 'text-summary']);

project.eslint?.addIgnorePattern('src/imports/');
project.eslint?.addIgnorePattern('dist/');
// npm 11 blocks dependency install scripts unless allowed; these two are not needed (prebuilt binaries ship as
// optional dependencies), so they are denied explicitly, which also ends npm ci's "not yet covered" warning.
project.package.addField('allowScripts', { '@parcel/watcher': false, 'unrs-resolver': false });
// The npm registry here lacks the non-linux @unrs/resolver-binding-*@1.13.0 packages: npm ci would fail.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });
// cdk8s-plus-28 is needed only by the OpenShift AI patterns (ModelRegistryStack and the types of its props), which
// load it at first use: an optional peer, so apps on another cdk8s-plus (or none) do not install a second one.
project.package.addField('peerDependenciesMeta', { 'cdk8s-plus-28': { optional: true } });

project.synth();
