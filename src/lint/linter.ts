/**
 * `cdk8s-gitops lint`: the library's rules applied to Argo CD YAML it did not write.
 *
 * Each document is mapped onto the model the library's checks work on (Application destination/sources/project/
 * sync options, ApplicationSet generators, template and RollingSync steps, AppProject permission lists, the
 * argocd-cm / argocd-cmd-params-cm / ArgoCD CR settings), validated against its CRD schema, and checked with the
 * library's own pure checks (src/checks: names, project rules with Argo's glob and `!` semantics, Go templates,
 * target-version drops; src/argocd: sync options, RollingSync step matching). Findings keep the library's rule
 * ids; problems only the linter meets are LINT-NNN. Positions come from the YAML CST.
 */
import { SchemaValidator } from './schemas';
import { collectFiles, DEFAULT_MAX_FILE_SIZE, formatPath, locate, parsePath, Position, readFile, SourceDocument } from './source';
import { applySuppressions, LintConfig } from './suppressions';
import { describeRollingSyncStep, RollingSyncStep, rollingSyncStepMatches, StepOperator } from '../argocd/application-set-strategy';
import { flattenParameters } from '../argocd/generators';
import { renderSyncOptions, SyncOption, SyncOptionScope } from '../argocd/sync-option';
import { fieldsTooNewFor } from '../checks/argocd-version';
import { validateRetryBackoff } from '../checks/duration';
import { GitOpsErrors } from '../checks/errors';
import { validateAppName } from '../checks/names';
import { compareCodeUnits } from '../checks/order';
import { CompiledProject, compileProject, describeDenial } from '../checks/project-rules';
import { isTemplated, renderFastTemplate, renderGoTemplate } from '../engines/go-template';
import { ruleById } from '../rules/registry';
import { RuleLevel } from '../rules/rule';

/** One finding of the linter. */
export interface LintFinding {
  readonly ruleId: string;
  readonly level: RuleLevel;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** what is wrong */
  readonly problem: string;
  /** the offending value, when there is one */
  readonly value?: unknown;
  /** how to fix it */
  readonly fix: string;
  /** `Kind/name` of the document, when known */
  readonly object?: string;
  /** dotted path inside the document */
  readonly path?: string;
  /** a mechanical fix (`--fix`): set `path` to `value` (undefined deletes), or add a templatePatch */
  readonly autofix?: AutoFix;
}

/** A mechanical fix of one finding. */
export interface AutoFix {
  /** what the fix does, one line */
  readonly description: string;
  /** edits to the document: set (value present) or delete (value undefined) the node at `path` */
  readonly edits: ReadonlyArray<{ readonly path: ReadonlyArray<string | number>; readonly value?: unknown }>;
  /** an entry of the ApplicationSet's templatePatch to write (`expr` at `path` under the Application) */
  readonly patch?: { readonly path: readonly string[]; readonly expr: string };
}

/** A finding silenced by a suppression, and why. */
export interface SuppressedFinding extends LintFinding {
  readonly reason: string;
  /** `annotation`, `comment` or `config <file>` */
  readonly by: string;
}

/** Options of a lint run. */
export interface LintOptions {
  /** target Argo CD version: fields it would drop are TGT-002 */
  readonly argocdVersion?: string;
  /** the schemas; undefined: no schema validation (LINT-017 once) */
  readonly schemas?: SchemaValidator;
  readonly maxFileSize?: number;
  readonly config?: LintConfig;
}

/** What a lint run found. */
export interface LintResult {
  readonly findings: LintFinding[];
  readonly suppressed: SuppressedFinding[];
  readonly files: number;
  readonly documents: number;
  /** documents of kinds the linter has no rule for (Deployments, Services ...) */
  readonly skippedDocuments: number;
  /** paths that do not exist */
  readonly missing: string[];
  /** the parsed documents, for --fix */
  readonly sources: SourceDocument[];
}

interface AppModel {
  readonly doc: SourceDocument;
  /** segments of the spec in the document (`['spec']`, or `['spec', 'template', 'spec']` for generated apps) */
  readonly specAt: Array<string | number>;
  readonly name: string;
  readonly what: string;
  readonly project: unknown;
  readonly destination: any;
  readonly sources: Array<{ repoURL: unknown; at: Array<string | number> }>;
}

interface ProjectModel {
  readonly doc: SourceDocument;
  readonly compiled: CompiledProject;
}

const ARGO_KINDS = new Set(['Application', 'ApplicationSet', 'AppProject']);
const SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';
const APP_HEALTH_KEY = 'resource.customizations.health.argoproj.io_Application';
const PROGRESSIVE_KEY = 'applicationsetcontroller.enable.progressive.syncs';
const WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
const MAX_PREVIEW = 10_000;

