import { Chart, Testing } from 'cdk8s';
import {
  AppOfApps, AppProject, Application, ApplicationSet, ApplicationSource, ArgoCdSettings, Component, DeletionCascade, Destination, ExternalAppProjects,
  Generator, GitOpsApp, GitOpsChart, ScopedAppProject,
} from '../src';
import { expectSchemaValid } from './util/schema';

const GIT = 'https://git.example.com/platform/gitops.git';
const src = () => ApplicationSource.directory({ repoUrl: GIT, path: 'apps/web' });

function chart(): Chart {
  return new Chart(Testing.app(), 'test');
}

function synthError(app: GitOpsApp): string {
  try {
    app.synthFiles();
  } catch (e: any) {
    return e.message;
  }
  return '';
}

describe('one Application spec: project or appProject', () => {
  test('GIVEN appProject: an AppProject of the app WHEN an Application uses it THEN spec.project is its name and the project getter returns it', () => {
    const c = chart();
    const project = new AppProject(c, 'team-a', { sourceRepos: [GIT], destinations: [{ server: Destination.IN_CLUSTER_SERVER, namespace: 'web' }] });
    const app = new Application(c, 'web', { appProject: project, source: src(), destination: Destination.inCluster('web') });
    expect(app.project).toBe('team-a');
    expect(app.appProject).toBe(project);
    expect(project.projectName).toBe('team-a');
    const docs = expectSchemaValid(Testing.synth(c));
    expect(docs.find(d => d.kind === 'Application').spec.project).toBe('team-a');
  });

  test('GIVEN AppProject.fromProjectName THEN it names the project; a bad name fails', () => {
    const app = new Application(chart(), 'web', { appProject: AppProject.fromProjectName('ops'), source: src(), destination: Destination.inCluster('web') });
    expect(app._toArgoSpec().project).toBe('ops');
    expect(() => AppProject.fromProjectName('Not_A_Name')).toThrow(/AppProject.fromProjectName\(\).*\[NAME-003\]/);
  });

  test('GIVEN neither project nor appProject THEN APP-022; GIVEN both naming different projects THEN APP-023; the same project is accepted', () => {
    const c = chart();
    expect(() => new Application(c, 'a', { source: src(), destination: Destination.inCluster('web') }))
      .toThrow(/\[test\/a\] the Application needs 'project'.*\[APP-022\]/);
    expect(() => new Application(c, 'b', { project: 'x', appProject: AppProject.fromProjectName('y'), source: src(), destination: Destination.inCluster('web') }))
      .toThrow(/\[test\/b\] project and appProject name different AppProjects.*"project":"x".*"appProject":"y".*\[APP-023\]/);
    expect(new Application(c, 'c', { project: 'x', appProject: AppProject.fromProjectName('x'), source: src(), destination: Destination.inCluster('web') }).project).toBe('x');
    expect(() => new Application(c, 'd', { appProject: { nope: 1 } as any, source: src(), destination: Destination.inCluster('web') }))
      .toThrow(/appProject is not an AppProject.*\[APP-022\]/);
  });

  test('GIVEN a template with appProject THEN the generated template names it; mismatch is APPSET-053, none APPSET-023', () => {
    const c = chart();
    const project = AppProject.fromProjectName('apps');
    const set = new ApplicationSet(c, 'envs', {
      generators: [Generator.list({ elements: [{ env: 'dev' }] })],
      template: { name: '{{.env}}-web', appProject: project, source: src(), destination: Destination.inCluster('{{.env}}') },
    });
    expect(set._toArgoSpec().template.spec.project).toBe('apps');
    expect(set.preview().map(a => a.project)).toEqual(['apps']);
    expect(() => new ApplicationSet(c, 'bad', {
      generators: [Generator.list({ elements: [{ env: 'dev' }] })],
      template: { name: '{{.env}}-web', project: '{{.project}}', appProject: project, source: src(), destination: Destination.inCluster('x') },
    })).toThrow(/template project and appProject name different AppProjects.*\[APPSET-053\]/);
    expect(() => new ApplicationSet(c, 'none', {
      generators: [Generator.list({ elements: [{ env: 'dev' }] })],
      template: { name: '{{.env}}-web', source: src(), destination: Destination.inCluster('x') },
    })).toThrow(/the template needs 'project'.*\[APPSET-023\]/);
  });

  test('GIVEN two AppProjects with the same name WHEN an Application names the second by construct THEN it is checked against that one', () => {
    const app = new GitOpsApp({ repoUrl: GIT, targetRevision: 'main' });
    const argocd = new GitOpsChart(app, 'argocd');
    new ScopedAppProject(argocd, 'first', { name: 'apps', destinations: [{ server: Destination.IN_CLUSTER_SERVER, namespace: 'team-a' }] });
    const second = new ScopedAppProject(argocd, 'second', { name: 'apps', destinations: [{ server: Destination.IN_CLUSTER_SERVER, namespace: 'team-b' }] });
    new Application(argocd, 'b', { appProject: second, source: src(), destination: Destination.inCluster('team-b') });
    new Application(argocd, 'a', { appProject: second, source: src(), destination: Destination.inCluster('team-a') });
    const message = synthError(app);
    expect(message).toMatch(/PROJ-034/); // the duplicate itself
    expect(message).toMatch(/\[argocd\/a\] application "a" is not permitted by AppProject "apps" \(argocd\/second\)/);
    expect(message).not.toMatch(/\[argocd\/b\] application "b" is not permitted/);
  });

  test('GIVEN an AppOfApps with appProject for the root and its children THEN both name the project', () => {
    const app = new GitOpsApp({ repoUrl: GIT, targetRevision: 'main' });
    ExternalAppProjects.declare(app, 'admin', 'apps');
    const root = new AppOfApps(app, 'root', { appProject: AppProject.fromProjectName('admin') });
    const child = root.addApplication('web', { appProject: AppProject.fromProjectName('apps'), source: src(), destination: Destination.inCluster('web') });
    expect(root.root.project).toBe('admin');
    expect(child.project).toBe('apps');
  });
});

