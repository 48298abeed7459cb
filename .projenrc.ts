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
  // yaml: the Helmfile reader and the fast emitter's reference parser; bundled because it is not a jsii module.
  // luaparse: Lua syntax of health checks is parsed at synth (not a jsii module either).
  bundledDeps: ['yaml@^2.9.1', 'luaparse@^0.3.1'],
  devDeps: [
    'cdk8s-cli',
    '@types/node@^20',
    'ajv@^8.20.0',
    'fast-check@^4.10.2',
    '@types/luaparse@^0.2.13',
  ],
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
    },
  },
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

for (const p of ['/examples/', '/scripts/', '/bench/', '/BENCHMARKS.md', '/.ci/']) project.addPackageIgnore(p);
// Whole-process synthesis benchmark at 100 / 1,000 / 10,000 apps against plain cdk8s, yaml and JSON baselines.
project.addTask('bench', {
  description: 'Whole-process synthesis benchmark (see BENCHMARKS.md)',
  exec: 'ts-node --transpile-only bench/run.ts',
  receiveArgs: true,
});

// Regenerates the README section "What it catches at synth" from the bad-input catalogue.
project.addTask('catalogue', {
  description: 'Regenerate the README section listing what the library catches at synth',
  exec: 'ts-node --transpile-only scripts/catalogue-readme.ts',
});

project.addTask('smoke', {
  description: 'Consumer smoke test: the packed library in a fresh cdk8s app outside the repo',
  exec: 'bash scripts/consumer-smoke.sh',
});

// Snapshots are written on purpose with `npx jest <file> -u`; no task updates them (the test task runs `jest --ci`).
project.tasks.removeTask('test:update');

project.eslint?.addIgnorePattern('src/imports/');
project.eslint?.addIgnorePattern('dist/');
// The npm registry here lacks the non-linux @unrs/resolver-binding-*@1.13.0 packages: npm ci would fail.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

project.synth();
