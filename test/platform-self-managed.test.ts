import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { expectSchemaValid } from './util/schema';
import { GitOpsApp, GitOpsChart } from '../src/app/gitops-app';
import { ApplicationSource } from '../src/argocd/application-source';
import { Destination } from '../src/argocd/destination';
import { AppOfApps } from '../src/patterns/app-of-apps';
import { Notifications, NotificationService } from '../src/platform/notifications';
import { SelfManagedArgoCd } from '../src/platform/self-managed-argo-cd';
import { ArgoCdSettings } from '../src/settings/argocd-settings';
import { SettingsTarget } from '../src/settings/settings-target';

const GIT = 'https://git.example.com/platform/gitops.git';
const HEALTH_KEY = 'resource.customizations.health.argoproj.io_Application';

function setup(target = SettingsTarget.HELM_VALUES) {
  const app = new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'sm-')), repoUrl: GIT, targetRevision: 'main' });
  const settings = new ArgoCdSettings(new GitOpsChart(app, 'argocd-settings', { folder: 'argocd' }), 'settings', { target, applicationHealthCheck: true });
  const root = new AppOfApps(app, 'root', { project: 'platform-admin' });
  return { app, settings, root };
}

function allDocs(files: { [f: string]: string }): any[] {
  return Object.keys(files).filter(f => f.endsWith('.yaml')).flatMap(f => parseAllDocuments(files[f]).map(d => d.toJS())).filter(d => d);
}

describe('SelfManagedArgoCd', () => {
  test('the argo-cd chart is the first child, HA, never pruned, settings in its values (no argocd-cm ConfigMap)', () => {
    // GIVEN
    const { app, settings, root } = setup();
    new SelfManagedArgoCd(app, 'argo-cd', { appOfApps: root, settings, project: 'platform-admin' });
    root.addApplication('web', {
      project: 'apps',
      destination: Destination.inCluster('web'),
      source: ApplicationSource.directory({ repoUrl: GIT, path: 'web' }),
    });
    // WHEN
    const files = app.synthFiles();
    const docs = expectSchemaValid(allDocs(files));
    // THEN
    expect(docs.some(d => d.kind === 'ConfigMap')).toBe(false);
    const argo = docs.find(d => d.kind === 'Application' && d.metadata.name === 'argo-cd');
    expect(argo.metadata.annotations).toEqual({
      'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
      'argocd.argoproj.io/sync-wave': '-1',
    });
    expect(argo.metadata.finalizers).toBeUndefined();
    expect(argo.spec.source).toMatchObject({ repoURL: 'https://argoproj.github.io/argo-helm', chart: 'argo-cd', targetRevision: '10.1.1' });
    expect(argo.spec.syncPolicy.automated).toEqual({ prune: false, selfHeal: true });
    const values = argo.spec.source.helm.valuesObject;
    expect(Object.keys(values.configs.cm)).toEqual([HEALTH_KEY]);
    expect(values['redis-ha']).toEqual({ enabled: true });
    expect(values.server).toEqual({ replicas: 3, pdb: { enabled: true, minAvailable: 1 } });
    expect(values.repoServer.replicas).toBe(2);
    expect(values.controller.replicas).toBe(2);
    expect(values.applicationSet.pdb.enabled).toBe(true);
    const web = docs.find(d => d.kind === 'Application' && d.metadata.name === 'web');
    expect(web.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('0');
    expect(argo).toMatchSnapshot();
  });

  test('settings added after it (notifications) still reach the chart values', () => {
    const { app, settings, root } = setup();
    new SelfManagedArgoCd(app, 'argo-cd', { appOfApps: root, settings, project: 'platform-admin' });
    new Notifications(app, 'n', { settings, services: [NotificationService.slack('slack-token')] });
    const argo = allDocs(app.synthFiles()).find(d => d.kind === 'Application' && d.metadata.name === 'argo-cd');
    expect(argo.spec.source.helm.valuesObject.notifications).toEqual({ enabled: true, notifiers: { 'service.slack': 'token: $slack-token\n' } });
  });

  test('a child in a wave at or before it fails at synth', () => {
    const { app, settings, root } = setup();
    new SelfManagedArgoCd(app, 'argo-cd', { appOfApps: root, settings, project: 'platform-admin' });
    root.addApplication('early', {
      project: 'apps',
      syncWave: -2,
      destination: Destination.inCluster('web'),
      source: ApplicationSource.directory({ repoUrl: GIT, path: 'web' }),
    });
    expect(() => app.synthFiles()).toThrow(/\[argo-cd\] child "early" is in wave -2, not after the self-managed Argo CD \(wave -1\).*\(got -2 <= -1\)\. Fix: give it a wave above -1/);
  });

  test('settings on another target, an unpinned chart, or conflicting values fail', () => {
    const { app, root, settings } = setup(SettingsTarget.CONFIG_MAPS);
    expect(() => new SelfManagedArgoCd(app, 'a', { appOfApps: root, settings, project: 'p' }))
      .toThrow(/\[a\] a self-managed Argo CD reads its settings as chart values.*\(got "config-maps"\)\. Fix: create them with new ArgoCdSettings/);
    const h = setup();
    expect(() => new SelfManagedArgoCd(h.app, 'b', { appOfApps: h.root, settings: h.settings, project: 'p', chartVersion: '10.x' }))
      .toThrow(/the argo-cd chart version must be pinned \(an exact version\) \(got "10\.x"\)/);
    expect(() => new SelfManagedArgoCd(h.app, 'c', { appOfApps: h.root, settings: h.settings, project: 'p', values: { server: { replicas: 1 } } }))
      .toThrow(/chart value values\.server\.replicas is set twice to different values \(current: 3\) \(got 1\)/);
  });
});
