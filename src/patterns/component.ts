import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { yamlLib, argoApplicationBindings } from '../app/lazy-modules';
import type { IAppProject } from '../argocd/app-project';
import { ApplicationSource } from '../argocd/application-source';
import { FieldShape, SOURCE_FIELDS, sourceFieldPaths, sourceOptionsFromArgo } from '../argocd/source-fields';
import { ProjectRules, resolveProjectName } from '../argocd/spec-render';
import { renderSyncOptions, SyncOption, SyncOptionScope } from '../argocd/sync-option';
import { describeProblem, errorDetail, fail, failWith } from '../checks/errors';
import { isDns1123Label, validateAppName } from '../checks/names';
import { compareCodeUnits } from '../checks/order';
import { resolveInside } from '../checks/paths';
import { goYamlText } from '../output/go-yaml';

/** The file name of an enabled component. */
const ENABLED_FILE = 'component.yaml';
/** The file name of a disabled component (the git files generator does not read it). */
const DISABLED_FILE = 'component.disabled.yaml';

/**
 * A component of a `TieredApplicationSet`: one Application, described by a small metadata file
 * (`component.yaml`) that the ApplicationSet's git files generator reads.
 *
 * ```yaml
 * name: cert-manager        # Application name (DNS-1123 label)
 * tier: infra               # a tier of the TieredApplicationSet
 * wave: "-10"               # order inside the tier (an integer, negative first; default 0)
 * project: platform         # AppProject
 * namespace: cert-manager   # destination namespace
 * syncOptions: [CreateNamespace=true]
 * source:                   # an Argo CD source: repoURL + chart/path + targetRevision (+ helm, kustomize...)
 *   repoURL: https://charts.jetstack.io
 *   chart: cert-manager
 *   targetRevision: v1.16.2
 * ```
 * or, multi-source (the chart plus a values repository as a `ref` source read as `$values/...`):
 * ```yaml
 * sources:
 *   - repoURL: https://charts.jetstack.io
 *     chart: cert-manager
 *     targetRevision: v1.16.2
 *     helm: { valueFiles: [$values/shared/cert-manager.yaml, $values/prod/cert-manager.yaml] }
 *   - repoURL: https://git.example.com/values.git
 *     targetRevision: main
 *     ref: values
 * ```
 * A file named `component.disabled.yaml` is a disabled component.
 */
export interface ComponentProps {
  /** Component and Application name (DNS-1123 label). */
  readonly name: string;
  /** The tier it belongs to (a tier of the TieredApplicationSet). */
  readonly tier: string;
  /**
   * Order inside the tier: lower waves sync (and become healthy) first. Any integer, negative ones first, as
   * with Argo CD sync waves (e.g. -10 for CRDs, -5 for operators, 0 for the rest). In the wave label a
   * negative wave is written `m<n>` (`-10` → `m10`): a label value cannot start with `-`.
   * @default 0
   */
  readonly wave?: number;
  /**
   * AppProject of the Application, by name. Give `project` or `appProject`.
   * @default - the name of `appProject`
   */
  readonly project?: string;
  /**
   * AppProject of the Application, typed (an AppProject of this app, or `AppProject.fromProjectName`); the
   * component file holds its name. Give `project` or `appProject`.
   * @default - `project`
   */
  readonly appProject?: IAppProject;
  /** Destination namespace (DNS-1123 label). */
  readonly namespace: string;
  /**
   * Where its manifests come from (any `ApplicationSource`, e.g. `helm()`, `helmChart()`, `fromChart()`).
   * Give `source` or `sources`.
   * @default - none; give sources
   */
  readonly source?: ApplicationSource;
  /**
   * Several sources (a multi-source Application), e.g. a Helm chart whose value files read
   * `$values/...` from an `ApplicationSource.ref({ ref: 'values', ... })` source. Checked as for an
   * Application: every `$<ref>/` value file needs a source with that ref, refs are unique, at least one
   * source is not a ref-only source.
   * @default - none; give source
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/multiple_sources/
   */
  readonly sources?: ApplicationSource[];
  /**
   * Sync options of this component (added to the TieredApplicationSet's common ones).
   * @default - none
   */
  readonly syncOptions?: SyncOption[];
  /**
   * Disabled: written as `component.disabled.yaml`, which the generator does not read.
   * @default false
   */
  readonly disabled?: boolean;
}

