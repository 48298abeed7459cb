import { Duration } from 'cdk8s';
import { RuleExampleEntry } from './example';
import { ApplicationSource, Generator, SelectorOperator } from '../../src';

const GIT = 'https://git.example.com/platform/gitops.git';

/** A list generator: one parameter set per environment. */
const envs = () => Generator.list({ elements: [{ env: 'dev' }, { env: 'prod' }] });

/** ApplicationSet generators (GEN-*): the factories of `Generator` check their options when they are called. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'GEN-001',
    nonCompliant: () => Generator.list({ elements: [] }),
    compliant: () => Generator.list({ elements: [{ env: 'dev' }, { env: 'prod' }] }),
  },
  {
    rule: 'GEN-002',
    nonCompliant: () => Generator.list({ elements: ['dev', 'prod'] as any }),
    compliant: () => Generator.list({ elements: [{ env: 'dev' }, { env: 'prod' }] }),
  },
  {
    rule: 'GEN-003',
    nonCompliant: () => Generator.matrix(Generator.clusters(), envs(), Generator.list({ elements: [{ team: 'web' }] }) as any),
    compliant: () => Generator.matrix(Generator.clusters(), Generator.matrix(envs(), Generator.list({ elements: [{ team: 'web' }] }))),
  },
  {
    rule: 'GEN-004',
    nonCompliant: () => Generator.merge({ mergeKeys: ['server'], generators: [Generator.clusters()] }),
    compliant: () => Generator.merge({
      mergeKeys: ['server'],
      generators: [Generator.clusters(), Generator.list({ elements: [{ server: 'https://kubernetes.default.svc', replicas: '3' }] })],
    }),
  },
  {
    rule: 'GEN-005',
    nonCompliant: () => Generator.merge({
      mergeKeys: [],
      generators: [Generator.clusters(), Generator.list({ elements: [{ server: 'https://kubernetes.default.svc', replicas: '3' }] })],
    }),
    compliant: () => Generator.merge({
      mergeKeys: ['server'],
      generators: [Generator.clusters(), Generator.list({ elements: [{ server: 'https://kubernetes.default.svc', replicas: '3' }] })],
    }),
  },
  {
    rule: 'GEN-006',
    nonCompliant: () => Generator.clusterDecisionResource({ configMapRef: '' }),
    compliant: () => Generator.clusterDecisionResource({ configMapRef: 'ocm-placement' }),
  },
  {
    rule: 'GEN-007',
    nonCompliant: () => Generator.plugin({ configMapRef: '' }),
    compliant: () => Generator.plugin({ configMapRef: 'my-plugin' }),
  },
  {
    rule: 'GEN-008',
    nonCompliant: () => Generator.gitFiles({ repoUrl: GIT, files: ['clusters/*/config.json'], requeueAfter: Duration.millis(1500) }),
    compliant: () => Generator.gitFiles({ repoUrl: GIT, files: ['clusters/*/config.json'], requeueAfter: Duration.minutes(3) }),
  },
  {
    rule: 'GEN-009',
    nonCompliant: () => Generator.list({ elements: [{ env: 'prod', quota: BigInt('9007199254740993') }] }),
    compliant: () => Generator.list({ elements: [{ env: 'prod', quota: '9007199254740993' }] }),
  },
  {
    rule: 'GEN-010',
    nonCompliant: () => Generator.gitDirectories({ repoUrl: '', directories: ['apps/*'] }),
    compliant: () => Generator.gitDirectories({ repoUrl: GIT, directories: ['apps/*'] }),
  },
  {
    rule: 'GEN-011',
    nonCompliant: () => Generator.gitFiles({ repoUrl: GIT, files: [] }),
    compliant: () => Generator.gitFiles({ repoUrl: GIT, files: ['clusters/*/config.json'] }),
  },
  {
    rule: 'GEN-012',
    nonCompliant: () => Generator.gitDirectories({ repoUrl: GIT, directories: ['/apps/*'] }),
    compliant: () => Generator.gitDirectories({ repoUrl: GIT, directories: ['apps/*'] }),
  },
  {
    rule: 'GEN-013',
    nonCompliant: () => Generator.gitDirectories({ repoUrl: GIT, directories: ['apps/*'], pathParamPrefix: 'app-dir' }),
    compliant: () => Generator.gitDirectories({ repoUrl: GIT, directories: ['apps/*'], pathParamPrefix: 'app_dir' }),
  },
  {
    rule: 'GEN-014',
    nonCompliant: () => Generator.merge({ mergeKeys: ['env'], generators: [envs(), { list: { elements: [{ env: 'prod', replicas: '3' }] } } as any] }),
    compliant: () => Generator.merge({ mergeKeys: ['env'], generators: [envs(), Generator.list({ elements: [{ env: 'prod', replicas: '3' }] })] }),
  },
  {
    rule: 'GEN-015',
    nonCompliant: () => Generator.matrix(Generator.clusters(), Generator.matrix(envs(), Generator.matrix(envs(), envs()))),
    compliant: () => Generator.matrix(Generator.clusters(), Generator.matrix(envs(), Generator.list({ elements: [{ team: 'web' }] }))),
  },
  {
    rule: 'GEN-016',
    nonCompliant: () => Generator.clusters({ clusterSelector: { matchLabels: { env: 'prod eu' } } }),
    compliant: () => Generator.clusters({ clusterSelector: { matchLabels: { env: 'prod-eu' } } }),
  },
  {
    rule: 'GEN-017',
    nonCompliant: () => Generator.clusters({ clusterSelector: { matchExpressions: [{ key: 'env', operator: 'Equals' as SelectorOperator, values: ['prod'] }] } }),
    compliant: () => Generator.clusters({ clusterSelector: { matchExpressions: [{ key: 'env', operator: SelectorOperator.IN, values: ['prod'] }] } }),
  },
  {
    rule: 'GEN-018',
    nonCompliant: () => Generator.list({
      elements: [{ env: 'dev' }, { env: 'prod' }],
      selector: { matchExpressions: [{ key: 'env', operator: SelectorOperator.IN }] },
    }),
    compliant: () => Generator.list({
      elements: [{ env: 'dev' }, { env: 'prod' }],
      selector: { matchExpressions: [{ key: 'env', operator: SelectorOperator.IN, values: ['prod'] }] },
    }),
  },
  {
    rule: 'GEN-019',
    nonCompliant: () => Generator.list({
      elements: [{ env: 'dev', canary: 'true' }, { env: 'prod' }],
      selector: { matchExpressions: [{ key: 'canary', operator: SelectorOperator.DOES_NOT_EXIST, values: ['true'] }] },
    }),
    compliant: () => Generator.list({
      elements: [{ env: 'dev', canary: 'true' }, { env: 'prod' }],
      selector: { matchExpressions: [{ key: 'canary', operator: SelectorOperator.DOES_NOT_EXIST }] },
    }),
  },
  {
    rule: 'GEN-201',
    nonCompliant: () => Generator.list({ elements: [{ env: 'dev' }], elementsYaml: '{{ .environments | toJson }}' }),
    compliant: () => Generator.list({ elementsYaml: '{{ .environments | toJson }}' }),
  },
  {
    rule: 'GEN-202',
    nonCompliant: () => Generator.gitDirectories({ repoUrl: GIT, directories: ['apps/*'], template: 'apps' as any }),
    compliant: () => Generator.gitDirectories({ repoUrl: GIT, directories: ['apps/*'], template: { labels: { team: 'apps' } } }),
  },
  {
    rule: 'GEN-203',
    nonCompliant: () => Generator.gitDirectories({
      repoUrl: GIT,
      directories: ['apps/*'],
      template: {
        source: ApplicationSource.directory({ repoUrl: GIT, path: '{{.path.path}}' }),
        sources: [ApplicationSource.directory({ repoUrl: GIT, path: '{{.path.path}}/overlay' })],
      },
    }),
    compliant: () => Generator.gitDirectories({
      repoUrl: GIT,
      directories: ['apps/*'],
      template: {
        sources: [
          ApplicationSource.directory({ repoUrl: GIT, path: '{{.path.path}}' }),
          ApplicationSource.directory({ repoUrl: GIT, path: '{{.path.path}}/overlay' }),
        ],
      },
    }),
  },
  {
    rule: 'GEN-204',
    nonCompliant: () => Generator.gitDirectories({ repoUrl: GIT, directories: ['apps/*'], template: { revisionHistoryLimit: -1 } }),
    compliant: () => Generator.gitDirectories({ repoUrl: GIT, directories: ['apps/*'], template: { revisionHistoryLimit: 10 } }),
  },
  {
    rule: 'GEN-301',
    nonCompliant: () => Generator.merge({ mergeKeys: ['server'], generators: [envs(), Generator.list({ elements: [{ env: 'prod', replicas: '3' }] })] }),
    compliant: () => Generator.merge({ mergeKeys: ['env'], generators: [envs(), Generator.list({ elements: [{ env: 'prod', replicas: '3' }] })] }),
  },
];