/** Lints files and folders. Never throws for bad input: every problem is a finding. */
export function lintPaths(paths: readonly string[], options: LintOptions = {}): LintResult {
  const { files, missing } = collectFiles(paths);
  const findings: LintFinding[] = [];
  const docs: SourceDocument[] = [];
  for (const file of files) {
    const { docs: d, problems } = readFile(file, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    docs.push(...d);
    for (const p of problems) {
      findings.push(finding(p.rule, p.file, p.position, p.problem, p.value, p.fix));
    }
  }
  const ctx = new Context(options, findings);
  for (const doc of docs) {
    try {
      ctx.document(doc);
    } catch (e) {
      ctx.add(doc, [], 'LINT-018', `the linter failed on this document: ${(e as Error).message}`, undefined, ruleById('LINT-018').fix);
    }
  }
  try {
    ctx.crossDocument();
  } catch (e) {
    findings.push(finding('LINT-018', docs[0]?.file ?? '.', { line: 1, column: 1 }, `the cross-document checks failed: ${(e as Error).message}`, undefined, ruleById('LINT-018').fix));
  }
  const { active, suppressed } = applySuppressions(findings, docs, options.config);
  active.sort(byPlace);
  suppressed.sort(byPlace);
  return { findings: active, suppressed, files: files.length, documents: docs.length, skippedDocuments: ctx.skipped, missing, sources: docs };
}

function byPlace(a: LintFinding, b: LintFinding): number {
  return compareCodeUnits(a.file, b.file) || a.line - b.line || a.column - b.column
    || compareCodeUnits(a.ruleId, b.ruleId) || compareCodeUnits(a.problem, b.problem);
}


function finding(rule: string, file: string, pos: Position, problem: string, value: unknown, fix: string,
  extra: Partial<LintFinding> = {}): LintFinding {
  const got = value !== undefined ? { value } : {};
  return { ruleId: rule, level: ruleById(rule).level, file, line: pos.line, column: pos.column, problem, ...got, fix, ...extra };
}

/** `problem (got value). Fix: fix [ID]` (describeProblem's shape) back into its parts. */
export function splitMessage(message: string): { rule?: string; problem: string; value?: unknown; fix: string } {
  const m = /^([\s\S]*?)(?: \(got ([\s\S]*)\))?\. Fix: ([\s\S]*?)(?: \[([A-Z]+-\d{3})\])?\s*$/.exec(message);
  if (!m) {
    const id = /\[([A-Z]+-\d{3})\]\s*$/.exec(message)?.[1];
    return { rule: id, problem: message.replace(/\s*\[[A-Z]+-\d{3}\]\s*$/, ''), fix: ruleById(id ?? 'LINT-006').fix };
  }
  let value: unknown = undefined;
  if (m[2] !== undefined) {
    try {
      value = JSON.parse(m[2]);
    } catch {
      value = m[2];
    }
  }
  return { rule: m[4], problem: m[1], value, fix: m[3] };
}

class Context {
  public skipped = 0;
  private readonly apps: AppModel[] = [];
  private readonly projects = new Map<string, ProjectModel>();
  private readonly waves: Array<{ doc: SourceDocument; wave: number }> = [];
  private readonly rollingSync: SourceDocument[] = [];
  private readonly identities = new Map<string, SourceDocument>();
  private healthCheck: boolean | undefined;
  private progressive: boolean | undefined;
  private healthDoc: SourceDocument | undefined;
  private paramsDoc: SourceDocument | undefined;
  private schemaNoticeGiven = false;

  public constructor(private readonly options: LintOptions, private readonly out: LintFinding[]) {}

  public add(doc: SourceDocument, at: ReadonlyArray<string | number>, rule: string, problem: string, value: unknown, fix: string,
    autofix?: AutoFix): void {
    this.out.push(finding(rule, doc.file, locate(doc, at), problem, value, fix, {
      object: objectName(doc.value), path: formatPath(at), ...(autofix ? { autofix } : {}),
    }));
  }

  /** a library check's message (`problem (got v). Fix: f [ID]`) as a finding */
  public addMessage(doc: SourceDocument, at: ReadonlyArray<string | number>, message: string, fallbackRule: string): void {
    const s = splitMessage(message);
    this.add(doc, at, s.rule ?? fallbackRule, s.problem, s.value, s.fix);
  }

  public document(doc: SourceDocument): void {
    const v = doc.value;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      this.add(doc, [], 'LINT-004', `the document is ${v === null ? 'null' : Array.isArray(v) ? 'a list' : `a ${typeof v}`}, not a Kubernetes object`, preview(v),
        'give the document apiVersion, kind and metadata.name, or move it out of the manifests folder');
      return;
    }
    if (typeof v.apiVersion !== 'string' || typeof v.kind !== 'string' || !v.apiVersion || !v.kind) {
      this.add(doc, [], 'LINT-004', 'the document has no apiVersion and kind, so it is not a Kubernetes object', Object.keys(v).slice(0, 8),
        'give the document apiVersion and kind, or move it out of the manifests folder');
      return;
    }
    this.identity(doc);
    const group = v.apiVersion.includes('/') ? v.apiVersion.split('/')[0] : '';
    if (group === 'argoproj.io' && v.kind !== 'ArgoCD' && !ARGO_KINDS.has(v.kind) && !(this.options.schemas?.hasKind(group, v.kind))) {
      const close = [...ARGO_KINDS, 'ArgoCD'].find(k => k.toLowerCase() === v.kind.toLowerCase() || editDistance(k, v.kind) <= 2);
      this.add(doc, ['kind'], 'LINT-005', `kind ${v.kind} is not an Argo CD kind`, v.kind,
        close ? `did you mean ${close}?` : 'use Application, ApplicationSet or AppProject (argoproj.io/v1alpha1)');
      return;
    }
    this.schema(doc);
    if (group === 'argoproj.io') {
      if (this.options.argocdVersion) {
        for (const msg of fieldsTooNewFor(v, this.options.argocdVersion)) {
          const where = /^\w+ "[^"]*": (\S+) \(/.exec(msg)?.[1] ?? 'spec';
          this.addMessage(doc, parsePath(where), msg.replace(/^\w+ "[^"]*": /, '').replace('(ArgoCdTarget.set)', '(--argocd-version, or argocdVersion in the lint config)'), 'TGT-002');
        }
      }
      switch (v.kind) {
        case 'Application': return this.application(doc);
        case 'ApplicationSet': return this.applicationSet(doc);
        case 'AppProject': return this.appProject(doc);
        case 'ArgoCD': return this.argoCdCr(doc);
        default: return;
      }
    }
    if (v.apiVersion === 'v1' && v.kind === 'ConfigMap') return this.configMap(doc);
    if (v.apiVersion === 'v1' && v.kind === 'Secret') return this.secret(doc);
    if (!this.options.schemas?.has(v.apiVersion, v.kind)) this.skipped++;
  }

  private identity(doc: SourceDocument): void {
    const v = doc.value;
    if (typeof v.metadata?.name !== 'string') return;
    const group = v.apiVersion.includes('/') ? v.apiVersion.split('/')[0] : '';
    const key = `${group}|${v.kind}|${v.metadata.namespace ?? ''}|${v.metadata.name}`;
    const prev = this.identities.get(key);
    if (prev) {
      this.add(doc, ['metadata', 'name'], 'LINT-016', `${v.kind} ${JSON.stringify(v.metadata.name)} is also defined in ${prev.file}:${locate(prev, []).line}`, v.metadata.name,
        'rename one of them, or remove the duplicate');
    } else {
      this.identities.set(key, doc);
    }
  }

  private schema(doc: SourceDocument): void {
    const v = doc.value;
    if (!this.options.schemas) {
      if (!this.schemaNoticeGiven && v.apiVersion.startsWith('argoproj.io/')) {
        this.schemaNoticeGiven = true;
        this.add(doc, [], 'LINT-017', 'no CRD schemas: documents were not validated against them', undefined,
          'pass --schemas DIR (a folder with the CRD YAML files), or run the packaged build that ships them');
      }
      return;
    }
    const problems = this.options.schemas.validate(v);
    if (!problems) return;
    for (const p of problems) {
      // the checks below say it better
      if (v.kind === 'Application' && p.path === 'spec') continue;
      if (v.kind === 'ApplicationSet' && p.path.startsWith('spec.template') && this.templatedAt(v, parsePath(p.path))) continue;
      const segs = parsePath(p.path);
      const got = valueAt(v, segs);
      const autofix: AutoFix | undefined = p.message === 'must be array' && (typeof got === 'string' || typeof got === 'number' || typeof got === 'boolean')
        ? { description: `${p.path}: ${JSON.stringify(got)} -> [${JSON.stringify(got)}]`, edits: [{ path: segs, value: [got] }] }
        : undefined;
      this.add(doc, segs, 'LINT-006', `${p.path || '(document)'}: ${p.message}`, got, fixFor(p.message, got), autofix);
    }
  }

  private templatedAt(v: any, segs: Array<string | number>): boolean {
    const x = valueAt(v, segs);
    return typeof x === 'string' && x.includes('{{');
  }

  // ---------------------------------------------------------------------------------------------------------
  // Application

  private application(doc: SourceDocument): void {
    const v = doc.value;
    this.name(doc);
    this.wave(doc);
    const spec = v.spec;
    if (spec === undefined || spec === null || typeof spec !== 'object') {
      this.add(doc, spec === undefined ? ['kind'] : ['spec'], 'LINT-007', `Application ${JSON.stringify(v.metadata?.name)} has no spec`, spec,
        'add spec with project, source (or sources) and destination');
      return;
    }
    this.syncOptions(doc, ['spec', 'syncPolicy', 'syncOptions'], false);
    this.retryBackoff(doc, ['spec', 'syncPolicy', 'retry', 'backoff']);
    const model = appModel(doc, ['spec'], spec, String(v.metadata?.name ?? ''), `Application ${JSON.stringify(v.metadata?.name)}`);
    this.destination(doc, ['spec', 'destination'], spec.destination, false);
    this.apps.push(model);
  }

  private name(doc: SourceDocument): void {
    const name = doc.value.metadata?.name;
    if (name === undefined) return; // the schema says it is missing
    const p = validateAppName(name);
    if (p) this.addMessage(doc, ['metadata', 'name'], p, 'NAME-003');
  }

  private wave(doc: SourceDocument): void {
    const raw = doc.value.metadata?.annotations?.[WAVE_ANNOTATION];
    if (raw === undefined) return;
    const at = ['metadata', 'annotations', WAVE_ANNOTATION];
    if (typeof raw !== 'string' || !/^-?\d+$/.test(raw.trim())) {
      this.add(doc, at, 'APP-008', 'the sync wave annotation must be an integer', raw, 'use a whole number such as "1" or "-1"');
      return;
    }
    this.waves.push({ doc, wave: Number(raw) });
  }

  private destination(doc: SourceDocument, at: Array<string | number>, d: any, templated: boolean): void {
    if (d === undefined || d === null || typeof d !== 'object') return; // schema: required
    if (d.server && d.name) {
      this.add(doc, at, 'DEST-002', "a destination can't have both name and server (Argo CD rejects the Application)", { server: d.server, name: d.name },
        'keep one: server (the API server URL) or name (the cluster Secret name)');
    } else if (!d.server && !d.name) {
      this.add(doc, at, 'DEST-003', 'a destination needs a cluster: server or name', d, 'add server: https://kubernetes.default.svc (or name: in-cluster)');
    }
    if (!templated) {
      for (const k of ['server', 'name', 'namespace']) {
        if (typeof d[k] === 'string' && isTemplated(d[k])) {
          this.add(doc, [...at, k], 'APP-003', 'an Application destination holds a template placeholder; only ApplicationSet templates fill those in', d[k],
            'use a concrete server/namespace, or put the Application in an ApplicationSet template');
        }
      }
    }
  }

  /**
   * `syncPolicy.retry.backoff` as Argo CD reads it (TIME-005..008): the library's own retry options take cdk8s
   * Durations, so only hand-written YAML can hold "5 seconds" or a factor of 0.
   */
  private retryBackoff(doc: SourceDocument, at: Array<string | number>): void {
    const b: any = valueAt(doc.value, at);
    if (b === undefined || b === null || typeof b !== 'object' || Array.isArray(b)) return; // the schema reports it
    if (Object.values(b).some(x => typeof x === 'string' && x.includes('{{'))) return; // filled in per generated app
    if ((b.duration !== undefined && typeof b.duration !== 'string') || (b.maxDuration !== undefined && typeof b.maxDuration !== 'string')) return;
    if (b.factor !== undefined && typeof b.factor !== 'number') return;
    const p = validateRetryBackoff(b);
    if (p) this.addMessage(doc, at, p, 'TIME-005');
  }

  private syncOptions(doc: SourceDocument, at: Array<string | number>, inTemplate: boolean): void {
    const list = valueAt(doc.value, at);
    if (!Array.isArray(list)) return; // a string here is a schema error (or APPSET-020 in a template)
    const parsed: SyncOption[] = [];
    list.forEach((o, i) => {
      if (typeof o !== 'string') return;
      if (o.includes('{{')) {
        if (inTemplate) {
          this.add(doc, [...at, i], 'SYNC-001', 'a sync option cannot hold an ApplicationSet parameter: sync options are a list, and templates substitute into string fields of a fixed shape only', o,
            'pass the whole list as a parameter in a templatePatch (syncOptions: {{ toJson .syncOptions }})');
        }
        return;
      }
      try {
        parsed.push(SyncOption.of(o));
      } catch (e) {
        if (!GitOpsErrors.isGitOpsConfigError(e)) throw e;
        const s = splitMessage((e as Error).message);
        const spelled = /^the option is spelled (\S+)$/.exec(s.fix)?.[1] ?? closestSyncOption(o);
        const fix = spelled && !s.fix.includes(spelled) ? `did you mean ${spelled}? (${s.fix})` : s.fix;
        this.add(doc, [...at, i], s.rule ?? 'SYNC-003', s.problem, s.value, fix, spelled
          ? { description: `${o} -> ${spelled}`, edits: [{ path: [...at, i], value: spelled }] }
          : undefined);
      }
    });
    try {
      renderSyncOptions(parsed, SyncOptionScope.APPLICATION);
    } catch (e) {
      if (!GitOpsErrors.isGitOpsConfigError(e)) throw e;
      this.addMessage(doc, at, (e as Error).message, 'SYNC-006');
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // ApplicationSet

  private applicationSet(doc: SourceDocument): void {
    const v = doc.value;
    this.name(doc);
    const spec = v.spec;
    if (!spec || typeof spec !== 'object') return; // the schema reports it
    const template = spec.template;
    const goTemplate = spec.goTemplate === true;
    if (spec.templatePatch !== undefined && !goTemplate) {
      this.add(doc, ['spec', 'templatePatch'], 'APPSET-011', 'templatePatch only works with goTemplate: true', spec.goTemplate ?? false, 'set goTemplate: true (and write the template in Go template syntax)');
    }
    if (template && typeof template === 'object') {
      this.templatedNonStrings(doc, template, ['spec', 'template'], ['spec', 'template']);
      this.syncOptions(doc, ['spec', 'template', 'spec', 'syncPolicy', 'syncOptions'], true);
      this.retryBackoff(doc, ['spec', 'template', 'spec', 'syncPolicy', 'retry', 'backoff']);
      this.destination(doc, ['spec', 'template', 'spec', 'destination'], template.spec?.destination, true);
    }
    const rolling = spec.strategy?.type === 'RollingSync';
    const steps: RollingSyncStep[] = rolling ? readSteps(spec.strategy?.rollingSync?.steps) : [];
    if (rolling) {
      this.rollingSync.push(doc);
      const labels = template?.metadata?.labels ?? {};
      steps.forEach((s, i) => {
        for (const e of s.matchExpressions) {
          if (e.operator === StepOperator.IN && !Object.prototype.hasOwnProperty.call(labels, e.key) && !(typeof spec.templatePatch === 'string' && spec.templatePatch.includes(e.key))) {
            this.add(doc, ['spec', 'strategy', 'rollingSync', 'steps', i], 'APPSET-039',
              `RollingSync step ${i + 1} (${describeRollingSyncStep(s)}) matches the label ${e.key}, but the template sets no such label, so the step matches no Application`,
              Object.keys(labels).sort(), `add labels: { ${e.key}: '{{.${e.key}}}' } (or the right parameter) to the template`);
          }
        }
      });
      const automated = template?.spec?.syncPolicy?.automated;
      if (automated && automated.enabled !== false) {
        this.add(doc, ['spec', 'template', 'spec', 'syncPolicy', 'automated'], 'APPSET-038', ruleById('APPSET-038').summary, automated, ruleById('APPSET-038').fix);
      }
    }
    if (!template || typeof template !== 'object') return;
    const sets = paramSets(spec.generators);
    if (!sets) {
      if (rolling) {
        this.add(doc, ['spec', 'generators'], 'LINT-014', 'the generators are not known offline (only list generators and matrix/merge of them are previewed), so the generated Applications were not checked against the RollingSync steps or their project',
          (Array.isArray(spec.generators) ? spec.generators : []).map((g: any) => Object.keys(g ?? {})[0]), 'nothing to do; lint the rendered Applications to check them');
      }
      return;
    }
    const generated: Array<{ name: string; labels: { [k: string]: string }; origin: string }> = [];
    for (const set of sets.slice(0, MAX_PREVIEW)) {
      let rendered: any;
      try {
        rendered = renderTemplate(template, set.values, goTemplate, spec.goTemplateOptions);
      } catch (e) {
        this.add(doc, ['spec', 'generators', set.generator], 'LINT-015', `${set.origin}: the template cannot be rendered: ${(e as Error).message}`, set.values,
          'fix the template, or give the element the parameters the template reads');
        continue;
      }
      const name = String(rendered.metadata?.name ?? '');
      generated.push({ name, labels: rendered.metadata?.labels ?? {}, origin: set.origin });
      if (rendered.spec && typeof rendered.spec === 'object') {
        this.apps.push(appModel(doc, ['spec', 'template', 'spec'], rendered.spec, name, `the Application ${JSON.stringify(name)} generated from ${set.origin}`));
      }
    }
    if (rolling && steps.length > 0) {
      for (const a of generated) {
        const matching = steps.map((s, i) => (rollingSyncStepMatches(s, a.labels) ? i + 1 : 0)).filter(i => i > 0);
        if (matching.length === 0) {
          this.add(doc, ['spec', 'strategy', 'rollingSync', 'steps'], 'APPSET-042',
            `the generated Application "${a.name}" (${a.origin}, labels ${JSON.stringify(a.labels)}) matches no RollingSync step, so the rollout never syncs it`, a.name,
            'add a step that matches it, or change its labels');
        } else if (matching.length > 1) {
          this.add(doc, ['spec', 'strategy', 'rollingSync', 'steps', matching[1] - 1], 'APPSET-043',
            `the generated Application "${a.name}" matches several RollingSync steps (${matching.join(', ')}), so its place in the rollout is ambiguous`, a.name,
            'make the steps disjoint (e.g. exclude earlier values with NotIn)');
        }
      }
    }
  }

  /** Strings holding `{{` where the CRD wants a boolean, number, list or object: APPSET-020 (with a templatePatch fix). */
  private templatedNonStrings(doc: SourceDocument, node: any, at: Array<string | number>, schemaAt: Array<string | number>): void {
    const schemas = this.options.schemas;
    if (!schemas) return;
    const walk = (v: any, segs: Array<string | number>): void => {
      if (typeof v === 'string') {
        if (!v.includes('{{')) return;
        const s = schemas.schemaAt('argoproj.io/v1alpha1', 'ApplicationSet', segs);
        const types: string[] = s?.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
        if (types.length === 0 || types.includes('string')) return;
        const what = types.includes('boolean') ? 'a boolean' : types.includes('array') ? 'a list' : types.includes('integer') || types.includes('number') ? 'a number' : 'an object';
        const field = formatPath(segs.slice(2));
        const autofix = patchFix(doc.value, segs, v, what);
        this.add(doc, segs, 'APPSET-020', `${field} is ${what}: ApplicationSet templates substitute parameters into string fields only (the CRD rejects a string here)`, v,
          autofix ? `remove it from the template and set it in templatePatch (goTemplate: true) as ${autofix.patch!.path[autofix.patch!.path.length - 1]}: ${autofix.patch!.expr} under ${autofix.patch!.path.slice(0, -1).join('.')}`
            : 'set it with a templatePatch (goTemplate: true)', autofix);
        return;
      }
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...segs, i]));
      else if (v && typeof v === 'object') for (const k of Object.keys(v)) walk(v[k], [...segs, k]);
    };
    void schemaAt;
    walk(node, at);
  }

  // ---------------------------------------------------------------------------------------------------------
  // AppProject

  private appProject(doc: SourceDocument): void {
    const v = doc.value;
    this.name(doc);
    const spec = v.spec && typeof v.spec === 'object' ? v.spec : {};
    const lists = (x: unknown) => (Array.isArray(x) ? x.filter(e => e && typeof e === 'object') : undefined);
    let compiled: CompiledProject;
    try {
      compiled = compileProject({
        sourceRepos: Array.isArray(spec.sourceRepos) ? spec.sourceRepos.filter((s: unknown) => typeof s === 'string') : [],
        destinations: lists(spec.destinations) ?? [],
        clusterResourceWhitelist: lists(spec.clusterResourceWhitelist),
        clusterResourceBlacklist: lists(spec.clusterResourceBlacklist),
        namespaceResourceWhitelist: lists(spec.namespaceResourceWhitelist),
        namespaceResourceBlacklist: lists(spec.namespaceResourceBlacklist),
      });
    } catch (e) {
      this.add(doc, ['spec'], 'LINT-006', `the project cannot be read: ${(e as Error).message}`, undefined, 'correct the AppProject spec');
      return;
    }
    for (const p of compiled.problems) {
      const where = /^((?:sourceRepos|destinations|clusterResourceWhitelist|clusterResourceBlacklist|namespaceResourceWhitelist|namespaceResourceBlacklist)(?:\[\d+\])?(?:\.\w+)?)/.exec(p)?.[1];
      this.addMessage(doc, ['spec', ...(where ? parsePath(where) : [])], p, 'PROJ-066');
    }
    if (Array.isArray(spec.namespaceResourceWhitelist) && spec.namespaceResourceWhitelist.length === 0) {
      this.add(doc, ['spec', 'namespaceResourceWhitelist'], 'PROJ-006', ruleById('PROJ-006').summary, [], ruleById('PROJ-006').fix);
    }
    (Array.isArray(spec.sourceRepos) ? spec.sourceRepos : []).forEach((s: unknown, i: number) => {
      if (typeof s === 'string' && s.startsWith('http://')) {
        this.add(doc, ['spec', 'sourceRepos', i], 'PROJ-070', ruleById('PROJ-070').summary, s, ruleById('PROJ-070').fix);
      }
    });
    const name = String(v.metadata?.name ?? '');
    if (!this.projects.has(name)) this.projects.set(name, { doc, compiled });
  }

  // ---------------------------------------------------------------------------------------------------------
  // settings and secrets

  private configMap(doc: SourceDocument): void {
    const v = doc.value;
    const name = v.metadata?.name;
    const data = v.data && typeof v.data === 'object' ? v.data : {};
    if (name === 'argocd-cm') {
      this.healthDoc ??= doc;
      this.healthCheck = (this.healthCheck ?? false) || typeof data[APP_HEALTH_KEY] === 'string' || hasHealthInBlock(data['resource.customizations']);
    } else if (name === 'argocd-cmd-params-cm') {
      this.paramsDoc ??= doc;
      this.progressive = (this.progressive ?? false) || String(data[PROGRESSIVE_KEY]).trim() === 'true';
      if (data[PROGRESSIVE_KEY] !== undefined && typeof data[PROGRESSIVE_KEY] !== 'string') {
        this.add(doc, ['data', PROGRESSIVE_KEY], 'LINT-006', 'ConfigMap data values must be strings', data[PROGRESSIVE_KEY], `quote it: "${String(data[PROGRESSIVE_KEY])}"`);
      }
    } else {
      this.skipped++;
    }
  }

  /** argoproj.io/v1beta1 ArgoCD (argocd-operator / OpenShift GitOps): health checks and cmd params it renders. */
  private argoCdCr(doc: SourceDocument): void {
    const spec = doc.value.spec ?? {};
    this.healthDoc ??= doc;
    this.paramsDoc ??= doc;
    const checks = Array.isArray(spec.resourceHealthChecks) ? spec.resourceHealthChecks : [];
    this.healthCheck = (this.healthCheck ?? false)
      || checks.some((c: any) => c?.group === 'argoproj.io' && c?.kind === 'Application')
      || typeof spec.extraConfig?.[APP_HEALTH_KEY] === 'string';
    const args: unknown[] = Array.isArray(spec.applicationSet?.extraCommandArgs) ? spec.applicationSet.extraCommandArgs : [];
    this.progressive = (this.progressive ?? false) || String(spec.cmdParams?.[PROGRESSIVE_KEY] ?? '') === 'true'
      || args.some(a => a === '--enable-progressive-syncs' || a === '--enable-progressive-syncs=true');
  }

  private secret(doc: SourceDocument): void {
    const v = doc.value;
    const type = v.metadata?.labels?.[SECRET_TYPE_LABEL];
    for (const field of ['data', 'stringData']) {
      const data = v[field];
      if (!data || typeof data !== 'object') continue;
      const keys = Object.keys(data).filter(k => data[k] !== '' && data[k] !== null);
      if (keys.length === 0) continue;
      if (type === 'cluster' || type === 'repository' || type === 'repo-creds' || type === 'repo-write-creds') {
        const secretKeys = keys.filter(k => /password|token|key|config|secret|cert/i.test(k));
        if (secretKeys.length > 0) {
          this.add(doc, [field, secretKeys[0]], 'LINT-010', `the Argo CD ${type} Secret ${JSON.stringify(v.metadata?.name)} holds plaintext credentials in ${field}`, secretKeys,
            'create it with an ExternalSecret or a SealedSecret (keep the argocd.argoproj.io/secret-type label on its template)');
          return;
        }
        continue; // url/name/server alone are not secrets
      }
      this.add(doc, [field, keys[0]], 'LINT-009', `the Secret ${JSON.stringify(v.metadata?.name)} holds plaintext values in ${field} (base64 is not encryption)`, keys,
        'use an ExternalSecret or a SealedSecret, or keep the Secret out of the repository');
      return;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // across documents

  public crossDocument(): void {
    for (const a of this.apps) this.permitted(a);
    if (this.healthCheck === false && new Set(this.waves.map(w => w.wave)).size > 1) {
      const first = this.waves.find(w => w.wave !== 0) ?? this.waves[0];
      this.add(first.doc, ['metadata', 'annotations', WAVE_ANNOTATION], 'AOA-014',
        `Applications use sync waves ${JSON.stringify([...new Set(this.waves.map(w => w.wave))].sort((x, y) => x - y))}, but ${objectName(this.healthDoc!.value)} (${this.healthDoc!.file}) defines no Application health check, so later waves do not wait for earlier ones`,
        first.wave, `add ${APP_HEALTH_KEY} (the Lua check in docs/lint.md; ArgoCdSettings applicationHealthCheck: true writes it) to argocd-cm`);
    }
    if (this.progressive === false) {
      for (const doc of this.rollingSync) {
        this.add(doc, ['spec', 'strategy'], 'APPSET-037', `this ApplicationSet uses a RollingSync strategy, but progressive syncs are off in ${objectName(this.paramsDoc!.value)} (${this.paramsDoc!.file}): the controller ignores the steps`,
          undefined, `set ${PROGRESSIVE_KEY}: "true" in argocd-cmd-params-cm`);
      }
    }
  }

  private permitted(a: AppModel): void {
    if (typeof a.project !== 'string' || a.project === '' || isTemplated(a.project)) return;
    const p = this.projects.get(a.project);
    if (!p) {
      if (a.project !== 'default' && this.projects.size > 0) {
        this.add(a.doc, [...a.specAt, 'project'], 'LINT-008', `${a.what} names AppProject ${JSON.stringify(a.project)}, which is not among the linted files`, a.project,
          `lint the folder that defines it too (linted projects: ${[...this.projects.keys()].sort().slice(0, 10).join(', ')})`);
      }
      return;
    }
    for (const s of a.sources) {
      if (typeof s.repoURL !== 'string' || isTemplated(s.repoURL)) continue;
      const d = p.compiled.isSourcePermitted(s.repoURL);
      if (!d.permitted) {
        this.add(a.doc, s.at, 'PROJ-038', denial(d, a, p), s.repoURL, d.fix ?? ruleById('PROJ-038').fix);
      }
    }
    const dest = a.destination;
    if (dest && typeof dest === 'object' && ![dest.server, dest.name, dest.namespace].some(x => typeof x === 'string' && isTemplated(x))) {
      const d = p.compiled.isDestinationPermitted({ server: dest.server, name: dest.name, namespace: dest.namespace });
      if (!d.permitted) {
        this.add(a.doc, [...a.specAt, 'destination'], 'PROJ-063', denial(d, a, p), { server: dest.server, name: dest.name, namespace: dest.namespace }, d.fix ?? ruleById('PROJ-063').fix);
      }
    }
  }
}

function denial(d: ReturnType<CompiledProject['isSourcePermitted']>, a: AppModel, p: ProjectModel): string {
  const text = describeDenial(d, { app: a.name, project: String(p.doc.value.metadata?.name) }) ?? d.reason;
  return `${text.replace(/\. Fix: [\s\S]*$/, '')} (AppProject in ${p.doc.file}:${locate(p.doc, []).line})`;
}

function appModel(doc: SourceDocument, specAt: Array<string | number>, spec: any, name: string, what: string): AppModel {
  const sources: AppModel['sources'] = [];
  if (spec.source && typeof spec.source === 'object') sources.push({ repoURL: spec.source.repoURL, at: [...specAt, 'source', 'repoURL'] });
  if (Array.isArray(spec.sources)) {
    spec.sources.forEach((s: any, i: number) => {
      if (s && typeof s === 'object') sources.push({ repoURL: s.repoURL, at: [...specAt, 'sources', i, 'repoURL'] });
    });
  }
  return { doc, specAt, name, what, project: spec.project, destination: spec.destination, sources };
}

function readSteps(raw: unknown): RollingSyncStep[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((s: any) => ({
    matchExpressions: (Array.isArray(s?.matchExpressions) ? s.matchExpressions : [])
      .filter((e: any) => e && typeof e.key === 'string')
      .map((e: any) => ({ key: e.key, operator: e.operator === 'NotIn' ? StepOperator.NOT_IN : StepOperator.IN, values: Array.isArray(e.values) ? e.values.map(String) : [] })),
  }));
}

/** The parameter sets of list generators (and matrix/merge of them), or undefined when a generator is not knowable offline. */
function paramSets(generators: unknown): Array<{ values: any; origin: string; generator: number }> | undefined {
  if (!Array.isArray(generators) || generators.length === 0) return undefined;
  const out: Array<{ values: any; origin: string; generator: number }> = [];
  for (let g = 0; g < generators.length; g++) {
    const sets = setsOf(generators[g], `generator #${g + 1}`);
    if (!sets) return undefined;
    out.push(...sets.map(s => ({ ...s, generator: g })));
  }
  return out;
}

function setsOf(gen: any, origin: string, depth = 0): Array<{ values: any; origin: string }> | undefined {
  if (!gen || typeof gen !== 'object' || depth > 2 || gen.selector !== undefined) return undefined;
  if (gen.list) {
    if (gen.list.elementsYaml !== undefined || !Array.isArray(gen.list.elements)) return undefined;
    return gen.list.elements.filter((e: any) => e && typeof e === 'object' && !Array.isArray(e))
      .map((e: any, i: number) => ({ values: e, origin: `${origin} list element #${i + 1}` }));
  }
  if (gen.matrix && Array.isArray(gen.matrix.generators) && gen.matrix.generators.length === 2) {
    const a = setsOf(gen.matrix.generators[0], origin, depth + 1);
    const b = setsOf(gen.matrix.generators[1], origin, depth + 1);
    if (!a || !b) return undefined;
    return a.flatMap(x => b.map(y => ({ values: { ...x.values, ...y.values }, origin: `${x.origin} × ${y.origin.replace(origin + ' ', '')}` })));
  }
  return undefined;
}

/** Renders every string of the template with one parameter set, as the controller does. */
function renderTemplate(template: any, params: any, goTemplate: boolean, goTemplateOptions: unknown): any {
  const missingKeyError = Array.isArray(goTemplateOptions) && goTemplateOptions.includes('missingkey=error');
  const flat = goTemplate ? undefined : flattenParameters(params);
  const walk = (v: any): any => {
    if (typeof v === 'string') return goTemplate ? renderGoTemplate(v, params, { missingKeyError }) : renderFastTemplate(v, flat!);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k), walk(x)]));
    return v;
  };
  return walk(template);
}

