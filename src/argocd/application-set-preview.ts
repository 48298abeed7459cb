import { IConstruct } from 'constructs';
import { Application } from './application';
import type { ApplicationSet, ApplicationSetTemplate } from './application-set';
import { ApplicationSetStrategy, rollingSyncStepMatches } from './application-set-strategy';
import { paramContextOf } from './declared-clusters';
import { _ParamSet, _ParamSpace, flattenParameters, Generator } from './generators';
import { describeProblem, fail, failWith } from '../checks/errors';
import { validateAppName, validateLabelValue } from '../checks/names';
import { compareCodeUnits } from '../checks/order';
import {
  fastTemplateReferences, goSyntaxAction, GoTemplateError, printsMapParameter, renderFastTemplate, renderGoTemplate, templateReferences,
} from '../engines/go-template';
import { passCache } from '../rules/engine';
import { isStepCoverageDelegated } from '../rules/protocols';
import { TreeIndex } from '../rules/tree-index';

/**
 * The ApplicationSet preview engine: the Applications the controller would generate from the generators' parameter
 * sets (rendered through the Go-template or fasttemplate engine), and the checks that need them.
 */

/** An Application the controller would generate, as previewed at synth. */
export interface ApplicationPreview {
  /** Application name. */
  readonly name: string;
  /** AppProject. */
  readonly project: string;
  /** Destination cluster: the server URL or the cluster name. */
  readonly cluster: string;
  /**
   * Destination namespace.
   * @default - none
   */
  readonly namespace?: string;
  /** Labels of the Application. */
  readonly labels: { [key: string]: string };
  /**
   * The RollingSync step (1-based) that syncs it.
   * @default - none (AllAtOnce, or no step matches)
   */
  readonly step?: number;
  /** Where its parameters come from, e.g. `list element #2 {...}`. */
  readonly origin: string;
  /** Its generator parameters. */
  readonly parameters: { [key: string]: any };
}

/** What the preview engine reads of an ApplicationSet. */
export interface PreviewInput {
  /** the ApplicationSet (errors name it; the generators read the app's declared clusters through it) */
  readonly scope: IConstruct;
  /** namespace of the ApplicationSet */
  readonly namespace: string;
  readonly template: ApplicationSetTemplate;
  /** the template's AppProject name (`project`, or the name of `appProject`) */
  readonly project: string;
  readonly generators: readonly Generator[];
  readonly strategy: ApplicationSetStrategy;
  readonly goTemplate: boolean;
  /** `missingkey=error` is among the Go template options */
  readonly missingKeyError: boolean;
}

/** The generators' parameter spaces, in order. */
function spaces(input: PreviewInput): _ParamSpace[] {
  return input.generators.map(g => g._params(paramContextOf(input.scope)));
}

/** True when the generators' output is known at synth. */
export function isPreviewable(input: PreviewInput): boolean {
  return input.generators.length > 0 && input.generators.every(g => g._params(paramContextOf(input.scope)).knowable);
}

/** Why the generators' output is known only at run time (undefined when every generator's is known). */
export function unknownBecause(input: PreviewInput): string | undefined {
  return spaces(input).find(s => !s.knowable)?.unknownBecause;
}

/**
 * The Applications the controller would generate, in rollout order (by RollingSync step, then generator order);
 * fails when they are not known at synth, naming the generator.
 */
export function previewApplications(input: PreviewInput): ApplicationPreview[] {
  const unknown = spaces(input).find(s => !s.knowable);
  if (input.generators.length === 0 || unknown) {
    fail(input.scope, {
      rule: 'APPSET-019',
      problem: 'the Applications of this ApplicationSet are not known at synth',
      value: input.generators.length === 0 ? 'no generators' : unknown!.unknownBecause,
      fix: 'preview() works for list generators, matrix/merge of them, and component files written by TieredApplicationSet; check `previewable` first',
    });
  }
  const apps = renderApplications(input).map(r => {
    if (r.error) failWith(input.scope, r.error);
    return r.app!;
  });
  const stepOf = (a: ApplicationPreview) => a.step ?? Number.MAX_SAFE_INTEGER;
  return apps.map((a, i) => ({ a, i })).sort((x, y) => stepOf(x.a) - stepOf(y.a) || x.i - y.i).map(x => x.a);
}

/** Renders one string for a parameter set. */
export function renderString(input: PreviewInput, s: string, values: { [key: string]: any }): string {
  if (!input.goTemplate) return renderFastTemplate(s, flattenParameters(values));
  return renderGoTemplate(s, values, { missingKeyError: input.missingKeyError });
}

