import { IConstruct } from 'constructs';
import type * as argo from '../../imports/argoproj.io';
import type { ParamContext } from '../declared-clusters';

/**
 * The param-space engine: what a generator is known to produce at synth (parameter sets, or their shape), and how
 * matrix and merge combine them.
 */

/** What a generator family contributes to a Generator: its `spec.generators` entry and its parameter space. */
export interface GeneratorParts {
  /** the generator as it appears in `spec.generators`, before the post-selector and template override */
  readonly body: (scope?: IConstruct) => argo.ApplicationSetSpecGenerators;
  /** what it produces, before the post-selector */
  readonly params: (ctx?: ParamContext) => _ParamSpace;
  /** parameters that are maps in Go templates (the git directory generator's `path`) */
  readonly mapParameters?: string[];
}

/**
 * What a generator is known to produce at synth (internal).
 * - `sets`: one entry per parameter set when the values are known (list, components), else one shape entry.
 * @internal
 */
export interface _ParamSpace {
  /** true when `sets` are the actual parameter sets (values known) */
  readonly knowable: boolean;
  readonly sets: _ParamSet[];
  /** why the values are not knowable, e.g. 'pullRequest generator' */
  readonly unknownBecause?: string;
}

/** @internal */
export interface _ParamSet {
  /** where the set comes from, for messages: `list element #2`, `component.yaml of cert-manager` */
  readonly origin: string;
  /** the parameter values (knowable sets only) */
  readonly values?: { [key: string]: any };
  /** every readable path (leaves and objects), e.g. `path`, `path.basename` */
  readonly paths: string[];
  /** path prefixes under which anything may exist, e.g. `metadata.labels` */
  readonly openPrefixes: string[];
  /** anything may exist (unknown generator output) */
  readonly open: boolean;
}

/** Flattens parameters to `a.b` → string value (what post-selectors compare). @internal */
export function flattenParameters(v: { [key: string]: any }, prefix = '', out: { [key: string]: string } = {}): { [key: string]: string } {
  for (const [k, x] of Object.entries(v)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) flattenParameters(x, key, out);
    else out[key] = typeof x === 'string' ? x : JSON.stringify(x);
  }
  return out;
}

function allPaths(v: { [key: string]: any }, prefix = '', out: string[] = []): string[] {
  for (const [k, x] of Object.entries(v)) {
    const key = prefix ? `${prefix}.${k}` : k;
    out.push(key);
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) allPaths(x, key, out);
  }
  return out;
}

export function knownSet(origin: string, values: { [key: string]: any }): _ParamSet {
  return { origin, values, paths: allPaths(values), openPrefixes: [], open: false };
}

export function shapeSet(origin: string, paths: string[], openPrefixes: string[]): _ParamSet {
  return { origin, paths, openPrefixes, open: false };
}

export function openSet(origin: string): _ParamSet {
  return { origin, paths: [], openPrefixes: [], open: true };
}

export function preview(v: unknown): string {
  const s = JSON.stringify(v);
  return s.length > 80 ? s.slice(0, 77) + '...' : s;
}

/** Deep merge, b wins. */
function mergeValues(a: { [key: string]: any }, b: { [key: string]: any }): { [key: string]: any } {
  const out: { [key: string]: any } = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = cur && typeof cur === 'object' && !Array.isArray(cur) && v && typeof v === 'object' && !Array.isArray(v) ? mergeValues(cur, v) : v;
  }
  return out;
}

function combineSets(a: _ParamSet, b: _ParamSet): _ParamSet {
  return {
    origin: `${a.origin} × ${b.origin}`,
    values: a.values && b.values ? mergeValues(a.values, b.values) : undefined,
    paths: [...new Set([...a.paths, ...b.paths])],
    openPrefixes: [...new Set([...a.openPrefixes, ...b.openPrefixes])],
    open: a.open || b.open,
  };
}

export function combineMatrix(a: _ParamSpace, b: _ParamSpace): _ParamSpace {
  const sets: _ParamSet[] = [];
  for (const x of a.sets) for (const y of b.sets) sets.push(combineSets(x, y));
  return {
    knowable: a.knowable && b.knowable,
    sets,
    unknownBecause: a.unknownBecause ?? b.unknownBecause,
  };
}

export function combineMerge(keys: string[], spaces: _ParamSpace[]): _ParamSpace {
  const [base, ...others] = spaces;
  if (spaces.every(s => s.knowable)) {
    const keyOf = (v: { [key: string]: any }) => JSON.stringify(keys.map(k => flattenParameters(v)[k]));
    const sets = base.sets.map(s => {
      let values = s.values!;
      let origin = s.origin;
      for (const o of others) {
        const match = o.sets.find(x => keyOf(x.values!) === keyOf(values));
        if (match) {
          values = mergeValues(values, match.values!);
          origin = `${origin} + ${match.origin}`;
        }
      }
      return knownSet(origin, values);
    });
    return { knowable: true, sets };
  }
  // shapes: the base sets, possibly extended by any other generator's parameters
  const extra = others.flatMap(o => o.sets);
  return {
    knowable: false,
    unknownBecause: spaces.find(s => !s.knowable)?.unknownBecause,
    sets: base.sets.map(s => ({
      origin: `merge of ${s.origin}`,
      paths: [...new Set([...s.paths, ...extra.flatMap(e => e.paths)])],
      openPrefixes: [...new Set([...s.openPrefixes, ...extra.flatMap(e => e.openPrefixes)])],
      open: s.open || extra.some(e => e.open),
    })),
  };
}