/** A templatePatch that sets a templated non-string field, and the template without it. */
function patchFix(appSet: any, segs: Array<string | number>, value: string, what: string): AutoFix | undefined {
  if (appSet.spec?.templatePatch !== undefined || segs.some(s => typeof s === 'number')) return undefined;
  const inner = /^\s*\{\{-?\s*([^{}]*?)\s*-?\}\}\s*$/.exec(value)?.[1];
  if (!inner) return undefined;
  const expr = what === 'a boolean' || what === 'a number' ? `{{ ${inner} }}` : `{{ toJson ${inner} }}`;
  const rel = segs.slice(2) as string[];
  const lines: string[] = [];
  rel.forEach((k, i) => lines.push(`${'  '.repeat(i)}${k}:${i === rel.length - 1 ? ` ${expr}` : ''}`));
  return {
    description: `templatePatch "${lines.join('\\n')}"`,
    edits: [{ path: segs }, { path: ['spec', 'goTemplate'], value: true }],
    patch: { path: rel, expr },
  };
}

function hasHealthInBlock(block: unknown): boolean {
  return typeof block === 'string' && /argoproj\.io\/Application:\s*\n\s+health\.lua/.test(block);
}

function objectName(v: any): string | undefined {
  if (!v || typeof v !== 'object' || typeof v.kind !== 'string') return undefined;
  return `${v.kind}/${typeof v.metadata?.name === 'string' ? v.metadata.name : '?'}`;
}

