import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { RuleExampleEntry } from './example';
import { Application, ApplicationSource, Destination, GitOpsApp } from '../../src';

const REPO = 'https://git.example.com/platform/gitops.git';
const CHARTS = 'https://charts.example.com';
/** Deploys a source to the namespace `web` (an Application `web` in the chart). */
const deploy = (chart: Construct, source: ApplicationSource) =>
  new Application(chart, 'web', { project: 'web', destination: Destination.inCluster('web'), source });
/** A cdk8s chart with one ConfigMap, for ApplicationSource.fromChart. */
function workload(scope: Construct): Chart {
  const chart = new Chart(scope, 'web', { namespace: 'web' });
  new k8s.KubeConfigMap(chart, 'settings', { data: { LOG_LEVEL: 'info' } });
  return chart;
}

/** Application sources (SRC-*): the ApplicationSource factories and what they are given. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'SRC-001',
    nonCompliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '' })),
    compliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.2.3' })),
  },
  {
    rule: 'SRC-002',
    nonCompliant: x => deploy(x.chart, ApplicationSource.of({
      repoUrl: REPO,
      path: 'apps/web',
      helm: { valueFiles: ['values-prod.yaml'] },
      kustomize: { namePrefix: 'prod-' },
    })),
    compliant: x => deploy(x.chart, ApplicationSource.of({ repoUrl: REPO, path: 'apps/web', kustomize: { namePrefix: 'prod-' } })),
  },
  {
    rule: 'SRC-003',
    nonCompliant: x => deploy(x.chart, ApplicationSource.of({ repoUrl: CHARTS, chart: 'web', targetRevision: '1.2.3', kustomize: { namePrefix: 'prod-' } })),
    compliant: x => deploy(x.chart, ApplicationSource.of({ repoUrl: CHARTS, chart: 'web', targetRevision: '1.2.3', helm: { releaseName: 'prod-web' } })),
  },
  {
    rule: 'SRC-004',
    nonCompliant: x => deploy(x.chart, ApplicationSource.of({ repoUrl: REPO, chart: 'web', path: 'charts/web', targetRevision: 'main' })),
    compliant: x => deploy(x.chart, ApplicationSource.helmChart({ repoUrl: REPO, path: 'charts/web', targetRevision: 'main' })),
  },
  {
    rule: 'SRC-005',
    nonCompliant: x => new Application(x.chart, 'web', {
      project: 'web',
      destination: Destination.inCluster('web'),
      sources: [
        ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.2.3', valueFiles: ['$values/web/prod.yaml'] }),
        ApplicationSource.ref({ repoUrl: REPO, ref: 'prod values' }),
      ],
    }),
    compliant: x => new Application(x.chart, 'web', {
      project: 'web',
      destination: Destination.inCluster('web'),
      sources: [
        ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.2.3', valueFiles: ['$values/web/prod.yaml'] }),
        ApplicationSource.ref({ repoUrl: REPO, ref: 'values' }),
      ],
    }),
  },
  {
    rule: 'SRC-006',
    nonCompliant: x => new Application(x.chart, 'web', {
      project: 'web',
      destination: Destination.inCluster('web'),
      sources: [
        ApplicationSource.of({ repoUrl: CHARTS, chart: 'web', targetRevision: '1.2.3', ref: 'values', helm: { valueFiles: ['$values/web/prod.yaml'] } }),
      ],
    }),
    compliant: x => new Application(x.chart, 'web', {
      project: 'web',
      destination: Destination.inCluster('web'),
      sources: [
        ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.2.3', valueFiles: ['$values/web/prod.yaml'] }),
        ApplicationSource.ref({ repoUrl: REPO, ref: 'values' }),
      ],
    }),
  },
  {
    rule: 'SRC-007',
    nonCompliant: x => deploy(x.chart, ApplicationSource.directory({ repoUrl: '', path: 'apps/web' })),
    compliant: x => deploy(x.chart, ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web' })),
  },
  {
    rule: 'SRC-008',
    nonCompliant: x => deploy(x.chart, ApplicationSource.of({ repoUrl: REPO })),
    compliant: x => deploy(x.chart, ApplicationSource.of({ repoUrl: REPO, path: '.' })),
  },
  {
    rule: 'SRC-009',
    nonCompliant: x => deploy(x.chart, ApplicationSource.kustomize({ repoUrl: REPO, path: 'apps/web', replicas: [{ name: 'web', count: 1.5 }] })),
    compliant: x => deploy(x.chart, ApplicationSource.kustomize({ repoUrl: REPO, path: 'apps/web', replicas: [{ name: 'web', count: 2 }] })),
  },
  {
    rule: 'SRC-010',
    nonCompliant: x => deploy(x.chart, ApplicationSource.helmChart({ repoUrl: REPO, path: 'charts/web', valueFiles: [{ path: 'values-prod.yaml' } as any] })),
    compliant: x => deploy(x.chart, ApplicationSource.helmChart({ repoUrl: REPO, path: 'charts/web', valueFiles: ['values-prod.yaml'] })),
  },
  {
    rule: 'SRC-011',
    nonCompliant: x => deploy(x.chart, ApplicationSource.helmChart({ repoUrl: REPO, path: 'charts/web', valueFiles: ['envs/$env/values.yaml'] })),
    compliant: x => deploy(x.chart, ApplicationSource.helmChart({ repoUrl: REPO, path: 'charts/web', valueFiles: ['envs/prod/values.yaml'] })),
  },
  {
    rule: 'SRC-012',
    nonCompliant: x => {
      const other = new App({ outdir: x.tmpdir() });
      deploy(x.chart, ApplicationSource.fromChart(workload(other)));
    },
    compliant: x => deploy(x.chart, ApplicationSource.fromChart(workload(x.app))),
  },
  {
    rule: 'SRC-013',
    nonCompliant: x => {
      const app = new GitOpsApp({ outdir: x.tmpdir() });
      deploy(new Chart(app, 'argocd'), ApplicationSource.fromChart(workload(app)));
      return app;
    },
    compliant: x => {
      const app = new GitOpsApp({ outdir: x.tmpdir(), repoUrl: REPO });
      deploy(new Chart(app, 'argocd'), ApplicationSource.fromChart(workload(app)));
      return app;
    },
  },
  {
    rule: 'SRC-014',
    nonCompliant: x => {
      const values: { [key: string]: any } = { replicaCount: 2 };
      values.defaults = values;
      deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.2.3', valuesObject: values }));
    },
    compliant: x => {
      const defaults = { replicaCount: 2 };
      deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.2.3', valuesObject: { ...defaults, defaults } }));
    },
  },
  {
    rule: 'SRC-201',
    nonCompliant: x => deploy(x.chart, ApplicationSource.plugin({ repoUrl: REPO, path: 'apps/web', pluginName: 'envsubst', parameters: [{ name: 'env' }] })),
    compliant: x => deploy(x.chart, ApplicationSource.plugin({ repoUrl: REPO, path: 'apps/web', pluginName: 'envsubst', parameters: [{ name: 'env', string: 'prod' }] })),
  },
  {
    rule: 'SRC-202',
    nonCompliant: x => deploy(x.chart, ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web', jsonnet: { extVars: [{ name: 'replicas', value: 3 as any }] } })),
    compliant: x => deploy(x.chart, ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web', jsonnet: { extVars: [{ name: 'replicas', value: '3', code: true }] } })),
  },
  {
    rule: 'SRC-203',
    nonCompliant: x => deploy(x.chart, ApplicationSource.directory({
      repoUrl: REPO,
      path: 'apps/web',
      jsonnet: { tlas: [{ name: 'env', value: 'prod' }, { name: 'env', value: 'staging' }] },
    })),
    compliant: x => deploy(x.chart, ApplicationSource.directory({
      repoUrl: REPO,
      path: 'apps/web',
      jsonnet: { tlas: [{ name: 'env', value: 'prod' }, { name: 'previousEnv', value: 'staging' }] },
    })),
  },
  {
    rule: 'SRC-301',
    nonCompliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: ' ', version: '1.2.3' })),
    compliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.2.3' })),
  },
  {
    rule: 'SRC-302',
    nonCompliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web frontend', version: '1.2.3' })),
    compliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web-frontend', version: '1.2.3' })),
  },
  {
    rule: 'SRC-303',
    nonCompliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: 'https://git.example.com/platform/charts.git', chart: 'web', version: '1.2.3' })),
    compliant: x => deploy(x.chart, ApplicationSource.helmChart({ repoUrl: 'https://git.example.com/platform/charts.git', path: 'charts/web', targetRevision: 'main' })),
  },
  {
    rule: 'SRC-304',
    nonCompliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: 'latest' })),
    compliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.2.3' })),
  },
  {
    rule: 'SRC-305',
    nonCompliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '^1.2.0' })),
    compliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.2.3' })),
  },
  {
    rule: 'SRC-306',
    nonCompliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.2.3', parameters: [{ name: 'image.tag ', value: '2.0.1' }] })),
    compliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.2.3', parameters: [{ name: 'image.tag', value: '2.0.1' }] })),
  },
  {
    rule: 'SRC-307',
    nonCompliant: x => deploy(x.chart, ApplicationSource.directory({ repoUrl: REPO, path: '/apps/web' })),
    compliant: x => deploy(x.chart, ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web' })),
  },
  {
    rule: 'SRC-308',
    nonCompliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.2.3', values: 'replicaCount: 2\nimage: {tag: 2.0.1\n' })),
    compliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.2.3', values: 'replicaCount: 2\nimage: {tag: 2.0.1}\n' })),
  },
  {
    rule: 'SRC-309',
    nonCompliant: x => deploy(x.chart, ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web', include: '{*.yml,*.yaml' })),
    compliant: x => deploy(x.chart, ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web', include: '{*.yml,*.yaml}' })),
  },
  {
    rule: 'SRC-310',
    nonCompliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.2.3', valuesObject: { deployedAt: new Date('2026-12-01') } })),
    compliant: x => deploy(x.chart, ApplicationSource.helm({ repoUrl: CHARTS, chart: 'web', version: '1.2.3', valuesObject: { deployedAt: '2026-12-01T00:00:00.000Z' } })),
  },
];
