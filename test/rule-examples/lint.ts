import * as fs from 'fs';
import * as path from 'path';
import { ExampleContext, RuleExampleEntry } from './example';
import { run } from '../../src/lint/cli';

/** A hand-written Application `web` of project `default` (extra YAML lines under `metadata:` and at the end of `spec:`). */
const app = (opts: { metadata?: string; spec?: string; name?: string } = {}) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${opts.name ?? 'web'}
  namespace: argocd
${(opts.metadata ?? '').trim().split('\n').filter(l => l).map(l => `  ${l}`).join('\n')}
spec:
  project: default
  source:
    repoURL: https://git.example.com/platform/gitops.git
    path: apps/web
    targetRevision: main
  destination:
    server: https://kubernetes.default.svc
    namespace: web
${(opts.spec ?? '').trim().split('\n').filter(l => l).map(l => `  ${l}`).join('\n')}
`.replace(/\n\n+/g, '\n');

/** A hand-written AppProject `web` (the GitOps repository, namespace web). */
const project = `apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: web
  namespace: argocd
spec:
  sourceRepos: [https://git.example.com/platform/gitops.git]
  destinations:
    - server: https://kubernetes.default.svc
      namespace: web
`;

/** An ApplicationSet `web` with the given generators (YAML lines under `generators:`) and template name. */
const appSet = (generators: string, name = "'web-{{.env}}'", extra = '') => `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: web
  namespace: argocd
spec:
  goTemplate: true
  generators:
${generators.trim().split('\n').map(l => `    ${l}`).join('\n')}
${extra.trim().split('\n').filter(l => l).map(l => `  ${l}`).join('\n')}
  template:
    metadata:
      name: ${name}
      labels:
        env: '{{.env}}'
    spec:
      project: default
      source:
        repoURL: https://git.example.com/platform/gitops.git
        path: 'apps/web/{{.env}}'
        targetRevision: main
      destination:
        server: https://kubernetes.default.svc
        namespace: 'web-{{.env}}'
`.replace(/\n\n+/g, '\n');

const rollingSync = `strategy:
  type: RollingSync
  rollingSync:
    steps:
      - matchExpressions: [{ key: env, operator: In, values: [dev] }]
      - matchExpressions: [{ key: env, operator: In, values: [prod] }]`;

/** A YAML bomb: each level nests nine aliases of the one before (9^5 strings). */
const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...['b', 'c', 'd', 'e', 'f'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdef'[i]}`).join(',')}]`)].join('\n');

/**
 * A CI step: `cdk8s-gitops lint --format json --config <config> <folder>` over the files in a fresh folder (the
 * config beside it, not linted); a non-zero exit fails the step with the error findings.
 */
const lintInCi = (x: ExampleContext, config: string, files: { [relativePath: string]: string }) => {
  const configFile = path.join(x.tmpdir(), '.cdk8s-gitops-lint.yaml');
  fs.writeFileSync(configFile, config);
  const dir = x.tmpdir();
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  }
  const out = run(['lint', '--format', 'json', '--config', configFile, dir]);
  if (out.code !== 0) {
    const findings: Array<{ ruleId: string; level: string; problem: string }> = out.stdout ? JSON.parse(out.stdout).findings : [];
    const errors = findings.filter(f => f.level === 'error').map(f => `${f.problem} [${f.ruleId}]`);
    throw new Error(`cdk8s-gitops lint exited ${out.code}: ${errors.join('; ') || out.stderr}`);
  }
  return out;
};

/** `cdk8s-gitops lint` of hand-written YAML (LINT-*): files, documents, schemas, suppressions. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'LINT-001',
    nonCompliant: x => x.lint({ 'apps/web.yaml': app().replace('  name: web', '  name: web\n   labels: {team: web') }),
    compliant: x => x.lint({ 'apps/web.yaml': app({ metadata: 'labels: {team: web}' }) }),
  },
  {
    rule: 'LINT-002',
    nonCompliant: x => x.lint({ 'apps/values.yaml': bomb }),
    compliant: x => x.lint({ 'apps/values.yaml': 'a: &a ["lol","lol"]\nb: [*a, *a]\n' }),
  },
  {
    rule: 'LINT-003',
    nonCompliant: x => x.lint({ 'apps/web.yaml': app() + `# ${'x'.repeat(16 * 1024 * 1024)}\n` }),
    compliant: x => x.lint({ 'apps/web.yaml': app() }),
  },
  {
    rule: 'LINT-004',
    nonCompliant: x => x.lint({ 'apps/web.yaml': 'name: web\nrepoURL: https://git.example.com/platform/gitops.git\n' }),
    compliant: x => x.lint({ 'apps/web.yaml': app() }),
  },
  {
    rule: 'LINT-005',
    nonCompliant: x => x.lint({ 'apps/web.yaml': app().replace('kind: Application', 'kind: Applicaton') }),
    compliant: x => x.lint({ 'apps/web.yaml': app() }),
  },
  {
    rule: 'LINT-006',
    nonCompliant: x => x.lint({ 'apps/web.yaml': app({ spec: 'syncPolicy:\n  automated:\n    prune: yes-please' }) }),
    compliant: x => x.lint({ 'apps/web.yaml': app({ spec: 'syncPolicy:\n  automated:\n    prune: true' }) }),
  },
  {
    rule: 'LINT-007',
    nonCompliant: x => x.lint({ 'apps/web.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\n  namespace: argocd\n' }),
    compliant: x => x.lint({ 'apps/web.yaml': app() }),
  },
  {
    rule: 'LINT-008',
    nonCompliant: x => x.lint({ 'projects/web.yaml': project, 'apps/api.yaml': app({ name: 'api' }).replace('project: default', 'project: api') }),
    compliant: x => x.lint({ 'projects/web.yaml': project, 'apps/api.yaml': app({ name: 'api' }).replace('project: default', 'project: web') }),
  },
  {
    rule: 'LINT-009',
    nonCompliant: x => x.lint({ 'apps/db.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: web\nstringData:\n  password: hunter2\n' }),
    compliant: x => x.lint({
      'apps/db.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: web
  annotations:
    cdk8s-gitops.dev/suppress: "LINT-009 throwaway kind cluster of the demo"
stringData:
  password: hunter2
`,
    }),
  },
  {
    rule: 'LINT-010',
    nonCompliant: x => x.lint({
      'argocd/repo.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: repo-charts
  namespace: argocd
  labels:
    argocd.argoproj.io/secret-type: repository
stringData:
  url: https://git.example.com/platform/charts.git
  password: hunter2
`,
    }),
    compliant: x => x.lint({
      'argocd/repo.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: repo-charts
  namespace: argocd
  labels:
    argocd.argoproj.io/secret-type: repository
stringData:
  url: https://git.example.com/platform/charts.git
`,
    }),
  },
  {
    rule: 'LINT-011',
    nonCompliant: x => x.lint({ 'apps/web.yaml': `# cdk8s-gitops:suppress LINT-008\n${app()}` }),
    compliant: x => x.lint({ 'apps/web.yaml': `# cdk8s-gitops:suppress LINT-008 the projects live in the platform repository\n${app()}` }),
  },
  {
    rule: 'LINT-012',
    nonCompliant: x => x.lint({ 'apps/web.yaml': `# cdk8s-gitops:suppress LINT-006 the field is new\n${app()}` }),
    compliant: x => x.lint({ 'apps/web.yaml': `# cdk8s-gitops:suppress LINT-008 the projects live in the platform repository\n${app()}` }),
  },
  {
    rule: 'LINT-013',
    nonCompliant: x => lintInCi(x, 'argocdVersion: "3.5"\nsupressions:\n  - rule: LINT-008\n    reason: the projects live in the platform repository\n', {
      'apps/web.yaml': app(),
    }),
    compliant: x => lintInCi(x, 'argocdVersion: "3.5"\nsuppressions:\n  - rule: LINT-008\n    reason: the projects live in the platform repository\n', {
      'apps/web.yaml': app(),
    }),
  },
  {
    rule: 'LINT-014',
    nonCompliant: x => x.lint({ 'apps/web.yaml': appSet('- clusters: {}', "'web-{{.name}}'", rollingSync) }),
    compliant: x => x.lint({ 'apps/web.yaml': appSet('- list:\n    elements: [{ env: dev }, { env: prod }]', "'web-{{.env}}'", rollingSync) }),
  },
  {
    rule: 'LINT-015',
    nonCompliant: x => x.lint({ 'apps/web.yaml': appSet('- list:\n    elements: [{ env: dev }, { env: prod }]', "'web-{{.env | upper'") }),
    compliant: x => x.lint({ 'apps/web.yaml': appSet('- list:\n    elements: [{ env: dev }, { env: prod }]', "'web-{{.env | lower}}'") }),
  },
  {
    rule: 'LINT-016',
    nonCompliant: x => x.lint({ 'apps/web.yaml': app(), 'apps/web-copy.yaml': app() }),
    compliant: x => x.lint({ 'apps/web.yaml': app(), 'apps/web-copy.yaml': app({ name: 'web-copy' }) }),
  },
  {
    rule: 'LINT-017',
    unreachable: 'an info of a lint run without CRD schemas: x.lint always passes them, and an info does not fail the CLI, so no example can show it (test/lint.test.ts covers it)',
  },
  {
    rule: 'LINT-018',
    unreachable: 'reports an internal error of the linter (a bug), caught per document; no valid or invalid input is meant to reach it',
  },
];
