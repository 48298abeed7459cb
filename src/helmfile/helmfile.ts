import * as fs from 'fs';
import * as path from 'path';
import type * as YAML from 'yaml';
import { deepMerge, isMap } from './values';
import { yamlLib } from '../app/lazy-modules';
import { fail } from '../checks/errors';
import { resolveInside } from '../checks/paths';

/**
 * A Helmfile reader for plain (untemplated) Helmfiles.
 *
 * Supported: `repositories`, `releases` (see `HelmfileRelease`), `environments` and top-level `values` (plain
 * YAML files or inline maps, used for `condition:`), `helmDefaults` (`createNamespace`, `postRenderer`),
 * `commonLabels`, `namespace`, `templates` + `inherit`, YAML anchors and `<<` merge keys, `---`-separated parts,
 * `bases` (one level, like Helmfile) and `helmfiles` references (listed; followed by `fromFileTree`).
 * Layering: bases first, then the file's parts in order; lists (repositories, releases, helmfiles) are appended
 * (a later repository with the same name replaces an earlier one), map keys of a later layer win.
 *
 * Not supported, with an error naming the file and line: Go templates (`{{ ... }}`, `.gotmpl` Helmfiles), HCL
 * values, remote (`git::`) bases and sub-helmfiles, unknown keys (Helmfile rejects them too).
 */

/** A chart repository of a Helmfile (`repositories:`). */
export interface HelmfileRepository {
  /** The name releases use as `<name>/<chart>`. */
  readonly name: string;
  /** Repository URL: `https://...`, or the registry path for OCI (`ghcr.io/org/charts`, without `oci://`). */
  readonly url: string;
  /**
   * An OCI registry.
   * @default false
   */
  readonly oci?: boolean;
}

/** A `set:` entry of a release (a Helm `--set`). */
export interface HelmfileSetValue {
  /** Parameter name, e.g. `image.tag`. */
  readonly name: string;
  /** Value, as Helm reads it (`{a,b}` for a list). */
  readonly value: string;
}

/** How a release's chart is fetched. */
export enum HelmfileChartKind {
  /** a chart from a Helm repository (`<repo>/<chart>`) */
  REPOSITORY = 'repository',
  /** a chart from an OCI registry (`oci://...`, or a repository with `oci: true`) */
  OCI = 'oci',
  /** a chart in a folder next to the Helmfile (`./charts/x`) */
  LOCAL = 'local',
}

/** A release's chart, resolved against the Helmfile's repositories. */
export interface HelmfileChart {
  /** Where the chart comes from. */
  readonly kind: HelmfileChartKind;
  /**
   * Helm repository URL, or the OCI registry path without `oci://` (what Argo CD's `repoURL` takes).
   * @default - none for local charts
   */
  readonly repoUrl?: string;
  /**
   * Chart name.
   * @default - none for local charts
   */
  readonly name?: string;
  /**
   * Folder of a local chart, relative to the values repository root (posix).
   * @default - none for repository and OCI charts
   */
  readonly path?: string;
}

/** A release of a Helmfile. */
export interface HelmfileRelease {
  /** Release name. */
  readonly name: string;
  /**
   * Namespace.
   * @default - none: the Helmfile does not set one
   */
  readonly namespace?: string;
  /** `namespace/name` (or `name` without namespace): what `needs` entries refer to. */
  readonly id: string;
  /** The chart as written (`jetstack/cert-manager`, `oci://...`, `./charts/x`). */
  readonly chartRef: string;
  /** The chart, resolved. */
  readonly chart: HelmfileChart;
  /**
   * Chart version (or semver range) as written.
   * @default - none: the latest chart
   */
  readonly version?: string;
  /** Value files in order, relative to the values repository root (posix). */
  readonly valueFiles: string[];
  /** Inline `values:` maps, deep-merged in order (empty when none). */
  readonly inlineValues: { [key: string]: any };
  /** `set:` entries, in order. */
  readonly setValues: HelmfileSetValue[];
  /** Labels (`commonLabels` merged under the release's own). */
  readonly labels: { [key: string]: string };
  /** False for `installed: false` or a `condition:` that is false in the environment. */
  readonly installed: boolean;
  /** The releases this one needs, normalized to `namespace/name` (the release's namespace when not given). */
  readonly needs: string[];
  /** Whether Helmfile creates the namespace (`createNamespace`, default true). */
  readonly createNamespace: boolean;
  /** Missing value files are tolerated (`missingFileHandler: Warn|Info|Debug`). */
  readonly ignoreMissingValueFiles: boolean;
  /** `apiVersions` passed to Helm (empty when none). */
  readonly apiVersions: string[];
  /**
   * `kubeVersion` passed to Helm.
   * @default - none
   */
  readonly kubeVersion?: string;
  /**
   * Features only Helmfile can render (post-renderers, kustomize patches, `.gotmpl` value files...): the release
   * can move as pre-rendered manifests only.
   */
  readonly renderOnlyFeatures: string[];
  /**
   * Features that keep the release on Helmfile for now (`secrets`: rendering would write decrypted secrets to
   * git; `hooks`: local commands Argo CD cannot run).
   */
  readonly blockingFeatures: string[];
  /** Helm CLI settings with no Argo CD equivalent, dropped (`wait`, `timeout`, `atomic`...). */
  readonly droppedSettings: string[];
  /** Further remarks for the migration report. */
  readonly notes: string[];
  /** The Helmfile that declares the release (its display path). */
  readonly helmfile: string;
  /** Line of the release in that file (1-based). */
  readonly line: number;
}

/** An environment of a Helmfile (`environments:`). */
export interface HelmfileEnvironment {
  /** Environment name. */
  readonly name: string;
  /** Its value files, relative to the values repository root. */
  readonly valueFiles: string[];
}

/** A `helmfiles:` entry (a sub-helmfile). */
export interface HelmfileReference {
  /** Path (or glob) as written, relative to the referencing Helmfile. */
  readonly path: string;
  /** Label selectors applied to the sub-helmfile's releases (empty: all). */
  readonly selectors: string[];
  /** Line of the entry. */
  readonly line: number;
}

