/**
 * fast-check arbitraries and helpers for the property-based tests (test/property-*.test.ts).
 *
 * Every arbitrary mixes valid and invalid values of the declared type (names that are valid DNS-1123, upper case,
 * too long, empty, unicode...), plus a few values of the wrong JavaScript type for the central props (name,
 * project, namespace): TypeScript users can pass those with a cast, jsii users from other languages cannot.
 *
 * The oracle of every property is the same:
 * - an accepted input synthesizes manifests that are valid against the CRD schemas (test/util/schema.ts);
 * - a rejected input fails with our own error: an Error (not a TypeError, RangeError, ...) whose message says
 *   `Fix:` (for cdk8s validation errors, every `[path] ...` entry does).
 *
 * Runs are budgeted in BUDGET (numRuns per property, per test file); each file checks at its end that every
 * property of its budget ran exactly that many cases, and test/property-values.test.ts checks the total.
 * Seeds are fixed per property (CI is reproducible); run with `FC_SEED=random` (or a number) to explore:
 *   FC_SEED=random npx jest test/property --ci --coverage=false
 */
import { App, Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { expectSchemaValid } from './schema';
import { ApplicationSource, SyncOption, SyncPolicy } from '../../src';

// ---------------------------------------------------------------------------------------------------------------
// Budget: numRuns per property. Value-level properties (no synth) are cheap and get many runs; properties that
// synthesize and schema-validate charts get fewer. Totals: values 13,300 + application 3,700 + project 3,100 +
// patterns 2,150 + hostile 4,400 = 26,650 generated cases (about 30 s on two cores, with the determinism and secure-defaults tests).

export const BUDGET = {
  values: {
    'SyncOption.of': 2000,
    'SyncOption lists render or fail': 500,
    'Destination.of': 1500,
    'ApplicationSource factories': 1500,
    'MaxUpdate count/percent': 600,
    'ApplicationSetStrategy.rollingSync': 800,
    'Generator.list': 800,
    'Generator git/clusters/merge/matrix': 800,
    'Generator pullRequest/scmProvider': 400,
    'TemplatePatch': 500,
    'ProjectPolicy and actions': 500,
    'Component props': 800,
    'Component.fromYaml': 800,
    'Helmfile.fromYaml': 1000,
    'DatabaseCredentials and ModelRegistryDatabase': 500,
    'GitOpsApp and GitOpsChart paths': 300,
  },
  application: {
    'Application props synthesize schema-valid or fail with our error': 1500,
    'Application wrong JS types for name/project/namespace': 300,
    'Application multi-source $ref value files': 500,
    'ApplicationSet props synthesize schema-valid or fail with our error': 800,
    'ApplicationSet with RollingSync and templatePatch': 400,
    'ApplicationSet wrong JS types for name/namespace/project': 200,
  },
  project: {
    'AppProject props synthesize schema-valid or fail with our error': 1000,
    'AppProject sync windows (cron, duration, time zone)': 600,
    'AppProject roles and policies': 500,
    'ScopedAppProject never emits * or ! without opt-in': 800,
    'AppProject wrong JS types for name/namespace/entries': 200,
  },
  patterns: {
    'AppOfApps children synthesize schema-valid or fail with our error': 400,
    'TieredApplicationSet components synthesize schema-valid or fail with our error': 400,
    'ArgoCdSettings keys and values': 800,
    'ModelRegistryStack props synthesize schema-valid or fail with our error': 250,
    'HelmfileMigration from generated Helmfiles': 300,
  },
  hostile: {
    'hostile chart ids and folders never write outside outdir': 300,
    'hostile relative paths are contained or refused': 1500,
    'hostile namespace and kind globs never reach the system unopted': 800,
    'non-plain values never reach the manifest': 600,
    'hostile embedded texts parse or fail with a line': 600,
    'JavaScript-typed props fail with what was expected': 600,
  },
} as const;

export type PropertyFile = keyof typeof BUDGET;

/** Sum of every numRuns in BUDGET. */
export const TOTAL_RUNS: number = Object.values(BUDGET)
  .flatMap(f => Object.values(f) as number[])
  .reduce((a, b) => a + b, 0);

const executed = new Map<string, number>();

function seedOf(key: string): number | undefined {
  const env = process.env.FC_SEED;
  if (env === 'random') return undefined;
  if (env !== undefined && env !== '' && Number.isInteger(Number(env))) return Number(env);
  let h = 2166136261;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) % 2147483647;
  return h;
}