describe('one Application spec: fields each way of writing an Application gains', () => {
  test('GIVEN AppOfApps children with annotations and revisionHistoryLimit THEN the child Application has them', () => {
    const app = new GitOpsApp({ repoUrl: GIT, targetRevision: 'main' });
    new ArgoCdSettings(new GitOpsChart(app, 'settings', { folder: 'argocd' }), 'settings', { applicationHealthCheck: true });
    const root = new AppOfApps(app, 'root', { project: 'admin' });
    const child = root.addApplication('web', {
      project: 'apps',
      source: src(),
      destination: Destination.inCluster('web'),
      annotations: { 'example.com/owner': 'team-a' },
      revisionHistoryLimit: 3,
    });
    const doc = expectSchemaValid([child.resource.toJson()])[0];
    expect(doc.metadata.annotations['example.com/owner']).toBe('team-a');
    expect(doc.spec.revisionHistoryLimit).toBe(3);
    expect(() => root.addApplication('bad', { project: 'apps', source: src(), destination: Destination.inCluster('x'), revisionHistoryLimit: -1 }))
      .toThrow(/revisionHistoryLimit must be a whole number.*\[APP-007\]/);
  });

  test('GIVEN a template with notifications THEN the generated Applications carry the subscription annotations', () => {
    const c = chart();
    const set = new ApplicationSet(c, 'envs', {
      generators: [Generator.list({ elements: [{ env: 'dev' }] })],
      template: {
        name: '{{.env}}-web',
        project: 'apps',
        source: src(),
        destination: Destination.inCluster('{{.env}}'),
        annotations: { 'example.com/owner': 'a' },
        notifications: [
          { trigger: 'on-sync-failed', service: 'slack', recipients: ['{{.env}}-alerts'] },
          { trigger: 'on-sync-failed', service: 'slack', recipients: ['platform', '{{.env}}-alerts'] },
        ],
      },
    });
    const doc = expectSchemaValid(Testing.synth(c)).find(d => d.kind === 'ApplicationSet');
    expect(doc.spec.template.metadata.annotations).toEqual({
      'example.com/owner': 'a',
      'notifications.argoproj.io/subscribe.on-sync-failed.slack': '{{.env}}-alerts;platform',
    });
    expect(set.name).toBe('envs');
  });

  test('GIVEN bad template notifications, pointers or annotation values THEN the template rules say so', () => {
    const c = chart();
    const t = (extra: object) => () => new ApplicationSet(c, `s${Math.random().toString(36).slice(2, 8)}`, {
      generators: [Generator.list({ elements: [{ env: 'dev' }] })],
      template: { name: '{{.env}}-web', project: 'apps', source: src(), destination: Destination.inCluster('x'), ...extra },
    });
    expect(t({ notifications: [{ trigger: 'on sync', service: 'slack', recipients: ['a'] }] })).toThrow(/\[APPSET-055\]/);
    expect(t({ notifications: [{ trigger: 'on-sync', service: 'slack', recipients: ['a;b'] }] })).toThrow(/\[APPSET-056\]/);
    expect(t({ ignoreDifferences: [{ kind: 'Deployment', jsonPointers: ['spec/replicas'] }] })).toThrow(/a JSON pointer starts with \/.*\[APPSET-054\]/);
    expect(t({ annotations: { a: 1 as any } })).toThrow(/template annotation a must have a string value.*\[APPSET-057\]/);
  });

  test('GIVEN the same deletionCascade on an Application and a child THEN the finalizers are the same', () => {
    const c = chart();
    const a = new Application(c, 'a', { project: 'apps', source: src(), destination: Destination.inCluster('x'), deletionCascade: DeletionCascade.BACKGROUND });
    expect(a.resource.toJson().metadata.finalizers).toEqual([DeletionCascade.BACKGROUND]);
  });
});

describe('one Application spec: components name their project typed too', () => {
  test('GIVEN a Component with appProject THEN its project (and component file) hold the name; none is TIER-110, a mismatch TIER-111', () => {
    const source = ApplicationSource.directory({ repoUrl: GIT, path: 'apps/shop' });
    const c = new Component({ name: 'shop', tier: 'apps', appProject: AppProject.fromProjectName('apps'), namespace: 'shop', source });
    expect(c.project).toBe('apps');
    expect(c.toParameters(chart()).project).toBe('apps');
    expect(() => new Component({ name: 'shop', tier: 'apps', namespace: 'shop', source })).toThrow(/the component needs 'project'.*\[TIER-110\]/);
    expect(() => new Component({ name: 'shop', tier: 'apps', project: 'apps', appProject: AppProject.fromProjectName('web'), namespace: 'shop', source }))
      .toThrow(/component project and appProject name different AppProjects.*\[TIER-111\]/);
  });
});
