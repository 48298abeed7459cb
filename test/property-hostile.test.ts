import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  Application, ApplicationSource, DeletionCascade, Destination, GitOpsApp, GitOpsChart, GitOpsErrors, ScopedAppProject, TemplatePatch,
} from '../src';
import {
  acceptedOrOurError, brokenYaml, BUDGET, executedRuns, expectOurError, hostileGlob, hostilePath, hostileSegment, nonPlainValue, runProperty,
} from './util/arbitraries';
import { SYSTEM_NAMESPACES } from '../src/checks/glob-reach';
import { containedRelativePath } from '../src/checks/paths';
import { compileArgoGlob } from '../src/engines/glob';

const GIT = 'https://git.example.com/platform/gitops.git';
const SERVER = 'https://kubernetes.default.svc';

describe('property: hostile shapes (issue 17)', () => {
  test('hostile chart ids and folders never write outside outdir', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prop-hostile-'));
    runProperty('hostile', 'hostile chart ids and folders never write outside outdir', fc.tuple(hostileSegment, fc.option(hostilePath)), ([id, folder]) => {
      const outdir = fs.mkdtempSync(path.join(root, 'o-'));
      const app = new GitOpsApp({ outdir: path.join(outdir, 'dist') });
      const chart = acceptedOrOurError(() => folder === null ? new Chart(app, id || 'x') : new GitOpsChart(app, id || 'x', { folder }), { id, folder });
      if (!chart) return;
      new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
      acceptedOrOurError(() => app.synth(), { id, folder });
      // nothing but dist/ in the temporary folder
      expect(fs.readdirSync(outdir).filter(f => f !== 'dist')).toEqual([]);
    });
  });

  test('hostile relative paths are contained or refused', () => {
    runProperty('hostile', 'hostile relative paths are contained or refused', hostilePath, p => {
      const r = containedRelativePath(p);
      if ('path' in r) {
        const full = path.resolve('/base', ...r.path.split('/'));
        expect(full === '/base' || full.startsWith('/base/')).toBe(true);
        expect(r.path.split('/')).not.toContain('..');
      }
    });
  });

  test('hostile namespace and kind globs never reach the system unopted', () => {
    runProperty('hostile', 'hostile namespace and kind globs never reach the system unopted', fc.tuple(hostileGlob, hostileGlob), ([ns, kind]) => {
      const chart = new GitOpsChart(new GitOpsApp({ outdir: '/tmp/never-written', repoUrl: GIT }), 'argocd');
      const project = acceptedOrOurError(() => ScopedAppProject.platform(chart, 'p', {
        destinations: [{ server: SERVER, namespace: ns }],
        clusterResourceWhitelist: [{ group: 'rbac.authorization.k8s.io', kind }],
      }), { ns, kind });
      if (!project) return;
      // accepted: the namespace glob reaches no system namespace it does not name, the kind glob no privileged kind
      const g = compileArgoGlob(ns);
      expect(SYSTEM_NAMESPACES.filter(n => n !== ns && g.match(n))).toEqual([]);
      expect(/[*?[]/.test(kind) && ['ClusterRole', 'ClusterRoleBinding'].some(k => new RegExp(`^${kind.replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(k))).toBe(false);
    });
  });

  test('non-plain values never reach the manifest', () => {
    runProperty('hostile', 'non-plain values never reach the manifest', fc.tuple(nonPlainValue, fc.stringMatching(/^[a-z]{1,5}$/)), ([v, key]) => {
      try {
        ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'web', version: '1.0.0', valuesObject: { nested: { [key]: v } } });
      } catch (e) {
        expectOurError(e, { v: String(v) });
        expect(GitOpsErrors.ruleIdOf(e)).toBe('SRC-310');
        expect((e as Error).message).toContain(`helm.valuesObject.nested.${key}`);
        return;
      }
      throw new Error(`accepted a non-plain value: ${String(v)}`);
    });
  });

  test('hostile embedded texts parse or fail with a line', () => {
    runProperty('hostile', 'hostile embedded texts parse or fail with a line', fc.tuple(brokenYaml, fc.constantFrom('patch', 'values')), ([text, where]) => {
      try {
        if (where === 'patch') TemplatePatch.fromYaml(text);
        else ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'web', version: '1.0.0', values: text });
      } catch (e) {
        expectOurError(e, text);
        expect((e as Error).message).toMatch(/line \d+:/);
        return;
      }
      throw new Error(`accepted broken YAML: ${JSON.stringify(text)}`);
    });
  });

  test('JavaScript-typed props fail with what was expected', () => {
    const wrong = fc.constantFrom<any>('cascade', 'foreground', 1, true, {}, [], null, 'resources-finalizer');
    const field = fc.constantFrom('deletionCascade', 'source', 'destination', 'syncPolicy', 'sources', 'labels');
    runProperty('hostile', 'JavaScript-typed props fail with what was expected', fc.tuple(field, wrong), ([f, v]) => {
      const props: any = { project: 'p', destination: Destination.inCluster('x'), source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }) };
      if (f === 'sources') delete props.source;
      props[f] = v;
      const built = acceptedOrOurError(() => {
        const c = Testing.chart();
        new Application(c, 'a', props);
        return Testing.synth(c);
      }, props);
      if (built === undefined) return;
      // accepted only when the value means "not set" (null), or is an empty map where a map is expected
      expect(v === null || (['labels', 'syncPolicy'].includes(f) && typeof v === 'object' && !Array.isArray(v))).toBe(true);
      if (f === 'deletionCascade') expect(built[0].metadata.finalizers).toEqual([DeletionCascade.FOREGROUND]);
    });
  });

  test('every budgeted property ran', () => {
    expect(executedRuns('hostile')).toEqual(BUDGET.hostile);
  });
});