/** Options for reading a Helmfile. */
export interface HelmfileReadOptions {
  /**
   * The local folder that is the root of the values repository (the git repository holding the Helmfiles and
   * their value files): value file and local chart paths are made relative to it, and the report names
   * Helmfiles by their path in it.
   * @default - the Helmfile's own folder
   */
  readonly repoDir?: string;
  /**
   * Helmfile environment (`helmfile -e`): decides `condition:` and must be one of `environments`.
   * @default 'default'
   */
  readonly environment?: string;
  /**
   * Label selectors like `helmfile -l` (`tier=infra,name!=x`; several entries are OR-ed): other releases are
   * left out.
   * @default - every release
   */
  readonly selectors?: string[];
}

/** Options for `Helmfile.fromYaml`. */
export interface HelmfileYamlOptions extends HelmfileReadOptions {
  /**
   * The file the text stands for: names it in messages and anchors relative paths.
   * @default 'helmfile.yaml' in the current folder
   */
  readonly filePath?: string;
}

const TOP_LEVEL_KEYS = [
  'repositories', 'releases', 'environments', 'helmDefaults', 'bases', 'helmfiles', 'commonLabels', 'values',
  'apiVersions', 'kubeVersion', 'templates', 'missingFileHandler', 'missingFileHandlerConfig', 'lockFilePath',
  'helmBinary', 'kustomizeBinary', 'hooks', 'namespace', 'kubeContext', 'context',
];
const RELEASE_KEYS = [
  'name', 'namespace', 'chart', 'version', 'values', 'set', 'labels', 'installed', 'needs', 'createNamespace',
  'apiVersions', 'kubeVersion', 'missingFileHandler', 'inherit', 'condition',
];
/** Release keys only Helmfile can render: such releases move as pre-rendered manifests. */
const RENDER_ONLY_KEYS = [
  'strategicMergePatches', 'jsonPatches', 'transformers', 'dependencies', 'postRenderer', 'postRendererArgs',
  'forceNamespace', 'directory', 'valuesTemplate', 'setTemplate', 'env', 'valuesPathPrefix',
];
/** Release keys that keep a release on Helmfile. */
const BLOCKING_KEYS = ['secrets', 'hooks'];
/** Helm CLI behaviour without an Argo CD equivalent. */
const DROPPED_KEYS = [
  'wait', 'waitForJobs', 'timeout', 'atomic', 'cleanupOnFail', 'recreatePods', 'force', 'historyMax', 'verify',
  'keyring', 'devel', 'enableDNS', 'skipDeps', 'skipRefresh', 'kubeContext', 'suppressDiff', 'cascade',
  'disableValidation', 'disableValidationOnInstall', 'disableOpenAPIValidation', 'insecureSkipTLSVerify',
  'forceGoGetter', 'reuseValues', 'deleteWait', 'deleteTimeout', 'takeOwnership', 'syncReleaseLabels', 'adopt',
  'chartPath', 'installedTemplate', 'verifyTemplate', 'waitTemplate',
];
const TOLERANT_MISSING = ['Warn', 'Info', 'Debug'];

/** A parsed YAML node with the line it starts on. */
interface Located {
  readonly value: any;
  readonly line: number;
  readonly node?: YAML.Node;
  readonly file: FileText;
}

interface FileText {
  readonly display: string;
  readonly abs: string;
  readonly text: string;
  readonly lines: YAML.LineCounter;
}

/** One layer (a base, or a part of the file) before merging. */
interface Layer {
  readonly file: FileText;
  readonly top: { [key: string]: Located };
  readonly doc: YAML.Document.Parsed;
}

/**
 * A Helmfile, read as plain YAML (see the module notes for what is supported).
 *
 * `Helmfile.fromFile('helmfiles/infra.yaml', { repoDir: '.' })` reads one file; `fromFileTree` also follows its
 * `helmfiles:` references. Every problem names the file and line.
 */