/** One entry per known parameter set: the previewed Application, or the error rendering it. */
export function renderApplications(input: PreviewInput): Array<{ app?: ApplicationPreview; error?: string }> {
  const out: Array<{ app?: ApplicationPreview; error?: string }> = [];
  const t = input.template;
  const dest = t.destination._toArgo();
  for (const g of input.generators) {
    for (const set of g._params(paramContextOf(input.scope)).sets) {
      const values = set.values ?? {};
      try {
        const labels: { [key: string]: string } = {};
        for (const k of Object.keys(t.labels ?? {}).sort()) labels[k] = renderString(input, t.labels![k], values);
        const app: ApplicationPreview = {
          name: renderString(input, t.name, values),
          project: renderString(input, input.project, values),
          cluster: renderString(input, dest.server ?? dest.name ?? '', values),
          namespace: dest.namespace === undefined ? undefined : renderString(input, dest.namespace, values),
          labels,
          origin: set.origin,
          parameters: values,
        };
        const steps = input.strategy.steps.map((s, i) => ({ s, i })).filter(x => rollingSyncStepMatches(x.s, labels));
        out.push({ app: steps.length ? { ...app, step: steps[0].i + 1 } : app });
      } catch (e) {
        if (!(e instanceof GoTemplateError)) throw e;
        out.push({
          error: `cannot render the template for ${set.origin}: ${e.message}. Fix: make every template field render for this parameter set `
            + '(read only parameters the generators produce, use Sprig functions), or fix the parameter set [APPSET-052]',
        });
      }
    }
  }
  return out;
}

/**
 * Template parameters no generator produces (where the generators' parameters are known).
 * @param strings every string of the rendered template, with its JSON path
 * @param patchReferences the parameters the templatePatch reads
 */
export function validateParameters(
  input: PreviewInput, strings: ReadonlyArray<{ path: string; value: string }>, patchReferences: readonly string[],
): string[] {
  const errors: string[] = [];
  const refs = new Map<string, string[]>(); // param path -> template fields reading it
  const add = (ref: string, where: string) => refs.set(ref, [...refs.get(ref) ?? [], where]);
  for (const s of strings) {
    if (!s.value.includes('{{')) continue;
    if (!input.goTemplate) {
      const go = goSyntaxAction(s.value);
      if (go !== undefined) {
        errors.push(describeProblem({
          rule: 'APPSET-201',
          problem: `template field ${s.path} uses Go template syntax (${go}), but goTemplate is off: Argo CD's fasttemplate `
            + `only replaces {{param}}, so ${go} would stay in the generated Application as written`,
          value: s.value,
          fix: 'set goTemplate: true (and write every field in Go syntax), or write fasttemplate parameters such as {{number}}',
        }));
        continue;
      }
      fastTemplateReferences(s.value).forEach(r => add(r, s.path));
      continue;
    }
    for (const ref of input.generators.flatMap(g => g._mapParameters())) {
      const action = printsMapParameter(s.value, ref);
      if (action === undefined) continue;
      errors.push(describeProblem({
        rule: 'APPSET-202',
        problem: `template field ${s.path} prints {{.${ref}}}, which the git directories generator sets to a map in Go templates, `
          + 'so it renders as map[basename:... path:...]',
        value: s.value,
        fix: `use {{.${ref}.path}} (the directory path) or {{.${ref}.basename}} (its last segment)`,
      }));
    }
    try {
      templateReferences(s.value).forEach(r => add(r, s.path));
    } catch (e) {
      if (!(e instanceof GoTemplateError)) throw e;
      errors.push(describeProblem({ rule: 'APPSET-035', problem: `template field ${s.path} is not a valid Go template: ${e.message}`, value: s.value, fix: 'fix the template syntax' }));
    }
  }
  for (const r of patchReferences) add(r, 'templatePatch');
  if (input.goTemplate && !input.missingKeyError) return errors; // a missing key renders "<no value>" by choice

  for (const g of input.generators) {
    const space: _ParamSpace = g._params(paramContextOf(input.scope));
    for (const [ref, where] of [...refs].sort((a, b) => compareCodeUnits(a[0], b[0]))) {
      const missing = space.sets.filter(set => !readable(set, ref, input.goTemplate));
      if (missing.length === 0) continue;
      const produced = [...new Set(space.sets.flatMap(s => s.paths.filter(p => !p.includes('.'))))].sort();
      errors.push(describeProblem({
        rule: 'APPSET-036',
        problem: `the template reads {{${input.goTemplate ? '.' : ''}${ref}}} (in ${[...new Set(where)].join(', ')}), but the ${g.kind} generator does not produce it for `
          + `${missing.slice(0, 3).map(m => m.origin).join('; ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}`
          + (input.missingKeyError ? ' (with missingkey=error the controller fails to generate the Application)' : ''),
        value: ref,
        fix: `use one of the parameters it produces (${produced.join(', ') || 'none'}), or add '${ref}' to every element`,
      }));
    }
  }
  return errors;
}

/**
 * Checks that need the generated Applications: names, label values, steps.
 * @param isApplicationSet recognizes the other ApplicationSets of the app (whose generated names may collide)
 */