/**
 * Runs `check` on BUDGET[file][name] generated values (fast-check, shrinking on failure) and records how many ran.
 * `check` throws (e.g. a failed `expect`) to report a counterexample.
 */
export function runProperty<T>(file: PropertyFile, name: string, arb: fc.Arbitrary<T>, check: (value: T) => void): void {
  const numRuns = (BUDGET[file] as { [k: string]: number })[name];
  if (numRuns === undefined) throw new Error(`no budget for property ${file}/${name}: add it to BUDGET in test/util/arbitraries.ts`);
  const key = `${file}/${name}`;
  stats = { accepted: 0, rejected: 0 };
  const result = fc.check(fc.property(arb, v => {
    check(v);
  }), { numRuns, seed: seedOf(key), endOnFailure: false });
  if (result.failed) {
    const cause = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    throw new Error(`property "${key}" failed:\n${fc.defaultReportMessage(result) ?? ''}\n\nError on the shrunk counterexample:\n${cause}`);
  }
  executed.set(key, (executed.get(key) ?? 0) + result.numRuns);
  // PROPERTY_STATS=1 shows how the generated inputs split between accepted and rejected ones (=errors: and why)
  if (process.env.PROPERTY_STATS) process.stdout.write(`${key}: ${result.numRuns} runs, ${stats.accepted} accepted, ${stats.rejected} rejected\n`);
}

let stats = { accepted: 0, rejected: 0 };

/** How many cases ran per property of `file` in this process (test files run in their own module registry). */
export function executedRuns(file: PropertyFile): { [name: string]: number } {
  const out: { [name: string]: number } = {};
  for (const name of Object.keys(BUDGET[file])) out[name] = executed.get(`${file}/${name}`) ?? 0;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The oracle

const FOREIGN_ERRORS = /\b(TypeError|RangeError|ReferenceError|SyntaxError|EvalError|URIError)\b/;

/** Why `e` is not one of our validation errors, or undefined when it is. */
export function notOurError(e: unknown): string | undefined {
  if (!(e instanceof Error)) return `threw a non-Error: ${String(e)}`;
  if (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError || e instanceof SyntaxError) {
    return `threw a ${e.name}: ${e.message}\n${e.stack}`;
  }
  const message = e.message;
  if (FOREIGN_ERRORS.test(message)) return `the error wraps a JavaScript error: ${message}\n${e.stack}`;
  if (message.startsWith('Validation failed with the following errors:')) {
    const entries = message.split(/\n {2}(?=\[)/).slice(1);
    if (entries.length === 0) return `a validation error without entries: ${message}`;
    const bad = entries.filter(x => !x.includes('Fix:'));
    if (bad.length) return `validation error entries without a Fix: ${bad.join(' | ')}`;
    return undefined;
  }
  if (!message.includes('Fix:')) return `the error names no fix: ${e.name}: ${message}\n${e.stack}`;
  return undefined;
}

/** Throws (with the reason) unless `e` is our own validation error. */
export function expectOurError(e: unknown, input?: unknown): void {
  const why = notOurError(e);
  if (why) throw new Error(`${why}\ninput: ${safeJson(input)}`);
}

/**
 * Runs `build`: returns its result when it succeeds, `undefined` when it fails with our own error; throws
 * otherwise (a TypeError, an error without a fix...).
 */
export function acceptedOrOurError<T>(build: () => T, input?: unknown): T | undefined {
  let value: T;
  try {
    value = build();
  } catch (e) {
    expectOurError(e, input);
    stats.rejected++;
    if (process.env.PROPERTY_STATS === 'errors' && stats.rejected <= Number(process.env.PROPERTY_ERRORS ?? 8)) process.stdout.write(`  rejected: ${(e as Error).message.slice(0, 300)}\n`);
    return undefined;
  }
  stats.accepted++;
  return value;
}

/** Schema-validates the documents of an accepted input, naming the input on failure. */
export function expectValidDocs(docs: any[], input?: unknown): void {
  try {
    expectSchemaValid(docs);
  } catch (e) {
    throw new Error(`an accepted input synthesized schema-invalid manifests:\n${(e as Error).message}\ninput: ${safeJson(input)}`);
  }
}

/** The YAML documents of synthFiles() output (manifests only: component files and Markdown are skipped). */
export function manifestDocs(files: { [file: string]: string }): any[] {
  return Object.entries(files)
    .filter(([f]) => f.endsWith('.yaml') && !/component(\.disabled)?\.yaml$/.test(f))
    // YAML 1.1, as Kubernetes and Argo CD read manifests (sigs.k8s.io/yaml): `name: 0o7` is a string there
    .flatMap(([, text]) => parseAllDocuments(text, { version: '1.1' }).map(d => d.toJSON()))
    .filter(d => d !== null && d !== undefined);
}

export function safeJson(v: unknown): string {
  try {
    const s = JSON.stringify(v, (_k, x) => typeof x === 'bigint' ? `${x}n` : x === undefined ? '<undefined>' : x);
    return s === undefined ? String(v) : s.length > 2000 ? s.slice(0, 2000) + '...' : s;
  } catch {
    return String(v);
  }
}

/** A cdk8s App that never writes to disk (Testing.app() makes a temp folder per call). */
export function memoryApp(): App {
  return new App({ outdir: OUTDIR });
}
export const OUTDIR = '/tmp/cdk8s-gitops-property-tests-never-written';

// ---------------------------------------------------------------------------------------------------------------
// Generic building blocks

/** Values of the wrong JavaScript type (for props typed `string`). */
export const wrongType: fc.Arbitrary<any> = fc.constantFrom<any>(5, 0, -1, 1.5, NaN, true, false, null, {}, [], ['a'], { name: 'x' });

export const unicodeString = fc.string({ unit: 'grapheme', maxLength: 12 });
export const smallString = fc.string({ maxLength: 12 });

export const dnsLabel = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,14}[a-z0-9])?$/);
export const dnsSubdomain = fc.tuple(dnsLabel, fc.array(dnsLabel, { maxLength: 2 })).map(([a, b]) => [a, ...b].join('.'));