export class Helmfile {
  /** Reads a Helmfile from disk (value files and local charts must exist, unless `missingFileHandler` allows it). */
  public static fromFile(filePath: string, options: HelmfileReadOptions = {}): Helmfile {
    const abs = path.resolve(filePath);
    if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) {
      fail(filePath, { rule: 'HELM-013', problem: 'the Helmfile does not exist', value: abs, fix: 'check the path (relative to the current folder)' });
    }
    return new Helmfile(fs.readFileSync(abs, 'utf8'), abs, options, true);
  }

  /** Reads a Helmfile from text (value files are not checked on disk; `bases` are read relative to `filePath`). */
  public static fromYaml(text: string, options: HelmfileYamlOptions = {}): Helmfile {
    return new Helmfile(text, path.resolve(options.filePath ?? 'helmfile.yaml'), options, false);
  }

  /**
   * Reads a Helmfile and, depth first in their order, the sub-helmfiles its `helmfiles:` entries name (globs
   * allowed; each entry's `selectors` apply to that sub-helmfile). Returns every file that has releases, the
   * given one first. A file reached twice fails (Helmfile would process it twice). `repoDir` defaults to the
   * folder of the given file, for every file of the tree.
   */
  public static fromFileTree(filePath: string, options: HelmfileReadOptions = {}): Helmfile[] {
    options = { ...options, repoDir: options.repoDir ?? path.dirname(path.resolve(filePath)) };
    const out: Helmfile[] = [];
    const seen = new Set<string>();
    const visit = (file: string, selectors: string[] | undefined, via?: string) => {
      const abs = path.resolve(file);
      if (seen.has(abs)) {
        fail(via ?? file, { rule: 'HELM-014', problem: 'a Helmfile is reached twice through helmfiles: references', value: abs, fix: 'list each sub-helmfile once' });
      }
      seen.add(abs);
      const hf = Helmfile.fromFile(abs, { ...options, selectors });
      if (hf.releases.length > 0 || hf.subHelmfiles.length === 0) out.push(hf);
      for (const ref of hf.subHelmfiles) {
        const where = `${hf.path}:${ref.line}`;
        const matches = expandGlob(path.dirname(abs), ref.path);
        if (matches.length === 0) {
          fail(where, { rule: 'HELM-015', problem: 'the sub-helmfile does not exist', value: ref.path, fix: 'correct the path (relative to the Helmfile that lists it)' });
        }
        for (const m of matches) {
          const r = resolveInside(options.repoDir!, path.dirname(abs), m);
          if ('problem' in r) {
            fail(where, {
              rule: 'HELM-301',
              problem: `a sub-helmfile ${r.problem.replace(/ outside .*$/, ' outside the values repository')}, so it is not read`,
              value: ref.path,
              fix: `keep sub-helmfiles inside the values repository (now ${toPosix(path.resolve(options.repoDir!))}), or pass a repoDir that contains them`,
            });
          }
          visit(m, ref.selectors.length ? ref.selectors : undefined, where);
        }
      }
    };
    visit(filePath, options.selectors);
    return out;
  }

  /** Display path: relative to the values repository root (posix). */
  public readonly path: string;
  /** The folder of the Helmfile relative to the values repository root (`''` at the root). */
  public readonly repoFolder: string;
  /** The environment the file was read for. */
  public readonly environment: string;
  /** Repositories (after layering). */
  public readonly repositories: HelmfileRepository[];
  /** Releases, in file order (bases first), after selectors. */
  public readonly releases: HelmfileRelease[];
  /** Environments. */
  public readonly environments: HelmfileEnvironment[];
  /** `helmfiles:` references. */
  public readonly subHelmfiles: HelmfileReference[];
  /** `bases:` as written. */
  public readonly bases: string[];
  /** File-level remarks for the migration report (global hooks, dropped settings...). */
  public readonly notes: string[];

  private readonly repoDir: string;
  private readonly checkFiles: boolean;
  private envValues?: { [key: string]: any };

  private constructor(text: string, abs: string, options: HelmfileReadOptions, checkFiles: boolean) {
    this.repoDir = path.resolve(options.repoDir ?? path.dirname(abs));
    this.checkFiles = checkFiles;
    const rel = toPosix(path.relative(this.repoDir, abs));
    this.path = rel && !rel.startsWith('..') ? rel : toPosix(abs);
    this.repoFolder = toPosix(path.dirname(this.path)) === '.' ? '' : toPosix(path.dirname(this.path));
    this.environment = options.environment ?? 'default';
    this.notes = [];

    const file = this.fileText(abs, text);
    const own = parseLayers(file.text, file);
    const bases: string[] = [];
    const layers: Layer[] = [];
    for (const layer of own) {
      const b = layer.top.bases;
      if (b === undefined) continue;
      if (!Array.isArray(b.value) || b.value.some((x: unknown) => typeof x !== 'string')) {
        fail(at(b), { rule: 'HELM-016', problem: 'bases must be a list of file paths', value: b.value, fix: 'write bases: [common.yaml]' });
      }
      for (const [i, base] of (b.value as string[]).entries()) {
        const where = at(b, itemLine(b, i));
        if (/^[a-z0-9+]+::|^[a-z]+:\/\//i.test(base)) {
          fail(where, { rule: 'HELM-017', problem: 'remote bases (go-getter URLs) are not read', value: base, fix: 'vendor the base into the repository and refer to it by a relative path' });
        }
        const baseAbs = this.inside(base, path.dirname(abs), where);
        if (!fs.existsSync(baseAbs)) fail(where, { rule: 'HELM-018', problem: 'the base Helmfile does not exist', value: base, fix: 'correct the path (relative to this Helmfile)' });
        const baseFile = this.fileText(baseAbs, fs.readFileSync(baseAbs, 'utf8'));
        const baseLayers = parseLayers(baseFile.text, baseFile);
        const nested = baseLayers.find(l => l.top.bases !== undefined);
        if (nested) {
          fail(at(nested.top.bases), { rule: 'HELM-019', problem: 'a base has bases of its own; Helmfile does not support nested bases either', value: nested.top.bases.value, fix: 'list every base in the top Helmfile' });
        }
        bases.push(base);
        layers.push(...baseLayers);
      }
    }
    layers.push(...own);
    this.bases = bases;

    for (const l of layers) {
      for (const [k, v] of Object.entries(l.top)) {
        if (k === 'charts') {
          fail(at(v), { rule: 'HELM-020', problem: '`charts:` is the pre-0.x name of `releases:`', value: k, fix: 'rename it to releases:' });
        }
        if (!TOP_LEVEL_KEYS.includes(k)) {
          fail(at(v), { rule: 'HELM-021', problem: 'unknown top-level Helmfile key', value: k, fix: `use one of ${TOP_LEVEL_KEYS.join(', ')}` });
        }
      }
    }

    // layered maps: later layers win per key; lists are appended
    const mapOf = (key: string): { value: { [k: string]: any }; where: { [k: string]: Located } } => {
      const value: { [k: string]: any } = {};
      const where: { [k: string]: Located } = {};
      for (const l of layers) {
        const v = l.top[key];
        if (v === undefined || v.value === null) continue;
        if (typeof v.value !== 'object' || Array.isArray(v.value)) fail(at(v), { rule: 'HELM-022', problem: `${key} must be a mapping`, value: v.value, fix: `write ${key}: { ... }` });
        for (const k of Object.keys(v.value)) {
          value[k] = v.value[k];
          where[k] = { value: v.value[k], line: keyLine(v, k), file: v.file, node: pairValue(v, k) };
        }
      }
      return { value, where };
    };
    const listOf = (key: string): Located[] => layers.flatMap(l => {
      const v = l.top[key];
      if (v === undefined || v.value === null) return [];
      if (!Array.isArray(v.value)) fail(at(v), { rule: 'HELM-023', problem: `${key} must be a list`, value: v.value, fix: `write ${key}: [ ... ]` });
      return (v.value as any[]).map((x, i) => ({ value: x, line: itemLine(v, i), file: v.file, node: itemNode(v, i) }));
    });
    const scalar = (key: string): Located | undefined => [...layers].reverse().map(l => l.top[key]).find(v => v !== undefined);

    // repositories
    const repos = new Map<string, HelmfileRepository>();
    for (const r of listOf('repositories')) {
      const v = r.value;
      if (!isMap(v) || typeof v.name !== 'string' || typeof v.url !== 'string' || !v.name || !v.url) {
        fail(at(r), { rule: 'HELM-024', problem: 'a repository needs a name and a url', value: v, fix: 'write - name: jetstack\n  url: https://charts.jetstack.io' });
      }
      repos.delete(v.name);
      repos.set(v.name, { name: v.name, url: String(v.url).replace(/^oci:\/\//, '').replace(/\/+$/, ''), oci: v.oci === true || String(v.url).startsWith('oci://') || undefined });
    }
    this.repositories = [...repos.values()];

    // helmDefaults, commonLabels, templates, namespace override
    const defaults = mapOf('helmDefaults').value;
    const commonLabels = stringMap(mapOf('commonLabels'), 'commonLabels');
    const templates = mapOf('templates');
    const nsOverride = scalar('namespace');
    const kubeCtx = scalar('kubeContext') ?? scalar('context');
    if (kubeCtx) this.notes.push(`kube context \`${kubeCtx.value}\` is not used: each component deploys to the ApplicationSet's destination cluster`);
    const hooks = scalar('hooks');
    if (hooks) this.notes.push('global `hooks:` are not run by Argo CD: redo them as Argo CD resource hooks (PreSync/PostSync Jobs)');
    if (defaults.args !== undefined) this.notes.push(`helmDefaults.args ${JSON.stringify(defaults.args)} are not passed by Argo CD`);
    const droppedDefaults = DROPPED_KEYS.filter(k => defaults[k] !== undefined && defaults[k] !== false);
    if (droppedDefaults.length) {
      this.notes.push(`helmDefaults ${droppedDefaults.join(', ')}: Helm CLI settings without an Argo CD equivalent, dropped (Argo CD waits for resource health itself)`);
    }

    // environments
    const envs = mapOf('environments');
    this.environments = Object.keys(envs.value).map(name => {
      const e = envs.where[name];
      const spec = e.value ?? {};
      if (!isMap(spec)) fail(at(e), { rule: 'HELM-025', problem: `environment ${name} must be a mapping`, value: spec, fix: 'write values: [...] under it' });
      const files = (Array.isArray(spec.values) ? spec.values : []).filter((x: unknown) => typeof x === 'string') as string[];
      return { name, valueFiles: files.map(f => this.repoPath(f, path.dirname(e.file.abs), at(e))) };
    });
    if (this.environment !== 'default' && this.environments.length > 0 && !this.environments.some(e => e.name === this.environment)) {
      fail(this.path, {
        rule: 'HELM-026',
        problem: `environment "${this.environment}" is not defined in the Helmfile`,
        value: this.environments.map(e => e.name),
        fix: `read it with one of the defined environments, or add environments: { ${this.environment}: {} }`,
      });
    }
    const envValuesSource = () => {
      const sources: Located[] = [...listOf('values')];
      const e = envs.where[this.environment];
      if (e && isMap(e.value) && Array.isArray(e.value.values)) {
        const vNode = pairValue(e, 'values');
        (e.value.values as any[]).forEach((x, i) => {
          const line = vNode ? lineOfNode(e.file, (vNode as YAML.YAMLSeq).items[i] as YAML.Node) : e.line;
          sources.push({ value: x, line, file: e.file });
        });
      }
      if (e && isMap(e.value) && e.value.secrets !== undefined) {
        sources.push({ value: { __secrets: true }, line: keyLine(e, 'secrets'), file: e.file });
      }
      return sources;
    };

    // sub-helmfiles
    this.subHelmfiles = listOf('helmfiles').map(h => {
      const v = h.value;
      const p = typeof v === 'string' ? v : isMap(v) ? v.path : undefined;
      if (typeof p !== 'string' || !p) fail(at(h), { rule: 'HELM-027', problem: 'a helmfiles: entry needs a path', value: v, fix: 'write - path: helmfiles/infra.yaml' });
      if (/^[a-z0-9+]+::|^[a-z]+:\/\//i.test(p)) fail(at(h), { rule: 'HELM-028', problem: 'remote sub-helmfiles (go-getter URLs) are not read', value: p, fix: 'vendor the Helmfile into the repository' });
      const selectors = isMap(v) && Array.isArray(v.selectors) ? v.selectors.map(String) : [];
      if (isMap(v) && v.values !== undefined) {
        this.notes.push(`helmfiles entry ${p} passes values: they only feed Helmfile templates and conditions, which are read here from the sub-helmfile's own environments`);
      }
      return { path: p, selectors, line: h.line };
    });

    // releases
    const seenIds = new Map<string, number>();
    const releases: HelmfileRelease[] = [];
    for (const r of listOf('releases')) {
      const release = this.readRelease(r, { defaults, commonLabels, templates, nsOverride: nsOverride?.value, envValuesSource });
      const prev = seenIds.get(release.id);
      if (prev !== undefined) {
        fail(at(r), { rule: 'HELM-029', problem: `release ${release.id} is declared twice (first at line ${prev})`, value: release.id, fix: 'remove one, or give them different names or namespaces' });
      }
      seenIds.set(release.id, release.line);
      releases.push(release);
    }
    const selectors = options.selectors ?? [];
    for (const s of selectors) parseSelector(s, this.path);
    this.releases = selectors.length ? releases.filter(r => selectors.some(s => matchesSelector(r, parseSelector(s, this.path)))) : releases;
  }

  /** The release with this id (`namespace/name`) or name (when only one release has it). */
  public release(ref: string): HelmfileRelease | undefined {
    const byId = this.releases.find(r => r.id === ref);
    if (byId) return byId;
    const byName = this.releases.filter(r => r.name === ref);
    return byName.length === 1 ? byName[0] : undefined;
  }

  /**
   * Reads a plain YAML value file by its path in the values repository (as in `HelmfileRelease.valueFiles`).
   * Returns undefined when the file does not exist; fails on templates and non-mappings.
   */
  public readValueFile(repoPath: string): { [key: string]: any } | undefined {
    const abs = this.inside(repoPath, this.repoDir, repoPath);
    if (!fs.existsSync(abs)) return undefined;
    const text = fs.readFileSync(abs, 'utf8');
    const tpl = findTemplate(text);
    if (tpl) fail(`${repoPath}:${tpl.line}`, { rule: 'HELM-030', problem: 'the value file is a Go template; only plain YAML values can be read at synth', value: tpl.text, fix: 'use ValuesMode.REFERENCE for this release, or render the file' });
    let v: unknown;
    try {
      v = yamlLib().parse(text, { merge: true });
    } catch (e) {
      fail(repoPath, { rule: 'HELM-031', problem: `the value file is not valid YAML: ${(e as Error).message.split('\n')[0]}`, value: repoPath, fix: 'fix the YAML syntax' });
    }
    if (v === null || v === undefined) return {};
    if (!isMap(v)) fail(repoPath, { rule: 'HELM-032', problem: 'a value file must hold a mapping', value: repoPath, fix: 'write key: value pairs' });
    return v;
  }

  /**
   * `target` (relative to `dir`) resolved for reading, refused (HELM-301) when it, or a symbolic link on the way,
   * leads outside the values repository (`repoDir`): a Helmfile cannot make the library read any file on the disk.
   */
  private inside(target: string, dir: string, where: string): string {
    const r = resolveInside(this.repoDir, dir, target);
    if ('problem' in r) {
      fail(where, {
        rule: 'HELM-301',
        problem: `a file the Helmfile names ${r.problem.replace(/ outside .*$/, ' outside the values repository')}, so it is not read`,
        value: target,
        fix: `keep bases and value files inside the values repository (now ${toPosix(this.repoDir)}), or read the Helmfile with a repoDir that contains them`,
      });
    }
    return r.path;
  }

  private fileText(abs: string, text: string): FileText {
    const rel = toPosix(path.relative(this.repoDir, abs));
    return { display: rel && !rel.startsWith('..') ? rel : toPosix(abs), abs, text, lines: new (yamlLib().LineCounter)() };
  }

  /** A path written in a Helmfile (relative to `dir`) as a posix path relative to the values repository root. */
  private repoPath(p: string, dir: string, where: string): string {
    const abs = path.resolve(dir, p);
    const rel = toPosix(path.relative(this.repoDir, abs));
    if (rel === '' || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) {
      fail(where, {
        rule: 'HELM-033',
        problem: 'the path is outside the values repository, so Argo CD cannot read it from there',
        value: p,
        fix: `read the Helmfile with a repoDir that contains it (now ${toPosix(this.repoDir)}), or move the file into the repository`,
      });
    }
    return rel;
  }

  private readRelease(r: Located, ctx: {
    defaults: { [k: string]: any };
    commonLabels: { [k: string]: string };
    templates: { value: { [k: string]: any }; where: { [k: string]: Located } };
    nsOverride?: string;
    envValuesSource: () => Located[];
  }): HelmfileRelease {
    const where = at(r);
    if (!isMap(r.value)) fail(where, { rule: 'HELM-034', problem: 'a release must be a mapping', value: r.value, fix: 'write - name: x\n  chart: repo/x' });
    let spec: { [k: string]: any } = { ...r.value };
    const keyAt = (k: string) => at(r, keyLine(r, k));

    // inherit: [{ template, except }] (or the deprecated single mapping)
    if (spec.inherit !== undefined) {
      const list = Array.isArray(spec.inherit) ? spec.inherit : [spec.inherit];
      let base: { [k: string]: any } = {};
      for (const inh of list) {
        const name = isMap(inh) ? inh.template : undefined;
        const tpl = typeof name === 'string' ? ctx.templates.value[name] : undefined;
        if (!isMap(tpl)) {
          fail(keyAt('inherit'), { rule: 'HELM-035', problem: 'inherit names an unknown template', value: name, fix: `use one of the templates ${JSON.stringify(Object.keys(ctx.templates.value))}` });
        }
        const except: string[] = Array.isArray(inh.except) ? inh.except : [];
        for (const [k, v] of Object.entries(tpl)) if (!except.includes(k)) base[k] = v;
      }
      const { inherit: _drop, ...own } = spec;
      spec = { ...base, ...own };
    }

    const known = [...RELEASE_KEYS, ...RENDER_ONLY_KEYS, ...BLOCKING_KEYS, ...DROPPED_KEYS];
    const unknown = Object.keys(spec).filter(k => !known.includes(k));
    if (unknown.length) {
      fail(keyAt(unknown[0]), { rule: 'HELM-036', problem: 'unknown release key', value: unknown, fix: 'correct the spelling (Helmfile rejects unknown keys too)' });
    }
    if (typeof spec.name !== 'string' || !spec.name) fail(where, { rule: 'HELM-037', problem: 'a release needs a name', value: spec.name, fix: 'add name: <release>' });
    const name: string = spec.name;
    const namespace: string | undefined = ctx.nsOverride ?? (spec.namespace === undefined || spec.namespace === '' ? undefined : String(spec.namespace));
    const id = namespace ? `${namespace}/${name}` : name;
    const chartRef = spec.chart ?? spec.directory;
    if (typeof chartRef !== 'string' || !chartRef) fail(where, { rule: 'HELM-038', problem: `release ${id} needs a chart`, value: spec.chart, fix: 'add chart: <repo>/<chart> or chart: ./charts/<folder>' });

    const notes: string[] = [];
    const renderOnly: string[] = RENDER_ONLY_KEYS.filter(k => spec[k] !== undefined);
    const blocking: string[] = BLOCKING_KEYS.filter(k => spec[k] !== undefined && !(Array.isArray(spec[k]) && spec[k].length === 0));
    const dropped: string[] = DROPPED_KEYS.filter(k => spec[k] !== undefined);
    if (ctx.defaults.postRenderer !== undefined && spec.postRenderer === undefined) renderOnly.push('helmDefaults.postRenderer');

    const dir = path.dirname(r.file.abs);
    const chart = this.resolveChart(chartRef, dir, keyAt(spec.chart !== undefined ? 'chart' : 'directory'));
    if (spec.version !== undefined && typeof spec.version !== 'string' && typeof spec.version !== 'number') {
      fail(keyAt('version'), { rule: 'HELM-039', problem: 'version must be a string', value: spec.version, fix: "quote it: version: '1.2.3'" });
    }

    const missingHandler = spec.missingFileHandler ?? 'Error';
    const tolerant = TOLERANT_MISSING.includes(String(missingHandler));
    const valueFiles: string[] = [];
    let inline: { [k: string]: any } = {};
    let sawInline = false;
    if (spec.values !== undefined) {
      if (!Array.isArray(spec.values)) fail(keyAt('values'), { rule: 'HELM-040', problem: 'values must be a list of files or mappings', value: spec.values, fix: 'write values: [values/x.yaml, { key: value }]' });
      const vNode = pairValue(r, 'values') as YAML.YAMLSeq | undefined;
      (spec.values as any[]).forEach((v, i) => {
        const line = vNode?.items?.[i] ? lineOfNode(r.file, vNode.items[i] as YAML.Node) : keyLine(r, 'values');
        const vWhere = at(r, line);
        if (typeof v === 'string') {
          if (sawInline) notes.push(`value file ${v} came after inline values in the Helmfile; Argo CD applies inline values (valuesObject) over every value file`);
          if (/\.gotmpl$/.test(v)) renderOnly.push(`values ${v} (a Helmfile template)`);
          const rp = this.repoPath(v, dir, vWhere);
          if (this.checkFiles && !fs.existsSync(path.resolve(dir, v))) {
            if (!tolerant) fail(vWhere, { rule: 'HELM-041', problem: `value file of release ${id} does not exist`, value: v, fix: 'correct the path (relative to the Helmfile), or set missingFileHandler: Warn' });
            notes.push(`value file ${v} is missing (missingFileHandler: ${missingHandler}); the Application ignores missing value files`);
          }
          valueFiles.push(rp);
        } else if (isMap(v)) {
          sawInline = true;
          inline = deepMerge(inline, v);
        } else {
          fail(vWhere, { rule: 'HELM-042', problem: 'a values entry is a file path or a mapping', value: v, fix: 'write a path string or a mapping' });
        }
      });
    }

    const setValues: HelmfileSetValue[] = [];
    if (spec.set !== undefined) {
      if (!Array.isArray(spec.set)) fail(keyAt('set'), { rule: 'HELM-043', problem: 'set must be a list of { name, value }', value: spec.set, fix: 'write set: [{ name: image.tag, value: "1.2" }]' });
      const sNode = pairValue(r, 'set') as YAML.YAMLSeq | undefined;
      for (const [i, s] of (spec.set as any[]).entries()) {
        if (!isMap(s) || typeof s.name !== 'string') fail(keyAt('set'), { rule: 'HELM-044', problem: 'a set entry needs a name', value: s, fix: 'write { name: image.tag, value: "1.2" }' });
        if (s.file !== undefined) {
          renderOnly.push(`set ${s.name} from file ${s.file}`);
        } else if (Array.isArray(s.values)) {
          setValues.push({ name: s.name, value: `{${s.values.map(String).join(',')}}` });
        } else {
          const item: Located = { value: s, line: keyLine(r, 'set'), node: sNode?.items?.[i] as YAML.Node | undefined, file: r.file };
          setValues.push({ name: s.name, value: rawString(item, 'value', s.value) ?? '' });
        }
      }
    }

    const labels: { [k: string]: string } = { ...ctx.commonLabels };
    if (spec.labels !== undefined) {
      if (!isMap(spec.labels)) fail(keyAt('labels'), { rule: 'HELM-045', problem: 'labels must be a mapping', value: spec.labels, fix: 'write labels: { tier: infra }' });
      const lNode: Located = { value: spec.labels, line: keyLine(r, 'labels'), node: pairValue(r, 'labels'), file: r.file };
      for (const [k, v] of Object.entries(spec.labels)) labels[k] = rawString(lNode, k, v) ?? '';
    }

    let installed = true;
    if (spec.installed !== undefined) {
      if (typeof spec.installed !== 'boolean') fail(keyAt('installed'), { rule: 'HELM-046', problem: 'installed must be true or false', value: spec.installed, fix: 'write installed: false' });
      installed = spec.installed;
    }
    if (spec.condition !== undefined) {
      const cond = String(spec.condition);
      const value = lookup(this.environmentValues(ctx.envValuesSource, keyAt('condition')), cond);
      if (typeof value !== 'boolean') {
        fail(keyAt('condition'), {
          rule: 'HELM-047',
          problem: `condition ${cond} of release ${id} is not a boolean in the environment values of "${this.environment}"`,
          value,
          fix: `set ${cond}: true or false in the environment's values`,
        });
      }
      if (!value) {
        installed = false;
        notes.push(`condition ${cond} is false in environment ${this.environment}`);
      }
    }

    const needs: string[] = [];
    if (spec.needs !== undefined) {
      if (!Array.isArray(spec.needs)) fail(keyAt('needs'), { rule: 'HELM-048', problem: 'needs must be a list', value: spec.needs, fix: 'write needs: [namespace/release]' });
      for (const n of spec.needs as any[]) {
        if (typeof n !== 'string' || !n) fail(keyAt('needs'), { rule: 'HELM-049', problem: 'a needs entry is `name`, `namespace/name` or `kubecontext/namespace/name`', value: n, fix: 'write e.g. cert-manager/cert-manager' });
        const parts = n.split('/');
        const nName = parts[parts.length - 1];
        const nNs = parts.length > 1 ? parts[parts.length - 2] : namespace;
        if (parts.length > 2) notes.push(`needs ${n}: the kube context ${parts.slice(0, -2).join('/')} is ignored`);
        needs.push(nNs ? `${nNs}/${nName}` : nName);
      }
    }

    const createNamespace = spec.createNamespace ?? ctx.defaults.createNamespace ?? true;
    for (const k of ['createNamespace']) {
      if (spec[k] !== undefined && typeof spec[k] !== 'boolean') fail(keyAt(k), { rule: 'HELM-050', problem: `${k} must be true or false`, value: spec[k], fix: `write ${k}: false` });
    }
    if (chart.kind === HelmfileChartKind.REPOSITORY || chart.kind === HelmfileChartKind.OCI) {
      if (spec.devel === true) notes.push('devel: true (pre-release chart versions) is dropped: pin the version');
    }

    return {
      name,
      namespace,
      id,
      chartRef,
      chart,
      version: rawString(r, 'version', spec.version),
      valueFiles,
      inlineValues: inline,
      setValues,
      labels: sortKeys(labels),
      installed,
      needs,
      createNamespace: createNamespace !== false,
      ignoreMissingValueFiles: tolerant && spec.values !== undefined,
      apiVersions: Array.isArray(spec.apiVersions) ? spec.apiVersions.map(String) : [],
      kubeVersion: spec.kubeVersion === undefined ? undefined : String(spec.kubeVersion),
      renderOnlyFeatures: [...new Set(renderOnly)],
      blockingFeatures: blocking,
      droppedSettings: [...new Set(dropped)],
      notes,
      helmfile: r.file.display,
      line: r.line,
    };
  }

  private resolveChart(ref: string, dir: string, where: string): HelmfileChart {
    if (ref.startsWith('oci://')) {
      const rest = ref.slice('oci://'.length).replace(/\/+$/, '');
      const slash = rest.lastIndexOf('/');
      if (slash <= 0) fail(where, { rule: 'HELM-051', problem: 'an OCI chart reference needs a registry path and a chart name', value: ref, fix: 'write oci://registry.example.com/charts/name' });
      return { kind: HelmfileChartKind.OCI, repoUrl: rest.slice(0, slash), name: rest.slice(slash + 1) };
    }
    if (/^[a-z0-9+]+::|^[a-z]+:\/\//i.test(ref)) {
      fail(where, { rule: 'HELM-052', problem: 'charts fetched by go-getter URLs are not supported', value: ref, fix: 'publish the chart to a Helm repository, or vendor it into the repository as a local chart' });
    }
    const local = () => {
      const abs = path.resolve(dir, ref);
      if (this.checkFiles && !fs.existsSync(abs)) {
        fail(where, { rule: 'HELM-053', problem: 'the local chart folder does not exist', value: ref, fix: 'correct the path (relative to the Helmfile), or declare the repository it comes from' });
      }
      return { kind: HelmfileChartKind.LOCAL, path: this.repoPath(ref, dir, where) };
    };
    if (ref.startsWith('./') || ref.startsWith('../') || ref.startsWith('/') || ref === '.') return local();
    const slash = ref.indexOf('/');
    const repoName = slash > 0 ? ref.slice(0, slash) : undefined;
    const repo = this.repositories.find(r => r.name === repoName);
    if (repo && slash > 0) {
      const chartName = ref.slice(slash + 1);
      return { kind: repo.oci ? HelmfileChartKind.OCI : HelmfileChartKind.REPOSITORY, repoUrl: repo.url, name: chartName };
    }
    if (fs.existsSync(path.resolve(dir, ref))) return local();
    return fail(where, {
      rule: 'HELM-054',
      problem: repoName ? `the chart's repository "${repoName}" is not declared in repositories:` : 'the chart is neither <repository>/<chart> nor a local folder',
      value: { chart: ref, repositories: this.repositories.map(r => r.name) },
      fix: repoName ? `add repositories: [{ name: ${repoName}, url: <chart repository URL> }]` : 'write chart: <repository>/<chart>, or ./<folder> for a local chart',
    });
  }

  /** The environment values (`values:` + `environments.<env>.values`), read once, plain YAML files only. */
  private environmentValues(sources: () => Located[], where: string): { [key: string]: any } {
    if (this.envValues) return this.envValues;
    let merged: { [k: string]: any } = {};
    for (const s of sources()) {
      const w = at(s);
      if (isMap(s.value) && s.value.__secrets) {
        fail(where, { rule: 'HELM-055', problem: `the condition needs the values of environment "${this.environment}", which has secrets:, and encrypted files cannot be read here`, value: this.environment, fix: 'move the condition flag into a plain values file of the environment' });
      }
      if (typeof s.value === 'string') {
        if (!/\.ya?ml$/.test(s.value)) {
          fail(w, { rule: 'HELM-056', problem: 'only plain YAML environment value files can be read (a condition needs them)', value: s.value, fix: 'use a .yaml file, or replace the condition with installed: true|false' });
        }
        const abs = this.inside(s.value, path.dirname(s.file.abs), w);
        if (!fs.existsSync(abs)) fail(w, { rule: 'HELM-057', problem: 'the environment value file does not exist', value: s.value, fix: 'correct the path (relative to the Helmfile)' });
        const text = fs.readFileSync(abs, 'utf8');
        const tpl = findTemplate(text);
        if (tpl) fail(`${s.value}:${tpl.line}`, { rule: 'HELM-058', problem: 'the environment value file is a Go template', value: tpl.text, fix: 'use plain YAML values' });
        const v = yamlLib().parse(text) ?? {};
        if (!isMap(v)) fail(w, { rule: 'HELM-059', problem: 'an environment value file must hold a mapping', value: s.value, fix: 'write key: value pairs' });
        merged = deepMerge(merged, v);
      } else if (isMap(s.value)) {
        merged = deepMerge(merged, s.value);
      } else {
        fail(w, { rule: 'HELM-060', problem: 'an environment values entry is a file path or a mapping', value: s.value, fix: 'write a path or a mapping' });
      }
    }
    this.envValues = merged;
    return merged;
  }
}

// ---------------------------------------------------------------------------------------------------------

/** The first `{{` of a text, with its line (1-based) and the line's text. */
function findTemplate(text: string): { line: number; text: string } | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes('{{')) return { line: i + 1, text: lines[i].trim() };
  }
  return undefined;
}