function valueAt(v: any, segs: ReadonlyArray<string | number>): unknown {
  let cur = v;
  for (const s of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[s as any];
  }
  return cur;
}

function fixFor(message: string, got: unknown): string {
  if (message.startsWith('unknown field')) return 'remove the field or correct its spelling (see the CRD)';
  if (message.startsWith('required field')) return 'add the field';
  if (message === 'must be array') return `write a YAML list${got !== undefined && typeof got !== 'object' ? `: [${JSON.stringify(got)}]` : ' (one "- item" per line)'}`;
  if (message === 'must be object') return 'write a YAML mapping (key: value lines)';
  if (message === 'must be boolean') return `write true or false without quotes${typeof got === 'string' && got.includes('{{') ? ' (a parameter needs a templatePatch)' : ''}`;
  if (message.startsWith('must be')) return `change the value: it ${message}`;
  return 'correct the value as the CRD schema requires';
}

function preview(v: unknown): unknown {
  const s = JSON.stringify(v);
  return s !== undefined && s.length > 80 ? `${s.slice(0, 77)}...` : v;
}

/** The known `Key=value` within two edits of `o` (a typo), if exactly one is. */
function closestSyncOption(o: string): string | undefined {
  const close = SyncOption.knownOptions().filter(k => editDistance(k.toLowerCase(), o.toLowerCase()) <= 2);
  return close.length === 1 ? close[0] : undefined;
}

function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}