/** Strings that look like the JavaScript object prototype's keys: lookups into plain objects must not see them. */
export const prototypeKeys = fc.constantFrom('constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'prototype');

const tooLong = (min: number, max: number) => fc.stringMatching(/^[a-z]([-a-z0-9]*[a-z0-9])?$/).chain(s =>
  fc.integer({ min, max }).map(n => (s + 'x'.repeat(n)).slice(0, n)));

/** Names: valid DNS-1123 mostly, plus upper case, too long, empty, unicode, punctuation, templates. */
export const name: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: dnsLabel },
  { weight: 1, arbitrary: dnsSubdomain },
  { weight: 1, arbitrary: dnsLabel.map(s => s.toUpperCase()) },
  { weight: 1, arbitrary: tooLong(64, 90) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '-a', 'a-', 'a_b', 'a b', 'a/b', '.a', 'a..b', 'é', 'app-ü', '{{.name}}', '*', 'a\nb') },
  { weight: 1, arbitrary: prototypeKeys },
  { weight: 1, arbitrary: unicodeString },
);

/** A name, sometimes of the wrong JavaScript type. */
export const nameOrWrongType: fc.Arbitrary<any> = fc.oneof({ weight: 4, arbitrary: name }, { weight: 1, arbitrary: wrongType });

/** Namespaces: DNS-1123 labels mostly, plus invalid ones. */
export const namespace: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: dnsLabel },
  { weight: 1, arbitrary: dnsLabel.map(s => s.toUpperCase() + '_X') },
  { weight: 1, arbitrary: tooLong(64, 80) },
  { weight: 1, arbitrary: fc.constantFrom('', 'a.b', 'kube_system', ' argocd', 'argocd ', '-x', 'ns/1', 'ñ') },
  { weight: 1, arbitrary: prototypeKeys },
);

export const namespaceOrWrongType: fc.Arbitrary<any> = fc.oneof({ weight: 4, arbitrary: namespace }, { weight: 1, arbitrary: wrongType });

/** `a` or undefined (absent with probability `absent`). */
export function opt<T>(a: fc.Arbitrary<T>, absent = 0.5): fc.Arbitrary<T | undefined> {
  const w = Math.round(absent * 100);
  return fc.oneof({ weight: w, arbitrary: fc.constant(undefined) }, { weight: 100 - w, arbitrary: a });
}