function parseLayers(text: string, file: FileText): Layer[] {
  const tpl = findTemplate(text);
  if (tpl) {
    fail(`${file.display}:${tpl.line}`, {
      rule: 'HELM-061',
      problem: 'the Helmfile is a Go template ({{ ... }}); only plain YAML Helmfiles can be read, and reading around the template would give a partial result',
      value: tpl.text,
      fix: `render it first (helmfile -f ${file.display} -e <env> build prints the rendered state; save its releases as a plain Helmfile), or replace the template expression with its value`,
    });
  }
  const docs = yamlLib().parseAllDocuments(text, { lineCounter: file.lines, merge: true, uniqueKeys: true });
  const out: Layer[] = [];
  for (const doc of (Array.isArray(docs) ? docs : [docs]) as YAML.Document.Parsed[]) {
    const err = doc.errors[0];
    if (err) {
      const line = err.linePos?.[0]?.line ?? 1;
      fail(`${file.display}:${line}`, { rule: 'HELM-062', problem: `the Helmfile is not valid YAML: ${err.message.split('\n')[0]}`, value: text.split(/\r?\n/)[line - 1]?.trim(), fix: 'fix the YAML syntax' });
    }
    const contents = doc.contents;
    if (contents === null || (yamlLib().isScalar(contents) && (contents.value === null || contents.value === undefined))) continue;
    if (!yamlLib().isMap(contents)) {
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 1000 });
      } catch {
        value = String(contents); // e.g. an alias to an anchor that does not exist
      }
      fail(`${file.display}:${lineOfNode(file, contents)}`, { rule: 'HELM-063', problem: 'a Helmfile (part) must be a YAML mapping', value, fix: 'start with repositories:, releases: ...' });
    }
    let js: any;
    try {
      js = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      fail(`${file.display}:${lineOfNode(file, contents)}`, { rule: 'HELM-064', problem: `the Helmfile cannot be read: ${(e as Error).message}`, value: undefined, fix: 'fix the anchors and aliases' });
    }
    const top: { [k: string]: Located } = {};
    for (const pair of contents.items) {
      const key = yamlLib().isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (key === '<<') continue;
      top[key] = { value: js[key], line: lineOfNode(file, pair.key as YAML.Node), node: pair.value as YAML.Node, file };
    }
    for (const key of Object.keys(js)) {
      if (!(key in top)) top[key] = { value: js[key], line: lineOfNode(file, contents), file };
    }
    out.push({ file, top, doc });
  }
  return out;
}

