import type { SourceOptions } from './application-source';
import { argoApplicationBindings } from '../app/lazy-modules';

/**
 * The one table that maps an `ApplicationSource`'s options to Argo CD's source fields and back: each row names
 * the library option, the Argo CD (CRD / YAML) field, and the converters between them. `ApplicationSource._toArgo`
 * renders with it (into the generated binding's shape), and a component file's source (`component.yaml`) is read
 * back with it (`sourceOptionsFromArgo`), so a field added here is written and read alike. Internal.
 */

/** The YAML type a field must have when read (what the Argo CD source schema says). */
export type FieldShape = 'string' | 'boolean' | 'mapping' | 'string list' | 'mapping list' | 'string mapping';

/** One row: a library option and the Argo CD field it becomes. */
export interface SourceField {
  /** option name in the library (`SourceOptions`, `HelmOptions`, ...) */
  readonly lib: string;
  /** field name in Argo CD's YAML */
  readonly argo: string;
  /** property of the generated binding, when it differs from `argo` (`repoURL` is `repoUrl` there) */
  readonly binding?: string;
  readonly shape: FieldShape;
  /** a nested block (helm, kustomize, directory, jsonnet, plugin) */
  readonly block?: readonly SourceField[];
  /** a block written even when all its fields are empty (plugin, jsonnet); others are dropped when empty */
  readonly keepEmpty?: boolean;
  /** the fields of each item of a list of mappings (copied field by field) */
  readonly items?: readonly SourceField[];
  /** library value to binding value */
  readonly toArgo?: (v: any) => any;
  /** Argo CD (YAML) value to library value */
  readonly fromArgo?: (v: any) => any;
}

const f = (lib: string, shape: FieldShape, more: Partial<SourceField> = {}): SourceField => ({ lib, argo: lib, shape, ...more });

/** A string map written with sorted keys (deterministic output). */
function sortedMap(m: { [key: string]: string }): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}

const JSONNET_VARIABLE = [f('name', 'string'), f('value', 'string'), f('code', 'boolean')];

/** The fields of a source, in the order they are written. */
export const SOURCE_FIELDS: readonly SourceField[] = [
  f('repoUrl', 'string', { argo: 'repoURL', binding: 'repoUrl' }),
  f('targetRevision', 'string'),
  f('path', 'string'),
  f('chart', 'string'),
  f('ref', 'string'),
  f('name', 'string'),
  f('tagPrefix', 'string'),
  f('helm', 'mapping', {
    block: [
      f('releaseName', 'string'),
      f('valueFiles', 'string list'),
      f('values', 'string'),
      f('valuesObject', 'mapping'),
      f('parameters', 'mapping list', { items: [f('name', 'string'), f('value', 'string'), f('forceString', 'boolean')] }),
      f('fileParameters', 'mapping list', { items: [f('name', 'string'), f('path', 'string')] }),
      f('skipCrds', 'boolean'),
      f('skipSchemaValidation', 'boolean'),
      f('skipTests', 'boolean'),
      f('passCredentials', 'boolean'),
      f('ignoreMissingValueFiles', 'boolean'),
      f('helmVersion', 'string', { argo: 'version' }),
      f('kubeVersion', 'string'),
      f('apiVersions', 'string list'),
      f('namespace', 'string'),
    ],
  }),
  f('kustomize', 'mapping', {
    block: [
      f('namePrefix', 'string'),
      f('nameSuffix', 'string'),
      f('images', 'string list'),
      f('namespace', 'string'),
      f('commonLabels', 'string mapping'),
      f('commonAnnotations', 'string mapping'),
      f('components', 'string list'),
      f('replicas', 'mapping list', {
        items: [
          f('name', 'string'),
          // an IntOrString in the binding; a number in YAML (item fields are not shape-checked when read)
          { lib: 'count', argo: 'count', shape: 'string', toArgo: (n: number) => argoApplicationBindings().ApplicationSpecSourceKustomizeReplicasCount.fromNumber(n) },
        ],
      }),
      f('patches', 'mapping list'), // as written (the binding's mapper shapes them)
      f('version', 'string'),
      f('labelWithoutSelector', 'boolean'),
      f('labelIncludeTemplates', 'boolean'),
      f('forceCommonLabels', 'boolean'),
      f('forceCommonAnnotations', 'boolean'),
      f('commonAnnotationsEnvsubst', 'boolean'),
      f('ignoreMissingComponents', 'boolean'),
      f('kubeVersion', 'string'),
      f('apiVersions', 'string list'),
    ],
  }),
  f('directory', 'mapping', {
    block: [
      f('recurse', 'boolean'),
      f('include', 'string'),
      f('exclude', 'string'),
      f('jsonnet', 'mapping', {
        keepEmpty: true,
        block: [
          f('extVars', 'mapping list', { items: JSONNET_VARIABLE }),
          f('tlas', 'mapping list', { items: JSONNET_VARIABLE }),
          f('libs', 'string list'),
        ],
      }),
    ],
  }),
  f('plugin', 'mapping', {
    keepEmpty: true,
    block: [
      f('name', 'string'),
      // a map in the library, a list of { name, value } (sorted by name) in Argo CD
      f('env', 'mapping list', {
        toArgo: (env: { [key: string]: string }) => Object.keys(env).sort().map(n => ({ name: n, value: env[n] })),
        fromArgo: (list: Array<{ name: string; value: string }>) => Object.fromEntries(list.map(e => [e.name, e.value])),
      }),
      f('parameters', 'mapping list', {
        items: [f('name', 'string'), f('string', 'string'), f('array', 'string list'), f('map', 'string mapping', { toArgo: sortedMap })],
      }),
    ],
  }),
];