export function validatePreview(input: PreviewInput, isApplicationSet: (c: IConstruct) => c is ApplicationSet): string[] {
  const errors: string[] = [];
  const self = input.scope;
  const rendered = renderApplications(input);
  for (const r of rendered) if (r.error) errors.push(r.error);
  const apps = rendered.filter(r => r.app).map(r => r.app!);
  const byName = new Map<string, ApplicationPreview[]>();
  for (const a of apps) byName.set(a.name, [...byName.get(a.name) ?? [], a]);
  for (const [name, same] of byName) {
    if (same.length > 1) {
      errors.push(describeProblem({
        rule: 'APPSET-040',
        problem: `${same.length} parameter sets generate the same Application name "${name}" (${same.map(a => a.origin).join('; ')}); the controller refuses duplicates`,
        value: name,
        fix: `make the template name unique per parameter set, e.g. add a parameter: '${input.template.name}-{{.<param>}}'`,
      }));
    }
    const p = validateAppName(name);
    if (p) errors.push(`generated Application ${p}`);
  }
  // the same name from another ApplicationSet or an Application in the same namespace: they would fight over it
  const appNamespace = input.template.namespace ?? input.namespace;
  // every Application name of the namespace with its writers, computed once per synth pass for all ApplicationSets
  const taken = passCache(self, `application-names/${appNamespace}`, () => {
    const names = new Map<string, Array<{ readonly by: IConstruct; readonly what: string }>>();
    const add = (name: string, by: IConstruct, what: string) => {
      const list = names.get(name);
      if (!list) names.set(name, [{ by, what }]);
      else if (!list.some(x => x.by === by)) list.push({ by, what });
    };
    for (const c of TreeIndex.of(self).all) {
      if (Application.isApplication(c) && c.namespace === appNamespace) {
        add(c.name, c, `Application ${c.node.path}`);
      } else if (isApplicationSet(c) && (c._template.namespace ?? c.namespace) === appNamespace && c.previewable) {
        try {
          for (const a of c.preview()) add(a.name, c, `ApplicationSet ${c.node.path}`);
        } catch {
          // its own validation reports why it cannot be previewed
        }
      }
    }
    return names;
  });
  for (const a of apps) {
    const other = taken.get(a.name)?.find(x => x.by !== self)?.what;
    if (other) {
      errors.push(describeProblem({
        rule: 'APPSET-041',
        problem: `the generated Application "${a.name}" (${a.origin}) has the same name as one of ${other} in namespace "${appNamespace}"; both would write the same Application`,
        value: a.name,
        fix: 'rename one of them (e.g. a name prefix in the template)',
      }));
    }
  }
  for (const a of apps) {
    for (const [k, v] of Object.entries(a.labels)) {
      const p = validateLabelValue(v);
      if (p) errors.push(`generated Application "${a.name}", label ${k}: ${p}`);
    }
  }
  if (input.strategy.isRollingSync) {
    for (const a of apps) {
      const matching = input.strategy.steps.map((s, i) => ({ s, i })).filter(x => rollingSyncStepMatches(x.s, a.labels));
      if (matching.length === 0 && !isStepCoverageDelegated(self)) {
        errors.push(describeProblem({
          rule: 'APPSET-042',
          problem: `the generated Application "${a.name}" (labels ${JSON.stringify(a.labels)}) matches no RollingSync step, so the rollout never syncs it`,
          value: a.name,
          fix: 'add a step that matches it, or change its labels',
        }));
      } else if (matching.length > 1) {
        errors.push(describeProblem({
          rule: 'APPSET-043',
          problem: `the generated Application "${a.name}" matches several RollingSync steps (${matching.map(m => m.i + 1).join(', ')}), so its place in the rollout is ambiguous`,
          value: a.labels,
          fix: 'make the steps disjoint (e.g. exclude earlier values with NotIn)',
        }));
      }
    }
  }
  return errors;
}

/** Whether a parameter set has the parameter `ref` (a dotted path) the template reads. */
export function readable(set: _ParamSet, ref: string, goTemplate: boolean): boolean {
  if (set.open) return true;
  if (!goTemplate) {
    // fasttemplate reads flattened keys
    return set.paths.includes(ref) || set.openPrefixes.some(p => ref === p || ref.startsWith(p + '.'));
  }
  if (set.values) {
    // precise: walk the values (a path through a non-object fails in Go too)
    let cur: any = set.values;
    for (const k of ref.split('.')) {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, k)) return false;
      cur = cur[k];
    }
    return true;
  }
  return set.paths.includes(ref) || set.openPrefixes.some(p => ref === p || ref.startsWith(p + '.'));
}

/** The parameters a template string reads, none when it does not parse (its own check reports that). */
export function templateReferencesSafe(s: string): string[] {
  try {
    return templateReferences(s);
  } catch {
    return [];
  }
}