/** Options for `Component.fromYaml`. */
export interface ComponentReadOptions {
  /**
   * The component is disabled (it was read from `component.disabled.yaml`).
   * @default false
   */
  readonly disabled?: boolean;
  /**
   * Where the text comes from, for messages.
   * @default 'component.yaml'
   */
  readonly origin?: string;
}

/** The project / appProject check of the Application spec (src/argocd/spec-render.ts), with this family's rule ids. */
const COMPONENT_PROJECT_RULES: ProjectRules = {
  what: 'component', prefix: 'component ', templated: false, projectMissing: 'TIER-110', projectMismatch: 'TIER-111',
};

const KNOWN_KEYS = ['name', 'tier', 'wave', 'project', 'namespace', 'syncOptions', 'source', 'sources', 'disabled'];

/**
 * A component (`component.yaml`): read one with `fromFile` / `fromYaml`, all of a folder with
 * `fromDirectory`, or build one in code.
 */
export class Component {
  /** The file name of an enabled component, `component.yaml`. */
  public static readonly FILE_NAME = ENABLED_FILE;
  /** The file name of a disabled component, `component.disabled.yaml`. */
  public static readonly DISABLED_FILE_NAME = DISABLED_FILE;

  /** Parses the text of a `component.yaml`. */
  public static fromYaml(text: string, options: ComponentReadOptions = {}): Component {
    const origin = options.origin ?? ENABLED_FILE;
    if (typeof text !== 'string') {
      fail(origin, { rule: 'TIER-001', problem: 'the component file text must be a string', value: text, fix: 'pass the file content, e.g. fs.readFileSync(path, \'utf8\'), or use Component.fromFile' });
    }
    let doc: any;
    try {
      doc = yamlLib().parse(text);
    } catch (e) {
      return fail(origin, { rule: 'TIER-002', problem: `not valid YAML: ${(e as Error).message.split('\n')[0]}`, value: text.slice(0, 80), fix: 'fix the YAML syntax' });
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      fail(origin, { rule: 'TIER-003', problem: 'a component file must be a YAML mapping', value: doc, fix: 'write name, tier, project, namespace and source keys' });
    }
    const unknown = Object.keys(doc).filter(k => !KNOWN_KEYS.includes(k));
    if (unknown.length) {
      fail(origin, { rule: 'TIER-004', problem: 'unknown keys in a component file', value: unknown, fix: `use only ${KNOWN_KEYS.join(', ')}` });
    }
    for (const k of ['name', 'tier', 'project', 'namespace']) {
      if (typeof doc[k] !== 'string' || doc[k] === '') {
        fail(origin, { rule: 'TIER-005', problem: `a component file needs a string ${k}`, value: doc[k], fix: `add ${k}: <value>` });
      }
    }
    let wave: number | undefined;
    if (doc.wave !== undefined) {
      wave = typeof doc.wave === 'string' && /^-?[0-9]+$/.test(doc.wave) ? Number(doc.wave) : doc.wave;
    }
    if (doc.syncOptions !== undefined && (!Array.isArray(doc.syncOptions) || doc.syncOptions.some((o: unknown) => typeof o !== 'string'))) {
      fail(origin, { rule: 'TIER-006', problem: 'syncOptions must be a list of Key=value strings', value: doc.syncOptions, fix: 'write e.g. syncOptions: [CreateNamespace=true]' });
    }
    if (doc.source !== undefined && doc.sources !== undefined) {
      fail(origin, { rule: 'TIER-101', problem: 'a component file has source or sources, not both (Argo CD ignores source when sources is set)', value: { source: doc.source, sources: doc.sources }, fix: 'put every source in sources' });
    }
    if (doc.sources !== undefined) {
      if (!Array.isArray(doc.sources) || doc.sources.length === 0 || doc.sources.some((x: unknown) => x === null || typeof x !== 'object' || Array.isArray(x))) {
        fail(origin, { rule: 'TIER-102', problem: 'sources must be a non-empty list of source mappings', value: doc.sources, fix: 'write sources: [{ repoURL, chart, targetRevision, helm: { valueFiles: [$values/...] } }, { repoURL, targetRevision, ref: values }]' });
      }
    } else if (doc.source === null || typeof doc.source !== 'object' || Array.isArray(doc.source)) {
      fail(origin, { rule: 'TIER-007', problem: 'a component file needs a source mapping (or a sources list)', value: doc.source, fix: 'add source: { repoURL, chart or path, targetRevision }' });
    }
    const wrap = <T>(what: string, f: () => T): T => {
      try {
        return f();
      } catch (e) {
        // the wrapped message already names the value and the fix
        return failWith(origin, `${what}: ${errorDetail(e)}`);
      }
    };
    return new Component({
      name: doc.name,
      tier: doc.tier,
      wave,
      project: doc.project,
      namespace: doc.namespace,
      syncOptions: wrap('syncOptions', () => (doc.syncOptions ?? []).map((o: string) => SyncOption.of(o))),
      source: doc.source === undefined ? undefined : wrap('source', () => sourceFromArgo(doc.source, false)),
      sources: doc.sources === undefined ? undefined
        : (doc.sources as any[]).map((x, i) => wrap(`sources[${i}]`, () => sourceFromArgo(x, true))),
      disabled: options.disabled ?? doc.disabled === true,
    }, origin);
  }