/** `valid` mostly, `invalid` once in `1 + weight` cases: records of many fields then stay mostly valid. */
export function mostly<T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>, weight = 12): fc.Arbitrary<T> {
  return fc.oneof({ weight, arbitrary: valid }, { weight: 1, arbitrary: invalid });
}

/** Valid label keys `[prefix/]name`. */
export const validLabelKey: fc.Arbitrary<string> = fc.oneof(
  dnsLabel,
  fc.tuple(dnsSubdomain, fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?$/)).map(([p, n]) => `${p}/${n}`),
);

/** Valid label values. */
export const validLabelValue: fc.Arbitrary<string> = fc.stringMatching(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,12}[A-Za-z0-9])?)?$/);

/** Label keys `[prefix/]name`, valid and invalid. */
export const labelKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 7, arbitrary: validLabelKey },
  { weight: 2, arbitrary: fc.constantFrom('', '/', 'a/', '/a', 'a//b', 'a/b/c', 'Example.COM/x', 'a b', '-a', 'a_', 'x'.repeat(64), `${'a'.repeat(254)}/x`, 'ü/x', 'app.kubernetes.io/name') },
  { weight: 1, arbitrary: prototypeKeys },
);

/** Label values, valid and invalid. */
export const labelValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: validLabelValue },
  { weight: 1, arbitrary: tooLong(64, 70) },
  { weight: 2, arbitrary: fc.constantFrom('-a', 'a-', 'a b', 'a/b', 'a:b', 'é', '{{.x}}', '.x', 'x.') },
);

export const labels: fc.Arbitrary<{ [key: string]: string }> = fc.dictionary(labelKey, labelValue, { maxKeys: 3 });

/** Annotation keys (Kubernetes lower-cases the prefix before checking), valid and invalid. */
export const annotationKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: labelKey },
  { weight: 1, arbitrary: fc.constantFrom('Example.com/Note', 'a b', 'a/b/c', '', 'notifications.argoproj.io/subscribe.on-sync.slack') },
);
export const annotations: fc.Arbitrary<{ [key: string]: string }> =
  fc.dictionary(annotationKey, fc.oneof(smallString, unicodeString), { maxKeys: 3 });

/** Repository URLs, valid and invalid. */
export const repoUrl: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(dnsSubdomain, dnsLabel, dnsLabel).map(([h, o, r]) => `https://${h}.example.com/${o}/${r}.git`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'https://git.example.com/platform/gitops.git', 'http://git.example.com/x.git', 'git@github.com:org/repo.git',
      'ssh://git@git.example.com/org/repo.git', 'oci://registry.example.com/charts', 'registry.example.com/charts',
      'https://charts.jetstack.io', 'https://git.example.com/platform/*',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'not a url', '*', '**', '!https://x.example.com/a.git', 'https://x.example.com/a b', 'https://', 'ftp://x', '{{.repo}}') },
);

/** Cluster API server URLs, valid and invalid. */
export const serverUrl: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('https://kubernetes.default.svc', 'https://prod.example.com:6443', 'https://10.0.0.1', 'http://localhost:8080') },
  { weight: 1, arbitrary: dnsSubdomain.map(h => `https://${h}:6443`) },
  { weight: 1, arbitrary: fc.constantFrom('', 'kubernetes.default.svc', 'https://a b', 'in-cluster', '*', '{{.server}}', 'https://*') },
);

/** A cdk8s Duration from any number in any unit (NaN, 0, fractions, huge included; cdk8s itself refuses negative ones). */
export const duration: fc.Arbitrary<Duration> = fc.tuple(
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 600 }) },
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.double({ min: 0, max: 10 }) },
    { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, 0.5, 1e15, 1e300, 2 ** 53) },
  ),
  fc.constantFrom('millis', 'seconds', 'minutes', 'hours', 'days'),
).map(([n, unit]) => (Duration as any)[unit](n) as Duration);

/** Whole numbers mostly, with the edge cases: negative, floats, NaN, infinities, unsafe and huge integers. */
export const intLike: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -3, max: 20 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: false }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 1.5, -0, 2 ** 53, 2 ** 63, 1e21, 1e300, Number.MAX_SAFE_INTEGER) },
);

/** Sync waves: small integers mostly. */
export const wave: fc.Arbitrary<number> = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: -5, max: 10 }) }, { weight: 1, arbitrary: intLike });

