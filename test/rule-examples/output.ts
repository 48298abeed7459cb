import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { RuleExampleEntry, REPO } from './example';
import { GitOpsApp, GitOpsChart } from '../../src';

/** A chart's one object: a ConfigMap (an empty chart writes no file). */
const settings = (chart: Chart) => new k8s.KubeConfigMap(chart, 'settings', { data: { LOG_LEVEL: 'info' } });
/** A Kustomize entry point for a folder, as a generated file. */
const kustomization = (...resources: string[]) => ({
  render: () => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [${resources.join(', ')}]\n`,
});

/** Output layout (OUT-*): the folders and files a GitOpsApp writes. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'OUT-001',
    nonCompliant: x => {
      x.app.addFile('apps/kustomization.yaml', kustomization('web'));
      x.app.addFile('apps/kustomization.yaml', kustomization('api'));
    },
    compliant: x => x.app.addFile('apps/kustomization.yaml', kustomization('web', 'api')),
  },
  {
    rule: 'OUT-002',
    nonCompliant: x => {
      settings(new Chart(new Construct(x.app, 'team'), 'web'));
      settings(new Chart(x.app, 'team-web'));
    },
    compliant: x => {
      settings(new Chart(new Construct(x.app, 'team'), 'web'));
      settings(new Chart(x.app, 'team-api'));
    },
  },
  {
    rule: 'OUT-003',
    nonCompliant: x => {
      settings(new GitOpsChart(x.app, 'web', { folder: 'apps' }));
      x.app.addFile('apps/web.k8s.yaml', kustomization('web'));
    },
    compliant: x => {
      settings(new GitOpsChart(x.app, 'web', { folder: 'apps' }));
      x.app.addFile('apps/kustomization.yaml', kustomization('web.k8s.yaml'));
    },
  },
  {
    rule: 'OUT-004',
    nonCompliant: x => settings(new GitOpsChart(x.app, 'web', { folder: ['apps', 'web'] as any })),
    compliant: x => settings(new GitOpsChart(x.app, 'web', { folder: 'apps/web' })),
  },
  {
    rule: 'OUT-005',
    nonCompliant: x => settings(new GitOpsChart(x.app, 'web', { folder: '../apps/web' })),
    compliant: x => settings(new GitOpsChart(x.app, 'web', { folder: 'apps/web' })),
  },
  {
    rule: 'OUT-301',
    nonCompliant: x => settings(new Chart(x.app, '..')),
    compliant: x => settings(new Chart(x.app, 'apps')),
  },
  {
    rule: 'OUT-302',
    nonCompliant: x => {
      const outdir = x.tmpdir();
      fs.symlinkSync(x.tmpdir(), path.join(outdir, 'apps')); // apps/ leads out of outdir
      const app = new GitOpsApp({ outdir, repoUrl: REPO });
      settings(new GitOpsChart(app, 'web', { folder: 'apps' }));
      app.synth();
    },
    compliant: x => {
      const outdir = x.tmpdir();
      fs.mkdirSync(path.join(outdir, 'apps'));
      const app = new GitOpsApp({ outdir, repoUrl: REPO });
      settings(new GitOpsChart(app, 'web', { folder: 'apps' }));
      app.synth();
      return app;
    },
  },
];