  /** Reads a `component.yaml` (or `component.disabled.yaml`, which gives a disabled component). */
  public static fromFile(filePath: string): Component {
    const base = path.basename(filePath);
    if (base !== ENABLED_FILE && base !== DISABLED_FILE) {
      fail(filePath, { rule: 'TIER-008', problem: `a component file is named ${ENABLED_FILE} or ${DISABLED_FILE}`, value: base, fix: `rename it to ${ENABLED_FILE}` });
    }
    if (!fs.existsSync(filePath)) {
      fail(filePath, { rule: 'TIER-009', problem: 'the component file does not exist', value: path.resolve(filePath), fix: 'check the path' });
    }
    return Component.fromYaml(fs.readFileSync(filePath, 'utf8'), { disabled: base === DISABLED_FILE, origin: filePath });
  }

  /**
   * Reads every `component.yaml` and `component.disabled.yaml` below a folder (recursively), sorted by path.
   * Fails if the folder has none.
   */
  public static fromDirectory(dir: string): Component[] {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      fail(dir, { rule: 'TIER-010', problem: 'the components folder does not exist', value: path.resolve(dir), fix: 'pass the folder that holds the component.yaml files' });
    }
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => compareCodeUnits(a.name, b.name))) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name === ENABLED_FILE || e.name === DISABLED_FILE) files.push(componentFileInside(dir, full));
      }
    };
    walk(dir);
    if (files.length === 0) {
      fail(dir, { rule: 'TIER-011', problem: `no ${ENABLED_FILE} in the folder`, value: path.resolve(dir), fix: `add <tier>/<name>/${ENABLED_FILE} files` });
    }
    return files.map(f => Component.fromFile(f));
  }

  /** Name. */
  public readonly name: string;
  /** Tier. */
  public readonly tier: string;
  /** Wave inside the tier. */
  public readonly wave: number;
  /** AppProject. */
  public readonly project: string;
  /** Destination namespace. */
  public readonly namespace: string;
  /** The source, or with `sources` the first one that is not ref-only (the one with the manifests). */
  public readonly source: ApplicationSource;
  /** Whether it has `sources` (a multi-source Application). */
  public readonly multiSource: boolean;
  /** Whether it is disabled. */
  public readonly disabled: boolean;
  /** Where it was read from (or `code`). */
  public readonly origin: string;
  private readonly options: SyncOption[];
  private readonly _sources: ApplicationSource[];

  public constructor(props: ComponentProps, origin?: string) {
    this.origin = origin ?? 'code';
    const where = origin ?? `component ${props.name}`;
    const nameProblem = validateAppName(props.name ?? '');
    if (nameProblem || !isDns1123Label(props.name)) {
      fail(where, { rule: 'TIER-012', problem: `component name: ${nameProblem ?? 'must be a DNS-1123 label (it is a folder name and the Application name)'}`, value: props.name, fix: 'use lowercase letters, digits and "-", e.g. "cert-manager"' });
    }
    if (!isDns1123Label(props.tier ?? '')) {
      fail(where, { rule: 'TIER-013', problem: 'a component tier must be a DNS-1123 label (it is a folder name and a label value)', value: props.tier, fix: "use e.g. 'infra'" });
    }
    const wave = props.wave ?? 0;
    if (typeof wave !== 'number' || !Number.isSafeInteger(wave)) {
      fail(where, {
        rule: 'TIER-014',
        problem: 'a component wave must be an integer (Argo CD parses sync waves as integers; negative ones come first)',
        value: props.wave,
        fix: 'use e.g. -10 for CRDs, -5 for operators, 0 for the rest',
      });
    }
    const project = resolveProjectName(where, props, COMPONENT_PROJECT_RULES);
    const projectProblem = validateAppName(project);
    if (projectProblem) fail(where, { rule: 'TIER-015', problem: `component project: ${projectProblem}`, value: project, fix: "use an AppProject name, e.g. 'platform'" });
    if (!isDns1123Label(props.namespace ?? '')) {
      fail(where, { rule: 'TIER-016', problem: 'a component namespace must be a DNS-1123 label', value: props.namespace, fix: "use lowercase letters, digits and '-'" });
    }
    if (props.source !== undefined && props.sources !== undefined) {
      fail(where, { rule: 'TIER-101', problem: 'a component has source or sources, not both (Argo CD ignores source when sources is set)', value: { source: 1, sources: props.sources.length }, fix: 'put every source in sources' });
    }
    if (props.sources !== undefined) {
      if (!Array.isArray(props.sources) || props.sources.length === 0 || props.sources.some(s => !(s instanceof ApplicationSource))) {
        fail(where, { rule: 'TIER-102', problem: 'sources must be a non-empty list of ApplicationSource', value: props.sources, fix: 'pass sources: [ApplicationSource.helm(...), ApplicationSource.ref({ repoUrl, ref: \'values\' })]' });
      }
      const problems = checkSourceRefs(props.sources);
      if (problems.length) failWith(where, problems.join('; '));
    } else {
      if (!(props.source instanceof ApplicationSource)) {
        fail(where, { rule: 'TIER-017', problem: 'a component needs a source', value: props.source, fix: 'pass source: ApplicationSource.helm(...) (or helmChart, kustomize, directory, fromChart), or sources for a multi-source component' });
      }
      if (props.source.options.ref !== undefined) {
        fail(where, { rule: 'TIER-018', problem: 'a single-source component cannot have a ref source (a ref source only serves value files to other sources)', value: props.source.options.ref, fix: 'use a chart or path source, or sources: [chartSource, ApplicationSource.ref(...)]' });
      }
      const reads = props.source.referencedRefs;
      if (reads.length) {
        fail(where, { rule: 'TIER-103', problem: `its value files read $${reads[0]}/..., which needs a multi-source component with a ref source`, value: props.source.options.helm?.valueFiles, fix: `use sources: [chartSource, ApplicationSource.ref({ repoUrl, ref: '${reads[0]}' })]` });
      }
    }
    this.options = [...props.syncOptions ?? []];
    renderSyncOptions(this.options, SyncOptionScope.APPLICATION, where);
    this.name = props.name;
    this.tier = props.tier;
    this.wave = wave;
    this.project = project;
    this.namespace = props.namespace;
    this._sources = props.sources ? [...props.sources] : [props.source!];
    this.multiSource = props.sources !== undefined;
    this.source = this._sources.find(x => !x.isRefOnly)!;
    this.disabled = props.disabled ?? false;
  }

  /** Its sources, in order (one for a single-source component). */
  public get sources(): ApplicationSource[] {
    return [...this._sources];
  }

  /** The value of the wave label: the wave, negative ones as `m<n>` (a label value cannot start with `-`). */
  public get waveLabel(): string {
    return waveLabelValue(this.wave);
  }

  /** The sync options, rendered (`Key=value`). */
  public get syncOptions(): string[] {
    return this.options.map(o => o.toString());
  }

  /** The file name: `component.yaml`, or `component.disabled.yaml` when disabled. */
  public get fileName(): string {
    return this.disabled ? DISABLED_FILE : ENABLED_FILE;
  }

  /**
   * The content of the component file (what the git files generator reads), in a fixed key order.
   * @param scope a construct of the app (renders `fromChart` sources)
   */
  public toParameters(scope: IConstruct): { [key: string]: any } {
    const render = (s: ApplicationSource) => JSON.parse(JSON.stringify(argoApplicationBindings().toJson_ApplicationSpecSource(s._toArgo(scope))));
    return {
      name: this.name,
      tier: this.tier,
      wave: String(this.wave),
      project: this.project,
      namespace: this.namespace,
      syncOptions: this.syncOptions,
      ...this.multiSource ? { sources: this._sources.map(render) } : { source: render(this.source) },
    };
  }

  /**
   * The text of the component file.
   * @param scope a construct of the app (renders `fromChart` sources)
   * @param header a comment written at the top
   */
  public toYaml(scope: IConstruct, header?: string): string {
    const params = this.toParameters(scope);
    const body = goYamlText(params);
    const comment = header ? header.split('\n').map(l => `# ${l}`.trimEnd()).join('\n') + '\n' : '';
    return comment + body;
  }
}