/** Every Key=value Argo CD 3.5.1 accepts (mirrors src/argocd/sync-option.ts). */
export const KNOWN_SYNC_OPTIONS = [
  'ApplyOutOfSyncOnly=false', 'ApplyOutOfSyncOnly=true', 'ClientSideApplyMigration=false', 'ClientSideApplyMigration=true',
  'CreateNamespace=false', 'CreateNamespace=true', 'Delete=confirm', 'Delete=false', 'FailOnSharedResource=false',
  'FailOnSharedResource=true', 'Force=true', 'Prune=confirm', 'Prune=false', 'PruneLast=true', 'PrunePropagationPolicy=background',
  'PrunePropagationPolicy=foreground', 'PrunePropagationPolicy=orphan', 'Replace=false', 'Replace=true',
  'RespectIgnoreDifferences=false', 'RespectIgnoreDifferences=true', 'ServerSideApply=false', 'ServerSideApply=true',
  'SkipDryRunOnMissingResource=true', 'Validate=false', 'Validate=true',
];

/** Sync option strings: known ones, and mutations (case, unknown keys, empty parts, prototype keys, templates). */
export const syncOptionString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...KNOWN_SYNC_OPTIONS) },
  { weight: 1, arbitrary: fc.constantFrom(...KNOWN_SYNC_OPTIONS).map(s => s.toLowerCase()) },
  { weight: 1, arbitrary: fc.constantFrom(...KNOWN_SYNC_OPTIONS).map(s => s.replace('=', ' = ')) },
  { weight: 1, arbitrary: fc.tuple(prototypeKeys, fc.constantFrom('true', 'x', '')).map(([k, v]) => `${k}=${v}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('CreateNamespace', 'CreateNamespace=', '=true', 'CreateNamespace=TRUE', 'Foo=bar', 'Prune=true',
      'CreateNamespace=true,PruneLast=true', 'CreateNamespace={{.x}}', '{{.syncOption}}', '', ' ', 'Validate=false=true'),
  },
  { weight: 1, arbitrary: fc.tuple(fc.stringMatching(/^[A-Za-z]{1,12}$/), smallString).map(([k, v]) => `${k}=${v}`) },
);

/** Helm value files: plain paths, `$ref/...` references, and broken references. */
export const valueFile = (refs: readonly string[] = ['values']): fc.Arbitrary<string> => fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('values.yaml', 'values/prod.yaml', 'env/dev/values.yaml') },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...refs), fc.constantFrom('values.yaml', 'a/b.yaml')).map(([r, p]) => `$${r}/${p}`) },
  { weight: 2, arbitrary: fc.constantFrom('$other/x.yaml', '$values', '$/x.yaml', 'a/$values/x.yaml', '$va lues/x.yaml', '$values/', '$values/ x', '$$values/x', '$ values/x') },
);

/** Go-template strings as they appear in ApplicationSet templates (valid, broken, missing keys). */
export const templateString = (params: readonly string[]): fc.Arbitrary<string> => fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...params).map(p => `{{.${p}}}`) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...params), dnsLabel).map(([p, s]) => `${s}-{{.${p}}}`) },
  { weight: 1, arbitrary: fc.constantFrom(...params).map(p => `{{ .${p} | lower }}`) },
  { weight: 1, arbitrary: fc.constantFrom(...params).map(p => `{{- .${p} -}}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('{{.missing}}', '{{.x', '{{ .x }', '{{env}}', '{{}}', '{{ if .env }}a{{ end }}', '{{ .env | nosuchfn }}',
      'static', '', 'UPPER-{{.env}}', '{{.env}}_{{.env}}', '{{ .a.b.c }}', '{{ index . "env" }}', '{{ printf "%s-x" .env }}'),
  },
);

/** Generator list elements: objects of parameters mostly, plus wrong shapes. */
export const listElement = (keys: readonly string[]): fc.Arbitrary<any> => fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(Object.fromEntries(keys.map(k => [k, dnsLabel])) as { [k: string]: fc.Arbitrary<string> }, { requiredKeys: [] }),
  },
  {
    weight: 2,
    arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...keys), smallString, prototypeKeys), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  },
  { weight: 1, arbitrary: fc.constantFrom<any>(null, 5, 'x', [], [{ env: 'a' }], true) },
);

