/**
 * Property paths of the Argo CD CRD schemas and of synthesized documents, in one notation
 * (`Kind:spec.source.helm.valueFiles`, `[]` for list items; maps are leaves), and the aliases that fold
 * repeated schema subtrees onto one canonical path (test/crd-field-coverage.test.ts, scripts/crd-coverage-doc.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

export type CrdKind = 'Application' | 'ApplicationSet' | 'AppProject';
export const CRD_KINDS: readonly CrdKind[] = ['Application', 'ApplicationSet', 'AppProject'];
const CRD_FILES: { [k in CrdKind]: string } = {
  Application: 'application-crd.yaml',
  ApplicationSet: 'applicationset-crd.yaml',
  AppProject: 'appproject-crd.yaml',
};

/** ObjectMeta fields the library can write (the CRDs leave `metadata` schemaless). */
export const METADATA_FIELDS = ['name', 'namespace', 'labels', 'annotations', 'finalizers'];

export function schemasDir(): string {
  return path.join(process.env.CDK8S_GITOPS_SCHEMAS ?? path.join(__dirname, '..', '..', '..', 'shared', 'schemas'), 'argocd');
}

/** Every property path of a CRD's schema, qualified (`Application:spec.source`), `status` included. */
export function schemaPaths(kind: CrdKind, dir = schemasDir()): string[] {
  const file = path.join(dir, CRD_FILES[kind]);
  if (!fs.existsSync(file)) throw new Error(`CRD schema not found: ${file} (set CDK8S_GITOPS_SCHEMAS)`);
  const crd = parse(fs.readFileSync(file, 'utf8'));
  const version = crd.spec.versions.find((v: any) => v.storage) ?? crd.spec.versions[0];
  const out: string[] = [];
  const walk = (node: any, p: string) => {
    if (!node || typeof node !== 'object') return;
    for (const k of Object.keys(node.properties ?? {})) {
      const q = p ? `${p}.${k}` : k;
      out.push(q);
      walk(node.properties[k], q);
    }
    if (node.items) walk(node.items, `${p}[]`);
  };
  walk(version.schema.openAPIV3Schema, '');
  for (const f of METADATA_FIELDS) out.push(`metadata.${f}`);
  return out.map(p => `${kind}:${p}`);
}

/**
 * Paths present in a synthesized document (qualified by its kind). Objects add their keys, lists add `[]`;
 * every object is descended (map keys such as labels produce extra paths, which match nothing and are ignored).
 */
export function documentPaths(doc: any): string[] {
  const out = new Set<string>();
  const walk = (v: any, p: string) => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, `${p}[]`);
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        const q = p ? `${p}.${k}` : k;
        out.add(q);
        walk(v[k], q);
      }
    }
  };
  walk(doc, '');
  return [...out].map(p => `${doc.kind}:${p}`);
}

/** A schema subtree that repeats another one: its paths are covered by (and counted as) the canonical ones. */
export interface PathAlias {
  readonly pattern: RegExp;
  readonly canonical: string;
  /** the pattern as the docs show it */
  readonly display: string;
  /** why the two subtrees are the same typed props */
  readonly reason: string;
}

export const ALIASES: readonly PathAlias[] = [
  {
    pattern: /^ApplicationSet:spec\.generators\[\]\.(matrix|merge)\.generators\[\]/,
    canonical: 'ApplicationSet:spec.generators[]',
    display: 'ApplicationSet:spec.generators[].matrix.generators[]…, ….merge.generators[]…',
    reason: 'a generator inside a matrix or merge is the same `Generator` (`Generator.matrix(a, b)`, `Generator.merge({ generators })`)',
  },
  {
    pattern: /^ApplicationSet:spec\.generators\[\]\.(\w+)\.template\./,
    canonical: 'ApplicationSet:spec.template.',
    display: 'ApplicationSet:spec.generators[].<generator>.template.…',
    reason: 'a generator template override (`GeneratorOptions.template`, `GeneratorTemplate`) has the fields of the ApplicationSet template',
  },
  {
    pattern: /^ApplicationSet:spec\.template\.spec\./,
    canonical: 'Application:spec.',
    display: 'ApplicationSet:spec.template.spec.…',
    reason: 'the ApplicationSet template spec is an Application spec, written with the same value classes (`ApplicationSource`, `Destination`, `SyncPolicy`...)',
  },
  {
    pattern: /^Application:spec\.sources\[\]/,
    canonical: 'Application:spec.source',
    display: 'Application:spec.sources[]…',
    reason: 'each of `sources` is an `ApplicationSource`, like `source`',
  },
];

/** The canonical form of a qualified path (aliases applied until none matches). */
export function canonical(p: string): string {
  for (let i = 0; i < 20; i++) {
    const a = ALIASES.find(x => x.pattern.test(p));
    if (!a) return p;
    p = p.replace(a.pattern, a.canonical);
  }
  throw new Error(`alias loop at ${p}`);
}

/** Every canonical spec-side path of the three CRDs (status included: the table excludes it). */
export function canonicalSchemaPaths(dir = schemasDir()): { canonical: string[]; aliased: Array<{ path: string; canonical: string }> } {
  const all = CRD_KINDS.flatMap(k => schemaPaths(k, dir));
  const set = new Set<string>();
  const aliased: Array<{ path: string; canonical: string }> = [];
  for (const p of all) {
    const c = canonical(p);
    if (c === p) set.add(p);
    else aliased.push({ path: p, canonical: c });
  }
  return { canonical: [...set].sort(), aliased };
}