/** The wave label value of a wave: the number, negative ones as `m<n>` (label values start alphanumeric). */
export function waveLabelValue(wave: number): string {
  return wave < 0 ? `m${-wave}` : String(wave);
}

/**
 * Problems with the refs of a multi-source component, worded as for an Application: `$<ref>/` value files
 * without a source of that ref, a ref used twice, no source with manifests.
 */
export function checkSourceRefs(sources: ApplicationSource[]): string[] {
  const errors: string[] = [];
  const refs = sources.map(s => s.options.ref).filter((r): r is string => r !== undefined);
  for (const s of sources) {
    for (const r of s.referencedRefs) {
      if (!refs.includes(r)) {
        errors.push(describeProblem({
          rule: 'TIER-104',
          problem: `a value file reads $${r}/..., but no source has ref: '${r}'`,
          value: { refs: [...refs].sort(), valueFiles: s.options.helm?.valueFiles },
          fix: `add ApplicationSource.ref({ repoUrl, ref: '${r}' }) (in component.yaml: { repoURL, targetRevision, ref: ${r} }) to sources, or correct the value file path`,
        }));
      }
    }
  }
  const dup = refs.filter((r, i) => refs.indexOf(r) !== i);
  if (dup.length) errors.push(describeProblem({ rule: 'TIER-105', problem: 'two sources have the same ref', value: dup[0], fix: 'give each ref source its own name' }));
  if (sources.every(s => s.isRefOnly)) {
    errors.push(describeProblem({ rule: 'TIER-106', problem: 'every source is a ref-only source, so the component deploys nothing', value: refs, fix: 'add the chart or path source whose value files read $<ref>/...' }));
  }
  return errors;
}