/** Argo CD project globs: names, wildcards, character classes, `!` denials, and broken patterns. */
export const projectGlob: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: dnsLabel },
  { weight: 2, arbitrary: dnsLabel.map(s => `${s}-*`) },
  { weight: 1, arbitrary: dnsLabel.map(s => `!${s}`) },
  { weight: 1, arbitrary: fc.constantFrom('*', '**', '!*', '?', '[a-z]*', '[', '[]', '{a,b}', '{a', 'a\\', '!', '!!a', '', ' ', '*/*', '[!a]*', 'a[') },
);

/** Cron schedules: valid five-field ones and broken ones (descriptors, seconds, out-of-range fields). */
export const cron: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(
      fc.oneof(fc.integer({ min: 0, max: 59 }).map(String), fc.constantFrom('*', '*/5', '0-30', '0,30')),
      fc.oneof(fc.integer({ min: 0, max: 23 }).map(String), fc.constantFrom('*', '*/2', '9-17')),
      fc.oneof(fc.integer({ min: 1, max: 28 }).map(String), fc.constantFrom('*', '1-15')),
      fc.oneof(fc.integer({ min: 1, max: 12 }).map(String), fc.constantFrom('*', 'JAN', 'jan-mar', '*/3')),
      fc.oneof(fc.integer({ min: 0, max: 6 }).map(String), fc.constantFrom('*', 'MON-FRI', 'sun', '1-5')),
    ).map(f => f.join(' ')),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('@daily', '@hourly', '@every 1h', '* * * * * *', '* * * *', '61 * * * *', '0 24 * * *', '0 0 32 * *',
      '0 0 * 13 *', '0 0 * * 8', '0 0 * * 7', '0 0 L * *', '0 0 * * ?', 'a b c d e', '', ' ', '*/0 * * * *', '5-1 * * * *', '0 0 31 2 *', '-1 * * * *', '0  22 * * *', '1,,2 * * * *'),
  },
);

