import { templatedYamlSyntaxError } from '../checks/embedded';
import { fail } from '../checks/errors';
import { GoTemplateError, templateReferences } from '../engines/go-template';

/**
 * Generator parameters that feed the non-string fields of the generated Applications. ApplicationSet
 * templates substitute parameters into string fields only (`prune: '{{.prune}}'` is rejected by the CRD), so
 * these become a generated `templatePatch`. Each value is a parameter path as written after the dot,
 * e.g. `prune` for `{{.prune}}` or `env.prune` for `{{.env.prune}}`.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#template-patch
 */
export interface TemplateParameterBindings {
  /**
   * A boolean parameter that turns auto-sync on. When it is true the Application gets the template's
   * `syncPolicy.automated` block (or `{}`), when false none. Not with RollingSync (which turns auto-sync off).
   * @default - auto-sync as the template says
   */
  readonly autoSync?: string;
  /**
   * A boolean parameter for `syncPolicy.automated.prune` (needs automated sync in the template or `autoSync`).
   * @default - the template's value
   */
  readonly prune?: string;
  /**
   * A boolean parameter for `syncPolicy.automated.selfHeal` (needs automated sync in the template or `autoSync`).
   * @default - the template's value
   */
  readonly selfHeal?: string;
  /**
   * A list parameter of sync options (`Key=value` strings), appended to the template's `syncOptions`.
   * @default - the template's sync options only
   */
  readonly syncOptions?: string;
  /**
   * A list parameter of Helm value files, appended to the template source's `helm.valueFiles`
   * (single-source templates only).
   * @default - the template's value files only
   */
  readonly helmValueFiles?: string;
}

const PARAM_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** What the template already renders, needed to write a patch that extends it (internal). @internal */
export interface _PatchContext {
  readonly syncOptions: string[];
  readonly automated?: { [key: string]: boolean | undefined };
  readonly helmValueFiles?: string[];
  readonly multiSource: boolean;
  readonly hasHelmSource: boolean;
  readonly rollingSync: boolean;
  readonly path: string;
}

/**
 * An ApplicationSet `templatePatch`: a Go-template YAML patch applied to each generated Application, for
 * fields that cannot be templated because they are not strings (booleans, lists, objects).
 * Prefer `fromParameters`, which writes the patch for you.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#template-patch
 */
export class TemplatePatch {
  /** A patch generated from parameter bindings (see `TemplateParameterBindings`). */
  public static fromParameters(bindings: TemplateParameterBindings): TemplatePatch {
    const used = Object.entries(bindings).filter(([, v]) => v !== undefined);
    if (used.length === 0) {
      fail(undefined, { rule: 'APPSET-044', problem: 'TemplatePatch.fromParameters needs at least one binding', value: bindings, fix: "pass e.g. { prune: 'prune' }" });
    }
    for (const [k, v] of used) {
      if (typeof v !== 'string' || !PARAM_PATH.test(v)) {
        fail(undefined, {
          rule: 'APPSET-045',
          problem: `template parameter binding ${k} must be a parameter path (without braces or the leading dot)`,
          value: v,
          fix: `write e.g. ${k}: '${k}' for {{.${k}}}`,
        });
      }
    }
    return new TemplatePatch(undefined, { ...bindings });
  }

  /**
   * A hand-written patch: YAML (or JSON) with Go-template actions, applied to each generated Application.
   * It must not set `spec.project` (Argo CD ignores it there), and an empty key (`spec:` with nothing below)
   * clears the template's field.
   */
  public static fromYaml(goTemplateYaml: string): TemplatePatch {
    if (typeof goTemplateYaml !== 'string' || goTemplateYaml.trim() === '') {
      fail(undefined, { rule: 'APPSET-046', problem: 'a templatePatch is empty', value: goTemplateYaml, fix: 'write the patch as YAML, e.g. "spec:\\n  syncPolicy: ..."' });
    }
    if (/^\s{1,}project\s*:/m.test(goTemplateYaml) && /^spec\s*:/m.test(goTemplateYaml)) {
      fail(undefined, {
        rule: 'APPSET-047',
        problem: 'a templatePatch cannot change spec.project (Argo CD does not apply it)',
        value: goTemplateYaml.split('\n').find(l => /^\s+project\s*:/.test(l)),
        fix: "set project in the template instead (it may use a parameter, e.g. project: '{{.project}}')",
      });
    }
    TemplatePatch.checkGoTemplate(goTemplateYaml);
    const syntax = templatedYamlSyntaxError(goTemplateYaml);
    if (syntax) {
      fail(undefined, {
        rule: 'APPSET-301',
        problem: `the templatePatch is not valid YAML once its parameters are filled in: line ${syntax.line}: ${syntax.message}`,
        value: goTemplateYaml.split('\n')[syntax.line - 1] ?? '',
        fix: 'fix the YAML (quote a value that starts with a template action: key: \'{{ .x }}\')',
      });
    }
    return new TemplatePatch(goTemplateYaml, undefined);
  }

  /**
   * A patch the library writes itself, whose YAML shape is fixed (only the insides of its template actions vary):
   * the Go template is checked, the YAML syntax check (which loads the YAML parser) is not needed. Tests parse
   * every such patch.
   * @internal
   */
  public static _ofLibrary(goTemplateYaml: string): TemplatePatch {
    TemplatePatch.checkGoTemplate(goTemplateYaml);
    return new TemplatePatch(goTemplateYaml, undefined);
  }