/**
 * The text of a scalar as written when YAML typed it as a number or boolean: Helmfile reads these fields as strings
 * (`version: 1.10` is "1.10", not 1.1).
 */
function rawString(l: Located, key: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  const n = pairValue(l, key);
  if (n && yamlLib().isScalar(n) && n.range) return l.file.text.slice(n.range[0], n.range[1]).trim().replace(/^['"]|['"]$/g, '');
  return String(value);
}

function lineOfNode(file: FileText, node: YAML.Node | null | undefined): number {
  const offset = node?.range?.[0];
  return offset === undefined ? 1 : file.lines.linePos(offset).line;
}

function at(l: Located, line?: number): string {
  return `${l.file.display}:${line ?? l.line}`;
}

function pairValue(l: Located, key: string): YAML.Node | undefined {
  const n = l.node;
  if (!n || !yamlLib().isMap(n)) return undefined;
  const pair = n.items.find(p => yamlLib().isScalar(p.key) && String(p.key.value) === key);
  return (pair?.value ?? undefined) as YAML.Node | undefined;
}

function keyLine(l: Located, key: string): number {
  const n = l.node;
  if (!n || !yamlLib().isMap(n)) return l.line;
  const pair = n.items.find(p => yamlLib().isScalar(p.key) && String(p.key.value) === key);
  return pair ? lineOfNode(l.file, pair.key as YAML.Node) : l.line;
}

function itemNode(l: Located, i: number): YAML.Node | undefined {
  const n = l.node;
  return n && yamlLib().isSeq(n) ? (n.items[i] as YAML.Node) : undefined;
}

function itemLine(l: Located, i: number): number {
  const item = itemNode(l, i);
  return item ? lineOfNode(l.file, item) : l.line;
}

function stringMap(m: { value: { [k: string]: any }; where: { [k: string]: Located } }, what: string): { [k: string]: string } {
  const out: { [k: string]: string } = {};
  for (const [k, v] of Object.entries(m.value)) {
    if (isMap(v) || Array.isArray(v)) fail(at(m.where[k]), { rule: 'HELM-065', problem: `${what} values must be strings`, value: v, fix: `write ${k}: <string>` });
    out[k] = String(v);
  }
  return out;
}

function sortKeys<T>(m: { [k: string]: T }): { [k: string]: T } {
  const out: { [k: string]: T } = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}

function lookup(values: { [k: string]: any }, dotted: string): unknown {
  let cur: any = values;
  for (const part of dotted.split('.')) {
    if (!isMap(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

interface Selector {
  readonly key: string;
  readonly value: string;
  readonly negate: boolean;
}

/** `key=value,key2!=value2` (Helmfile's `-l` syntax). */
function parseSelector(s: string, where: string): Selector[] {
  return s.split(',').map(term => {
    const m = /^([A-Za-z0-9_./-]+)(!=|=)(.*)$/.exec(term.trim());
    if (!m) fail(where, { rule: 'HELM-066', problem: 'a selector is key=value or key!=value, comma-separated', value: s, fix: 'write e.g. tier=infra,name!=legacy' });
    return { key: m[1], value: m[3], negate: m[2] === '!=' };
  });
}

function matchesSelector(r: HelmfileRelease, terms: Selector[]): boolean {
  const labels: { [k: string]: string } = { ...r.labels, name: r.name, namespace: r.namespace ?? '', chart: r.chartRef };
  return terms.every(t => (labels[t.key] === t.value) !== t.negate);
}

/** Files matching a relative path with `*` / `?` wildcards in any segment, sorted. */
function expandGlob(dir: string, pattern: string): string[] {
  if (!/[*?[]/.test(pattern)) {
    const abs = path.resolve(dir, pattern);
    return fs.existsSync(abs) ? [abs] : [];
  }
  const segments = pattern.split('/');
  let current = [path.isAbsolute(pattern) ? '/' : dir];
  for (const seg of segments) {
    if (seg === '' || seg === '.') continue;
    const next: string[] = [];
    for (const base of current) {
      if (!/[*?[]/.test(seg)) {
        const p = path.join(base, seg);
        if (fs.existsSync(p)) next.push(p);
        continue;
      }
      if (!fs.existsSync(base) || !fs.statSync(base).isDirectory()) continue;
      const re = new RegExp('^' + seg.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
      for (const e of fs.readdirSync(base).sort()) if (re.test(e)) next.push(path.join(base, e));
    }
    current = next;
  }
  return current.filter(p => fs.statSync(p).isFile());
}