/** Go durations as sync windows take them. */
export const goDurationString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 1, max: 48 }), fc.constantFrom('h', 'm', 's', 'h30m')).map(([n, u]) => `${n}${u}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '0', '0s', '-1h', '1d', '1.5h', 'h', '1 h', '99999999999h', '1h1h', '10ms', '1H', '3600') },
);

/** IANA time zones (and not). */
export const timeZone: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('UTC', 'Local', 'Europe/Berlin', 'America/New_York', 'Etc/GMT-14') },
  { weight: 1, arbitrary: fc.constantFrom('Mars/Olympus', '', 'utc', 'GMT+1') },
);

/** Project role policy lines (written out), mostly about project `proj` and role `role`. */
export const policyString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.tuple(
      fc.constantFrom('p', 'g', 'P', ''),
      fc.constantFrom('proj:proj:role', 'proj:other:role', 'proj:proj:other', 'role:admin', ''),
      fc.constantFrom('applications', 'applicationsets', 'repositories', 'clusters', 'logs', 'exec', 'projects', 'accounts', '*'),
      fc.constantFrom('get', 'create', 'update', 'delete', 'sync', 'override', '*', 'action/apps/Deployment/restart', 'update/*', 'invoke', ''),
      fc.constantFrom('proj/*', 'proj/app', 'proj/ns/app', 'other/*', '*', 'proj/', ''),
      fc.constantFrom('allow', 'deny', 'Allow', ''),
    ).map(parts => parts.join(', ')),
  },
  { weight: 1, arbitrary: fc.constantFrom('', 'p', 'p, proj:proj:role, applications, get, proj/*', 'p,proj:proj:role,applications,get,proj/*,allow', 'garbage') },
);

/** Plugin / generator parameter values (JSON). */
export const jsonParams = fc.dictionary(smallString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });

// ---------------------------------------------------------------------------------------------------------------
// Specs of Argo CD values (built inside the property, so a factory's own error counts as a rejection)

export interface SourceSpec {
  readonly factory: 'helm' | 'helmChart' | 'kustomize' | 'directory' | 'ref' | 'of';
  readonly repoUrl: string;
  readonly chart?: string;
  readonly version?: string;
  readonly path?: string;
  readonly ref?: string;
  readonly valueFiles?: string[];
  readonly releaseName?: string;
  readonly valuesObject?: { [key: string]: any };
  readonly parameters?: Array<{ name: string; value: string; forceString?: boolean }>;
  readonly replicas?: Array<{ name: string; count: number }>;
  readonly images?: string[];
  readonly commonLabels?: { [key: string]: string };
  readonly recurse?: boolean;
  readonly include?: string;
  readonly pluginEnv?: { [key: string]: string };
  readonly tagPrefix?: string;
}

/** Sources of every kind, mostly valid; `refs` are the ref names value files may read. */
export const sourceSpec = (refs: readonly string[] = ['values']): fc.Arbitrary<SourceSpec> => {
  const key = refs.join(',');
  let arb = sourceSpecs.get(key);
  if (!arb) sourceSpecs.set(key, arb = makeSourceSpec(refs));
  return arb;
};
const sourceSpecs = new Map<string, fc.Arbitrary<SourceSpec>>();

const makeSourceSpec = (refs: readonly string[]): fc.Arbitrary<SourceSpec> => fc.record({
  factory: fc.constantFrom<SourceSpec['factory']>('helm', 'helmChart', 'kustomize', 'directory', 'ref', 'of'),
  repoUrl: mostly(repoUrl.filter(u => u.trim() !== '' && !u.includes('{{')), repoUrl, 8),
  chart: mostly(dnsLabel, fc.constantFrom('', 'a/b')),
  version: mostly(fc.constantFrom('1.2.3', 'v1.16.2', '>=1.0.0 <2.0.0'), fc.constant('')),
  path: opt(mostly(fc.constantFrom('.', 'apps/web', 'deploy/chart'), fc.constantFrom('', '/abs')), 0.05),
  ref: mostly(fc.constantFrom(...refs), fc.constantFrom('a b', '', '$values')),
  valueFiles: opt(fc.array(mostly(valueFile(refs).filter(v => /^(\$[a-z_]+\/)?[a-z]/.test(v)), valueFile(refs), 10), { maxLength: 3 })),
  releaseName: opt(dnsLabel, 0.7),
  valuesObject: opt(jsonParams, 0.7),
  parameters: opt(fc.array(fc.record({ name: dnsLabel, value: smallString, forceString: opt(fc.boolean()) }), { maxLength: 2 }), 0.7),
  replicas: opt(fc.array(fc.record({ name: mostly(dnsLabel, fc.constant('')), count: mostly(fc.integer({ min: 0, max: 10 }), intLike, 4) }), { maxLength: 2 }), 0.6),
  images: opt(fc.array(fc.constantFrom('nginx=nginx:1.27', 'ghcr.io/x/y:1.0'), { maxLength: 2 }), 0.7),
  commonLabels: opt(fc.dictionary(validLabelKey, validLabelValue, { maxKeys: 2 }), 0.7),
  recurse: opt(fc.boolean()),
  include: opt(fc.constantFrom('*.yaml', '{a.yaml,b/*}'), 0.7),
  pluginEnv: opt(fc.dictionary(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,6}$/), smallString, { maxKeys: 2 }), 0.7),
  tagPrefix: opt(fc.constantFrom('v', 'release-'), 0.9),
});

/** Builds the ApplicationSource a spec describes (may throw our validation error). */
export function buildSource(s: SourceSpec): ApplicationSource {
  const helm = { valueFiles: s.valueFiles, releaseName: s.releaseName, valuesObject: s.valuesObject, parameters: s.parameters };
  switch (s.factory) {
    case 'helm': return ApplicationSource.helm({ repoUrl: s.repoUrl, chart: s.chart as string, version: s.version as string, ...helm });
    case 'helmChart': return ApplicationSource.helmChart({ repoUrl: s.repoUrl, path: s.path as string, ...helm });
    case 'kustomize': return ApplicationSource.kustomize({ repoUrl: s.repoUrl, path: s.path as string, replicas: s.replicas, images: s.images, commonLabels: s.commonLabels });
    case 'directory': return ApplicationSource.directory({ repoUrl: s.repoUrl, path: s.path as string, recurse: s.recurse, include: s.include });
    case 'ref': return ApplicationSource.ref({ repoUrl: s.repoUrl, ref: s.ref as string });
    default: return ApplicationSource.of({ repoUrl: s.repoUrl, path: s.path ?? '.', tagPrefix: s.tagPrefix, plugin: { name: 'cmp', env: s.pluginEnv } });
  }
}

export interface SyncPolicySpec {
  readonly automated?: { prune?: boolean; selfHeal?: boolean; allowEmpty?: boolean; enabled?: boolean };
  readonly syncOptions?: string[];
  readonly retry?: { limit?: number; backoff?: { duration?: Duration; factor?: number; maxDuration?: Duration }; refresh?: boolean };
  readonly managedNamespaceMetadata?: { labels?: { [key: string]: string }; annotations?: { [key: string]: string } };
}

/** Sync policies: automated flags, known (and resource-only) sync options, retries with any numbers and durations. */
export const syncPolicySpec: fc.Arbitrary<SyncPolicySpec> = fc.record({
  automated: opt(fc.record({
    prune: opt(fc.boolean()), selfHeal: opt(fc.boolean()), allowEmpty: opt(fc.boolean(), 0.8), enabled: opt(fc.boolean(), 0.8),
  }, { requiredKeys: [] })),
  syncOptions: opt(fc.array(fc.constantFrom(...KNOWN_SYNC_OPTIONS), { maxLength: 3 })),
  retry: opt(fc.record({
    limit: opt(mostly(fc.integer({ min: -1, max: 10 }), intLike, 4)),
    backoff: opt(fc.record({
      duration: opt(duration), factor: opt(mostly(fc.integer({ min: 1, max: 4 }), intLike, 4)), maxDuration: opt(duration),
    }, { requiredKeys: [] })),
    refresh: opt(fc.boolean(), 0.8),
  }, { requiredKeys: [] }), 0.6),
  managedNamespaceMetadata: opt(fc.record({
    labels: opt(mostly(fc.dictionary(validLabelKey, validLabelValue, { maxKeys: 2 }), labels)),
    annotations: opt(fc.dictionary(validLabelKey, smallString, { maxKeys: 2 })),
  }, { requiredKeys: [] }), 0.8),
}, { requiredKeys: [] });

/** Builds a SyncPolicy (the SyncOption parsing may throw our error). */
export function buildSyncPolicy(p: SyncPolicySpec | undefined): SyncPolicy | undefined {
  if (p === undefined) return undefined;
  return { ...p, syncOptions: p.syncOptions?.map(o => SyncOption.of(o)) };
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile shapes (issue 17): path segments, disguised globs, non-plain values, broken embedded texts.

/** Path segments that try to leave a folder: `..`, absolute starts, drive letters, backslashes, NUL, `~`. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('..', '.', '', '...', '/', '\\', 'C:', 'c:\\', '~', '\0', '..\\..', '%2e%2e', '.. ', ' ..', '\u2024\u2024'),
  fc.stringMatching(/^[a-z0-9._-]{1,6}$/),
);

/** A path made of hostile and plain segments, joined by / or \. */
export const hostilePath: fc.Arbitrary<string> = fc.tuple(fc.array(hostileSegment, { minLength: 1, maxLength: 5 }), fc.constantFrom('/', '\\'))
  .map(([segs, sep]) => segs.join(sep));

/** Globs that look narrow but may match everything or the system: `?*`, `kube-*`, `[!x]*`, `{*,a}`, `ClusterRole*`. */
export const hostileGlob: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('*', '?*', '*?', '**', '[!.]*', '{*,a}', '{kube-*,x}', 'kube-*', 'k*', '*-system', 'openshift-*', '?ube-system',
    'default', 'team-a-*', 'team-?', 'ClusterRole*', 'Cluster*', '*Binding', '*Webhook*', 'Custom*', 'Namespace', '[A-Z]*'),
  fc.stringMatching(/^[a-z?*[\]!{},-]{1,8}$/),
);

/** Values with no JSON form, and values that pretend to be plain. */
export const nonPlainValue: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  () => 1, BigInt(7), Symbol('s'), NaN, Infinity, -Infinity, new Map([['a', 1]]), new Set([1]), new Date(0), /re/,
);

/** YAML texts that are broken in one place. */
export const brokenYaml: fc.Arbitrary<string> = fc.constantFrom(
  'spec: [', 'a: {b: 1', 'a:\n  - b\n c: 1', 'a: "x', 'a: &x\nb: *y', '- a\nb: 1', 'a: b: c', '\ta: 1',
);
