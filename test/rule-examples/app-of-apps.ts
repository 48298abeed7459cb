import { ApiObject, App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { RuleExampleEntry } from './example';
import { AppOfApps, Application, ApplicationSource, ArgoCdSettings, Destination, Generator, LibraryHealthCheck } from '../../src';

const REPO = 'https://git.example.com/platform/gitops.git';
/** A child deployed from a git folder to its own namespace. */
const child = (name: string) => ({
  project: 'platform',
  source: ApplicationSource.directory({ repoUrl: REPO, path: `apps/${name}` }),
  destination: Destination.inCluster(name),
});
/** A cdk8s chart (namespace `web` unless told otherwise) with one ConfigMap. */
function webChart(scope: Construct, id = 'web', props: { namespace?: string } = { namespace: 'web' }): Chart {
  const chart = new Chart(scope, id, props);
  new k8s.KubeConfigMap(chart, 'settings', { data: { LOG_LEVEL: 'info' } });
  return chart;
}

/**
 * The props of the root Application. (`topology: false`: no TOPOLOGY-<name>.md next to it, because the example
 * runner reads every output file as YAML.)
 */
const root = { project: 'platform', topology: false };
/** One Application per environment (dev, prod), as an ApplicationSet child (no ROLLOUT-envs.md, for the same reason). */
const perEnv = {
  rolloutPlan: false,
  generators: [Generator.list({ elements: [{ env: 'dev' }, { env: 'prod' }] })],
  template: {
    name: '{{.env}}-web',
    project: 'platform',
    source: ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web/{{.env}}' }),
    destination: Destination.inCluster('{{.env}}-web'),
  },
};

/** AppOfApps (AOA-*): a root Application and its children, in sync waves. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'AOA-001',
    nonCompliant: x => {
      const app = new App({ outdir: x.tmpdir() });
      new AppOfApps(app, 'root', root).addApplication('web', child('web'));
      return app;
    },
    compliant: x => new AppOfApps(x.app, 'root', root).addApplication('web', child('web')),
  },
  {
    rule: 'AOA-002',
    nonCompliant: x => new AppOfApps(x.app, 'root', { ...root, childrenFolder: ['apps', 'root'] as any }).addApplication('web', child('web')),
    compliant: x => new AppOfApps(x.app, 'root', { ...root, childrenFolder: 'apps/root' }).addApplication('web', child('web')),
  },
  {
    rule: 'AOA-003',
    nonCompliant: x => new AppOfApps(x.app, 'root', root).addChart('web', webChart(x.app, 'web', {}), { project: 'platform' }),
    compliant: x => new AppOfApps(x.app, 'root', root).addChart('web', webChart(x.app, 'web', { namespace: 'web' }), { project: 'platform' }),
  },
  {
    rule: 'AOA-004',
    nonCompliant: x => {
      const aoa = new AppOfApps(x.app, 'root', root);
      const web = aoa.addApplication('web', child('web'));
      const db = new Application(x.chart, 'db', child('db'));
      aoa.addDependency(web, db);
    },
    compliant: x => {
      const aoa = new AppOfApps(x.app, 'root', root);
      const web = aoa.addApplication('web', child('web'));
      const db = aoa.addApplication('db', child('db'));
      new ArgoCdSettings(x.chart, 'settings', { applicationHealthCheck: true });
      aoa.addDependency(web, db);
    },
  },
  {
    rule: 'AOA-005',
    nonCompliant: x => new AppOfApps(x.app, 'root', root).addApplicationSet('envs', { ...perEnv, syncWave: 0.5 }),
    compliant: x => new AppOfApps(x.app, 'root', root).addApplicationSet('envs', { ...perEnv, syncWave: 1 }),
  },
  {
    rule: 'AOA-006',
    nonCompliant: x => new AppOfApps(x.app, 'root', root).addApplication('web', { ...child('web'), destination: Destination.inCluster() }),
    compliant: x => new AppOfApps(x.app, 'root', root).addApplication('web', { ...child('web'), destination: Destination.inCluster('web') }),
  },
  {
    rule: 'AOA-007',
    nonCompliant: x => new AppOfApps(x.app, 'root', root).addApplication('web', { ...child('web'), extraNamespaces: ['Web_Jobs'] }),
    compliant: x => new AppOfApps(x.app, 'root', root).addApplication('web', { ...child('web'), extraNamespaces: ['web-jobs'] }),
  },
  {
    rule: 'AOA-008',
    nonCompliant: x => new AppOfApps(x.app, 'root', root).addApplication('web', { ...child('web'), syncWave: 1.5 }),
    compliant: x => new AppOfApps(x.app, 'root', root).addApplication('web', { ...child('web'), syncWave: 1 }),
  },
  {
    rule: 'AOA-009',
    nonCompliant: x => {
      const aoa = new AppOfApps(x.app, 'root', root);
      const db = new Application(x.chart, 'db', child('db'));
      aoa.addApplication('web', { ...child('web'), dependsOn: [db] });
    },
    compliant: x => {
      const aoa = new AppOfApps(x.app, 'root', root);
      const db = aoa.addApplication('db', child('db'));
      new ArgoCdSettings(x.chart, 'settings', { applicationHealthCheck: true });
      aoa.addApplication('web', { ...child('web'), dependsOn: [db] });
    },
  },
  {
    rule: 'AOA-010',
    nonCompliant: x => {
      const aoa = new AppOfApps(x.app, 'root', root);
      aoa.addApplication('web', child('web'));
      aoa.addApplication('web-eu', { ...child('web-eu'), name: 'web' });
    },
    compliant: x => {
      const aoa = new AppOfApps(x.app, 'root', root);
      aoa.addApplication('web', child('web'));
      aoa.addApplication('web-eu', { ...child('web-eu'), name: 'web-eu' });
    },
  },
  {
    rule: 'AOA-011',
    nonCompliant: x => new AppOfApps(x.app, 'platform', root).addApplication('platform', child('platform')),
    compliant: x => new AppOfApps(x.app, 'platform', { ...root, name: 'platform-root' }).addApplication('platform', child('platform')),
  },
  {
    rule: 'AOA-012',
    nonCompliant: x => {
      new ArgoCdSettings(x.chart, 'settings', { applicationHealthCheck: true });
      const aoa = new AppOfApps(x.app, 'root', root);
      const db = aoa.addApplication('db', child('db'));
      const web = aoa.addApplication('web', { ...child('web'), dependsOn: [db] });
      aoa.addDependency(db, web);
    },
    compliant: x => {
      new ArgoCdSettings(x.chart, 'settings', { applicationHealthCheck: true });
      const aoa = new AppOfApps(x.app, 'root', root);
      const db = aoa.addApplication('db', child('db'));
      aoa.addApplication('web', { ...child('web'), dependsOn: [db] });
    },
  },
  {
    rule: 'AOA-013',
    nonCompliant: x => {
      new ArgoCdSettings(x.chart, 'settings', { applicationHealthCheck: true });
      const aoa = new AppOfApps(x.app, 'root', root);
      const db = aoa.addApplication('db', { ...child('db'), syncWave: 1 });
      aoa.addApplication('web', { ...child('web'), dependsOn: [db], syncWave: 1 });
    },
    compliant: x => {
      new ArgoCdSettings(x.chart, 'settings', { applicationHealthCheck: true });
      const aoa = new AppOfApps(x.app, 'root', root);
      const db = aoa.addApplication('db', { ...child('db'), syncWave: 1 });
      aoa.addApplication('web', { ...child('web'), dependsOn: [db], syncWave: 2 });
    },
  },
  {
    rule: 'AOA-014',
    nonCompliant: x => {
      const aoa = new AppOfApps(x.app, 'root', root);
      const db = aoa.addApplication('db', child('db'));
      aoa.addApplication('web', { ...child('web'), dependsOn: [db] });
    },
    compliant: x => {
      new ArgoCdSettings(x.chart, 'settings', { applicationHealthCheck: true });
      const aoa = new AppOfApps(x.app, 'root', root);
      const db = aoa.addApplication('db', child('db'));
      aoa.addApplication('web', { ...child('web'), dependsOn: [db] });
    },
  },
  {
    rule: 'AOA-015',
    nonCompliant: x => {
      const chart = webChart(x.app);
      new k8s.KubeClusterRole(chart, 'reader', { metadata: { namespace: 'kube-system' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] });
      new AppOfApps(x.app, 'root', root).addChart('web', chart, { project: 'platform' });
    },
    compliant: x => {
      const chart = webChart(x.app);
      new k8s.KubeClusterRole(chart, 'reader', { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] });
      new AppOfApps(x.app, 'root', root).addChart('web', chart, { project: 'platform' });
    },
  },
  {
    rule: 'AOA-016',
    nonCompliant: x => {
      const chart = webChart(x.app);
      new k8s.KubeConfigMap(chart, 'jobs', { metadata: { namespace: 'web-jobs' }, data: { SCHEDULE: 'hourly' } });
      new AppOfApps(x.app, 'root', root).addChart('web', chart, { project: 'platform' });
    },
    compliant: x => {
      const chart = webChart(x.app);
      new k8s.KubeConfigMap(chart, 'jobs', { metadata: { namespace: 'web-jobs' }, data: { SCHEDULE: 'hourly' } });
      new AppOfApps(x.app, 'root', root).addChart('web', chart, { project: 'platform', extraNamespaces: ['web-jobs'] });
    },
  },
  {
    rule: 'AOA-017',
    nonCompliant: x => {
      const aoa = new AppOfApps(x.app, 'root', root);
      for (const id of ['web', 'web-canary']) {
        const chart = webChart(x.app, id);
        new k8s.KubeConfigMap(chart, 'shared', { metadata: { name: 'shared' }, data: { REGION: 'eu' } });
        aoa.addChart(id, chart, { project: 'platform' });
      }
    },
    compliant: x => {
      const aoa = new AppOfApps(x.app, 'root', root);
      for (const id of ['web', 'web-canary']) {
        const chart = webChart(x.app, id);
        new k8s.KubeConfigMap(chart, 'shared', { metadata: { name: `${id}-shared` }, data: { REGION: 'eu' } });
        aoa.addChart(id, chart, { project: 'platform' });
      }
    },
  },
  {
    rule: 'AOA-101',
    nonCompliant: x => {
      new ArgoCdSettings(x.chart, 'settings', { applicationHealthCheck: true });
      const aoa = new AppOfApps(x.app, 'root', root);
      const envs = aoa.addApplicationSet('envs', perEnv);
      aoa.addApplication('smoke-tests', { ...child('smoke-tests'), dependsOn: [envs] });
    },
    compliant: x => {
      new ArgoCdSettings(x.chart, 'settings', { applicationHealthCheck: true, applicationSetHealthCheck: true });
      const aoa = new AppOfApps(x.app, 'root', root);
      const envs = aoa.addApplicationSet('envs', perEnv);
      aoa.addApplication('smoke-tests', { ...child('smoke-tests'), dependsOn: [envs] });
    },
  },
  {
    rule: 'AOA-102',
    nonCompliant: x => {
      new ArgoCdSettings(x.chart, 'settings', { applicationHealthCheck: true });
      const db = new Chart(x.app, 'db', { namespace: 'db' });
      new ApiObject(db, 'cluster', { apiVersion: 'postgres.example.com/v1', kind: 'PostgresCluster', spec: { instances: 3 } });
      const aoa = new AppOfApps(x.app, 'root', root);
      const dbApp = aoa.addChart('db', db, { project: 'platform' });
      aoa.addApplication('web', { ...child('web'), dependsOn: [dbApp] });
    },
    compliant: x => {
      const settings = new ArgoCdSettings(x.chart, 'settings', { applicationHealthCheck: true });
      LibraryHealthCheck.readyCondition('postgres.example.com', 'PostgresCluster').addTo(settings);
      const db = new Chart(x.app, 'db', { namespace: 'db' });
      new ApiObject(db, 'cluster', { apiVersion: 'postgres.example.com/v1', kind: 'PostgresCluster', spec: { instances: 3 } });
      const aoa = new AppOfApps(x.app, 'root', root);
      const dbApp = aoa.addChart('db', db, { project: 'platform' });
      aoa.addApplication('web', { ...child('web'), dependsOn: [dbApp] });
    },
  },
];