/** The top-level keys of a source mapping (from the source field table). */
const SOURCE_KEYS = SOURCE_FIELDS.map(x => x.argo);

/**
 * Reads an Argo CD source mapping (`repoURL`, `chart`, `helm`...) into an ApplicationSource: the inverse of
 * `ApplicationSource._toArgo`, through the same field table (src/argocd/source-fields.ts).
 */
function sourceFromArgo(s: any, inSources: boolean): ApplicationSource {
  const allowed = SOURCE_KEYS.filter(k => inSources || k !== 'ref');
  const unknown = Object.keys(s).filter(k => !allowed.includes(k));
  if (unknown.length) {
    throw new Error(describeProblem({
      rule: 'TIER-019',
      problem: 'unknown source keys',
      value: unknown,
      fix: `use ${allowed.join(', ')} (repoURL is spelled with capital URL)${!inSources && unknown.includes('ref') ? '; a ref source goes in a sources list' : ''}`,
    }));
  }
  checkSourceShape(s);
  const options = sourceOptionsFromArgo(s);
  if (options.chart !== undefined && !options.targetRevision) {
    throw new Error(describeProblem({ rule: 'TIER-020', problem: 'a Helm repository chart needs a version (targetRevision)', value: { chart: options.chart }, fix: "add targetRevision: '1.2.3'" }));
  }
  return ApplicationSource.of(options);
}

