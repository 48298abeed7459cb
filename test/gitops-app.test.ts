import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { GitOpsApp, GitOpsChart } from '../src';

function tmp() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-app-'));
}

describe('GitOpsApp', () => {
  test('GIVEN charts with and without folders WHEN synthesized THEN each chart lands in its own folder', () => {
    const outdir = tmp();
    const app = new GitOpsApp({ outdir, repoUrl: 'https://git.example.com/x.git' });
    const a = new GitOpsChart(app, 'root', { folder: 'argocd' });
    const b = new GitOpsChart(app, 'settings', { folder: 'argocd' });
    const w = new Chart(app, 'payments');
    for (const c of [a, b, w]) new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: c.node.id } });
    app.addFile('argocd/TOPOLOGY.md', { render: () => '# topology\n' });
    app.synth();
    const files = listFiles(outdir);
    expect(files).toEqual(['argocd/TOPOLOGY.md', 'argocd/root.k8s.yaml', 'argocd/settings.k8s.yaml', 'payments/payments.k8s.yaml']);
    expect(fs.readFileSync(path.join(outdir, 'argocd/TOPOLOGY.md'), 'utf8')).toBe('# topology\n');
    expect(app.repoPathOf(w)).toBe('payments');
    expect(app.chartFile(a)).toBe('argocd/root.k8s.yaml');
  });

  test('GIVEN a chart file of many documents WHEN synthesized THEN it is written in chunks with the bytes synthFiles gives', () => {
    const outdir = tmp();
    const app = new GitOpsApp({ outdir, repoUrl: 'https://git.example.com/x.git' });
    const chart = new GitOpsChart(app, 'many', { folder: 'apps' });
    // about 0.6 MB: several of writeDocuments' chunks, with non-ASCII text straddling them
    for (let i = 0; i < 2000; i++) {
      new ApiObject(chart, `cm${i}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { text: `zoë ${'x'.repeat(i % 500)} ✓` } });
    }
    const expected = app.synthFiles();
    app.synth();
    const written = fs.readFileSync(path.join(outdir, 'apps/many.k8s.yaml'), 'utf8');
    expect(written.length).toBeGreaterThan(4 * 65536);
    expect(written).toBe(expected['apps/many.k8s.yaml']);
    expect(written.split('---\n')).toHaveLength(2000);
    expect(fs.statSync(path.join(outdir, 'apps/many.k8s.yaml')).size).toBe(Buffer.byteLength(written, 'utf8'));
    expect(written).toContain('zoë');
  });

  test('GIVEN a subclass that overrides synthFiles WHEN synth() runs THEN what it returns is written', () => {
    const outdir = tmp();
    class Custom extends GitOpsApp {
      public synthFiles(): { [filePath: string]: string } {
        return { ...super.synthFiles(), 'extra/NOTE.md': '# note\n' };
      }
    }
    const app = new Custom({ outdir, repoUrl: 'https://git.example.com/x.git' });
    new ApiObject(new Chart(app, 'c'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
    app.synth();
    expect(listFiles(outdir)).toEqual(['c/c.k8s.yaml', 'extra/NOTE.md']);
    expect(fs.readFileSync(path.join(outdir, 'extra/NOTE.md'), 'utf8')).toBe('# note\n');
  });

  test('repoPath prefixes source paths; the root of the repo is "."', () => {
    const app = new GitOpsApp({ outdir: tmp(), repoPath: 'clusters/prod/' });
    const c = new Chart(app, 'x');
    expect(app.repoPathOf(c)).toBe('clusters/prod/x');
    const root = new GitOpsApp({ outdir: tmp() });
    const top = new GitOpsChart(root, 'y', { folder: '.' });
    expect(root.repoPathOf(top)).toBe('.');
  });

  test('same program, byte-identical output', () => {
    const build = () => {
      const app = new GitOpsApp({ outdir: tmp() });
      const c = new Chart(app, 'c');
      new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { b: '1', a: 'yes' } } as any);
      return app.synthFiles();
    };
    expect(build()).toEqual(build());
    expect(build()['c/c.k8s.yaml']).toContain('a: "yes"');
  });

  test('empty charts are not written', () => {
    const app = new GitOpsApp({ outdir: tmp() });
    new Chart(app, 'empty');
    expect(app.synthFiles()).toEqual({});
  });

  test('validation errors are reported like cdk8s does', () => {
    const app = new GitOpsApp({ outdir: tmp() });
    const c = new Chart(app, 'c');
    c.node.addValidation({ validate: () => ['something is off'] });
    expect(() => app.synthFiles()).toThrow(/Validation failed with the following errors:\n {2}\[c\] something is off/);
  });

  test('bad folders and duplicate files fail with the fix', () => {
    const app = new GitOpsApp({ outdir: tmp() });
    expect(() => new GitOpsChart(app, 'a', { folder: '../outside' })).toThrow(/relative path inside the output folder.*"\.\.\/outside"/);
    app.addFile('x.md', { render: () => '' });
    expect(() => app.addFile('x.md', { render: () => '' })).toThrow(/same output file.*"x\.md"/);
    expect(() => new GitOpsApp({ repoPath: '/abs' })).toThrow(/relative path/);
  });

  test('a plain App is not a GitOpsApp; of() finds the root', () => {
    const plain = Testing.app();
    expect(GitOpsApp.find(new Chart(plain, 'x'))).toBeUndefined();
    const app = new GitOpsApp({ outdir: tmp() });
    const c = new Chart(app, 'y');
    expect(GitOpsApp.find(c)).toBe(app);
    expect(GitOpsApp.isGitOpsApp(app)).toBe(true);
    expect(GitOpsChart.isGitOpsChart(c)).toBe(false);
  });
});

function listFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name)).split(path.sep).join('/')]).sort();
}
