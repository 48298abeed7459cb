/**
 * Fields an older Argo CD does not know. Its CRDs are structural, so the API server silently prunes unknown
 * fields: `automated.enabled: false` sent to a 3.0 cluster simply disappears and auto-sync stays on.
 * Source: field diff of the CRDs v2.14.21 … v3.5.1 (ARGOCD-NOTES.md §8) and the upgrade notes
 * docs/operator-manual/upgrading/*.md.
 */

/** The version the bindings were generated from; the default target. */
export const BINDINGS_ARGOCD_VERSION = '3.5.1';

interface FieldRule {
  readonly kind: 'Application' | 'ApplicationSet' | 'AppProject';
  /** dotted path; `*` matches every array element or map value */
  readonly path: string;
  readonly since: string;
  readonly what: string;
}

const APP_SOURCE_FIELDS: Array<[string, string, string]> = [
  ['tagPrefix', '3.5', 'source tagPrefix'],
  ['kustomize.ignoreMissingComponents', '3.0', 'kustomize ignoreMissingComponents'],
  ['kustomize.labelIncludeTemplates', '3.0', 'kustomize labelIncludeTemplates'],
];

const APP_SPEC_FIELDS: Array<[string, string, string]> = [
  ['syncPolicy.automated.enabled', '3.1', 'syncPolicy.automated.enabled'],
  ['syncPolicy.retry.refresh', '3.2', 'syncPolicy.retry.refresh'],
  ['sourceHydrator.syncSource.repoURL', '3.5', 'sourceHydrator.syncSource.repoURL'],
  ...APP_SOURCE_FIELDS.map(([p, v, w]): [string, string, string] => [`source.${p}`, v, w]),
  ...APP_SOURCE_FIELDS.map(([p, v, w]): [string, string, string] => [`sources.*.${p}`, v, w]),
];

const RULES: FieldRule[] = [
  ...APP_SPEC_FIELDS.map(([p, since, what]) => ({ kind: 'Application' as const, path: `spec.${p}`, since, what })),
  ...APP_SPEC_FIELDS.map(([p, since, what]) => ({ kind: 'ApplicationSet' as const, path: `spec.template.spec.${p}`, since, what })),
  { kind: 'ApplicationSet', path: 'spec.strategy.deletionOrder', since: '3.2', what: 'strategy.deletionOrder' },
  ...['clusterResourceWhitelist', 'clusterResourceBlacklist', 'namespaceResourceWhitelist', 'namespaceResourceBlacklist']
    .map(l => ({ kind: 'AppProject' as const, path: `spec.${l}.*.name`, since: '3.3', what: `${l}[].name` })),
  { kind: 'AppProject', path: 'spec.syncWindows.*.andOperator', since: '3.0', what: 'syncWindows[].andOperator' },
  { kind: 'AppProject', path: 'spec.syncWindows.*.description', since: '3.1', what: 'syncWindows[].description' },
  { kind: 'AppProject', path: 'spec.syncWindows.*.syncOverrun', since: '3.5', what: 'syncWindows[].syncOverrun' },
  { kind: 'AppProject', path: 'spec.sourceIntegrity', since: '3.5', what: 'sourceIntegrity' },
];

/** Parses `3`, `3.1`, `3.1.2`, `v3.1.2` into [major, minor, patch]; undefined when malformed. */
export function parseArgoCdVersion(v: string): [number, number, number] | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(v.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

/** a < b */
export function versionLessThan(a: string, b: string): boolean {
  const x = parseArgoCdVersion(a)!;
  const y = parseArgoCdVersion(b)!;
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i];
  return false;
}

/** A problem message when `v` is not a supported target (2.x is out of scope: the bindings are 3.x). */
export function validateTargetVersion(v: string): string | undefined {
  const p = parseArgoCdVersion(v);
  if (!p) return `the Argo CD target version must look like 3.1 or 3.1.2 (got ${JSON.stringify(v)}). Fix: use a 3.x version [TGT-003]`;
  if (p[0] !== 3 || versionLessThan(BINDINGS_ARGOCD_VERSION, v)) {
    return `the Argo CD target version must be between 3.0 and ${BINDINGS_ARGOCD_VERSION}, the version of the bindings (got ${JSON.stringify(v)}). `
      + 'Fix: target a 3.x release up to ' + BINDINGS_ARGOCD_VERSION + ' [TGT-004]';
  }
  return undefined;
}

/**
 * The fields of one synthesized Argo CD document that `target` would silently drop, as messages naming the object,
 * the field, the version it needs and the fix. Documents of other kinds give none.
 */
export function fieldsTooNewFor(doc: any, target: string): string[] {
  if (!doc || typeof doc !== 'object' || typeof doc.apiVersion !== 'string' || !doc.apiVersion.startsWith('argoproj.io/')) return [];
  const out: string[] = [];
  for (const rule of RULES) {
    if (rule.kind !== doc.kind || !versionLessThan(target, rule.since)) continue;
    for (const where of presentAt(doc, rule.path.split('.'), [])) {
      out.push(`${doc.kind} ${JSON.stringify(doc.metadata?.name)}: ${where} (${rule.what}) needs Argo CD ${rule.since}, but the target is ${target}: `
        + `its API server would silently drop the field (got ${JSON.stringify(valueAt(doc, where))}). `
        + `Fix: remove the setting, or raise the target version (ArgoCdTarget.set) to ${rule.since} or later [TGT-002]`);
    }
  }
  return out;
}

/** Behaviour that differs at `target` from the bindings' version, for a document (informational). */
export function behaviourNotesFor(doc: any, target: string): string[] {
  const notes: string[] = [];
  if (doc?.kind === 'ApplicationSet' && doc.spec?.strategy?.type === 'RollingSync' && versionLessThan(target, '3.3')) {
    notes.push(`ApplicationSet ${JSON.stringify(doc.metadata?.name)}: with RollingSync, Argo CD ${target} removes syncPolicy.automated from `
      + 'generated Applications entirely (3.3+ writes automated.enabled: false instead); prune from the template is still honoured');
  }
  return notes;
}

function presentAt(obj: any, path: string[], prefix: string[]): string[] {
  if (obj === undefined || obj === null) return [];
  if (path.length === 0) return [prefix.join('.')];
  const [head, ...rest] = path;
  if (head === '*') {
    if (Array.isArray(obj)) return obj.flatMap((v, i) => presentAt(v, rest, [...prefix.slice(0, -1), `${prefix[prefix.length - 1]}[${i}]`]));
    if (typeof obj === 'object') return Object.keys(obj).flatMap(k => presentAt(obj[k], rest, [...prefix, k]));
    return [];
  }
  if (typeof obj !== 'object' || !(head in obj)) return [];
  return presentAt(obj[head], rest, [...prefix, head]);
}

function valueAt(obj: any, where: string): unknown {
  let cur = obj;
  for (const part of where.split('.')) {
    const m = /^(.*?)\[(\d+)\]$/.exec(part);
    cur = m ? cur?.[m[1]]?.[Number(m[2])] : cur?.[part];
  }
  return cur;
}