/** Renders the fields of `o` (library names) into the binding's shape; undefined values are left out. */
function renderFields(fields: readonly SourceField[], o: any): any {
  const out: any = {};
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const v = o[field.lib];
    if (v === undefined) continue;
    let r: any;
    if (field.block) {
      if (!field.keepEmpty && !hasValue(v)) continue; // Argo CD strips empty type blocks (see ApplicationSource)
      r = renderFields(field.block, v);
    } else if (field.items && Array.isArray(v)) {
      r = renderItems(field.items, v);
    } else {
      r = field.toArgo ? field.toArgo(v) : v;
    }
    out[field.binding ?? field.argo] = r;
  }
  return out;
}

/**
 * `items.map(item => renderFields(fields, item))`, as a function of its own: a closure in `renderFields`'s loop would
 * make every pass of the loop allocate a context for `field` (about 0.3 KB per source rendered), whether or not
 * the field has items.
 */
function renderItems(fields: readonly SourceField[], items: readonly unknown[]): any[] {
  const out = new Array(items.length);
  for (let i = 0; i < items.length; i++) if (i in items) out[i] = renderFields(fields, items[i]); // holes stay holes, as with map
  return out;
}

function hasValue(o: object): boolean {
  for (const k in o) if ((o as any)[k] !== undefined) return true;
  return false;
}

/**
 * The source in the generated binding's shape (`argo.ApplicationSpecSource`), before the fromChart / default
 * revision adjustments `_toArgo` makes.
 */
export function renderSourceFields(o: SourceOptions): any {
  return renderFields(SOURCE_FIELDS, o);
}

/** Reads the fields of a YAML mapping (Argo CD names) into library options; unknown keys are not read. */
function readFields(fields: readonly SourceField[], y: any): any {
  const out: any = {};
  for (const field of fields) {
    const v = y[field.argo];
    if (v === undefined) continue;
    const mapping = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x);
    out[field.lib] = field.block && mapping(v) ? readFields(field.block, v)
      : field.items && Array.isArray(v) ? v.map(item => mapping(item) ? readFields(field.items!, item) : item)
        : field.fromArgo ? field.fromArgo(v) : v;
  }
  return out;
}

/** An Argo CD source mapping (as in an Application's YAML: `repoURL`, `helm.version`...) as `SourceOptions`. */
export function sourceOptionsFromArgo(y: any): SourceOptions {
  return readFields(SOURCE_FIELDS, y);
}

/** Every field with its dotted Argo CD path (`helm.valueFiles`), top-level fields first, then each block's. */
export function sourceFieldPaths(): Array<{ readonly path: string; readonly shape: FieldShape }> {
  const out: Array<{ path: string; shape: FieldShape }> = [];
  const blocks: Array<{ prefix: string; fields: readonly SourceField[] }> = [{ prefix: '', fields: SOURCE_FIELDS }];
  for (let i = 0; i < blocks.length; i++) {
    const { prefix, fields } = blocks[i];
    for (const field of fields) {
      const path = prefix + field.argo;
      out.push({ path, shape: field.shape });
      if (field.block) blocks.push({ prefix: path + '.', fields: field.block });
    }
  }
  return out;
}