  private static checkGoTemplate(goTemplateYaml: string): void {
    try {
      templateReferences(goTemplateYaml);
    } catch (e) {
      if (e instanceof GoTemplateError) {
        fail(undefined, { rule: 'APPSET-048', problem: `the templatePatch is not a valid Go template: ${e.message}`, value: goTemplateYaml.slice(0, 120), fix: 'fix the template syntax' });
      }
      throw e;
    }
  }

  /** The parameter bindings, for `fromParameters` patches. */
  public readonly bindings?: TemplateParameterBindings;
  private readonly raw?: string;

  private constructor(raw: string | undefined, bindings: TemplateParameterBindings | undefined) {
    this.raw = raw;
    this.bindings = bindings;
  }

  /** True for a generated (`fromParameters`) patch. */
  public get generated(): boolean {
    return this.bindings !== undefined;
  }

  /**
   * The parameters the patch reads (for the ApplicationSet's parameter checks).
   * @internal
   */
  public _references(): string[] {
    if (this.raw !== undefined) return templateReferences(this.raw);
    return [...new Set(Object.values(this.bindings!).filter((v): v is string => v !== undefined))].sort();
  }

  /**
   * Whether the generated patch takes over `syncPolicy.automated` (so the template must not render it).
   * @internal
   */
  public get _ownsAutomated(): boolean {
    return this.bindings?.autoSync !== undefined;
  }

  /**
   * Renders the patch text for the template described by `ctx`.
   * @internal
   */
  public _render(ctx: _PatchContext): string {
    if (this.raw !== undefined) return this.raw.endsWith('\n') ? this.raw : this.raw + '\n';
    const b = this.bindings!;
    if ((b.prune || b.selfHeal) && !ctx.automated && !b.autoSync) {
      fail(ctx.path, {
        rule: 'APPSET-049',
        problem: 'prune and selfHeal bindings only apply to automated sync, but the template has no syncPolicy.automated',
        value: { prune: b.prune, selfHeal: b.selfHeal },
        fix: 'add syncPolicy.automated to the template (with RollingSync: automated: { enabled: false }), or bind autoSync too',
      });
    }
    if (b.autoSync && ctx.rollingSync) {
      fail(ctx.path, {
        rule: 'APPSET-050',
        problem: 'an autoSync binding has no effect with RollingSync: the rollout turns auto-sync off on every generated Application',
        value: b.autoSync,
        fix: 'drop autoSync; the RollingSync steps sync the Applications (use MaxUpdate.PAUSE for a manual gate)',
      });
    }
    if (b.helmValueFiles && (ctx.multiSource || !ctx.hasHelmSource)) {
      fail(ctx.path, {
        rule: 'APPSET-051',
        problem: 'a helmValueFiles binding needs a template with a single Helm source (a patch cannot address one item of sources)',
        value: b.helmValueFiles,
        fix: 'use source: ApplicationSource.helm(...) or helmChart(...), or write a TemplatePatch.fromYaml with the whole sources list',
      });
    }
    const lines: string[] = ['spec:'];
    const automatedLines = (indent: string): string[] => {
      const out: string[] = [];
      const base = { ...ctx.automated };
      if (b.prune) base.prune = undefined;
      if (b.selfHeal) base.selfHeal = undefined;
      const entries: string[] = [];
      for (const k of ['enabled', 'prune', 'selfHeal', 'allowEmpty']) {
        const bound = k === 'prune' ? b.prune : k === 'selfHeal' ? b.selfHeal : undefined;
        if (bound) entries.push(`${k}: {{ .${bound} }}`);
        else if (base[k] !== undefined) entries.push(`${k}: ${base[k]}`);
      }
      out.push(entries.length ? `${indent}automated:` : `${indent}automated: {}`);
      for (const e of entries) out.push(`${indent}  ${e}`);
      return out;
    };
    const syncPolicy: string[] = [];
    if (b.syncOptions) {
      const statics = ctx.syncOptions.map(o => JSON.stringify(o)).join(' ');
      const expr = statics ? `concat (list ${statics}) .${b.syncOptions}` : `.${b.syncOptions}`;
      syncPolicy.push(`    syncOptions: {{ toJson (${expr}) }}`);
    }
    if (b.autoSync) {
      // false renders `automated: null`, which the strategic merge patch removes; the template itself never
      // renders automated when autoSync is bound, and `syncPolicy:` is never left empty (that would clear it)
      syncPolicy.push(`{{- if .${b.autoSync} }}`, ...automatedLines('    '), '{{- else }}', '    automated: null', '{{- end }}');
    } else if (b.prune || b.selfHeal) {
      syncPolicy.push(...automatedLines('    '));
    }
    if (syncPolicy.length > 0) lines.push('  syncPolicy:', ...syncPolicy);
    if (b.helmValueFiles) {
      const statics = (ctx.helmValueFiles ?? []).map(o => JSON.stringify(o)).join(' ');
      const expr = statics ? `concat (list ${statics}) .${b.helmValueFiles}` : `.${b.helmValueFiles}`;
      lines.push('  source:', '    helm:', `      valueFiles: {{ toJson (${expr}) }}`);
    }
    return lines.join('\n') + '\n';
  }
}