/** The type each field of a component's source must have (what the Argo CD source schema says), from the field table. */
const SOURCE_SHAPE: ReadonlyArray<readonly [string, FieldShape]> = sourceFieldPaths().map(p => [p.path, p.shape] as const);

/** Throws (message with value and fix) when a field of a component's source has the wrong type. */
function checkSourceShape(s: any): void {
  const isMapping = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const ok: { [type: string]: (v: unknown) => boolean } = {
    'string': v => typeof v === 'string',
    'boolean': v => typeof v === 'boolean',
    'mapping': isMapping,
    'string list': v => Array.isArray(v) && v.every(x => typeof x === 'string'),
    'mapping list': v => Array.isArray(v) && v.every(isMapping),
    'string mapping': v => isMapping(v) && Object.values(v as object).every(x => typeof x === 'string'),
  };
  for (const [field, type] of SOURCE_SHAPE) {
    let v: any = s;
    for (const k of field.split('.')) v = isMapping(v) ? v[k] : undefined;
    if (v !== undefined && !ok[type](v)) {
      throw new Error(describeProblem({ rule: 'TIER-021', problem: `source.${field} must be a ${type}`, value: v, fix: `write source.${field} as a ${type}, as in an Argo CD Application source` }));
    }
  }
  for (const e of isMapping(s.plugin) ? s.plugin.env ?? [] : []) {
    if (typeof e.name !== 'string' || typeof e.value !== 'string') {
      throw new Error(describeProblem({ rule: 'TIER-022', problem: 'each source.plugin.env entry needs a string name and value', value: e, fix: 'write env: [{ name: FOO, value: bar }]' }));
    }
  }
}

/** A component file found below `dir`, refused (TIER-301) when it is a symbolic link leading out of that folder. */
function componentFileInside(dir: string, full: string): string {
  // `full` is already below `dir` (joined with it): resolve it on its own, not against `dir` again
  const r = resolveInside(dir, dir, path.resolve(full));
  if ('problem' in r) {
    fail(full, {
      rule: 'TIER-301',
      problem: `a component file below the components folder ${r.problem.replace(/ outside .*$/, ' outside that folder')}, so it is not read`,
      value: full,
      fix: 'copy the component file into the components folder instead of linking to a file elsewhere',
    });
  }
  return full;
}
