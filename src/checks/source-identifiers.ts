import { nonJsonValue, templatedYamlSyntaxError } from './embedded';
import { fail } from './errors';
import { relativePathProblem } from './paths';
import type { SourceOptions } from '../argocd/application-source';
import { argoGlobError, compileArgoGlob } from '../engines/glob';
import { isTemplated } from '../engines/go-template';

// (module constants: a regular expression literal makes a new RegExp object each time it is evaluated, and these
// run for every source)
const CHART_NAME_BREAKERS = /[\s\u0000-\u001f]/;
const GIT_SUFFIX = /\.git\/?$/i;
const GIT_SCHEME = /^(git@|ssh:\/\/)/i;
const FLOATING_VERSION = /^(latest|head|main|master|stable)$/i;

/**
 * Identifiers and embedded texts of a source that Argo CD would only reject (or misread) in the controller:
 * empty or padded chart names, git URLs given as Helm repositories, `latest` versions, Helm parameters without a
 * name, absolute or climbing paths, unparsable `values`, malformed `include`/`exclude` globs and `valuesObject`
 * data with no JSON form. Rules SRC-301..SRC-310. Called by the ApplicationSource factories (no construct yet:
 * the receiving construct re-throws with its path).
 */
export function checkSourceIdentifiers(o: SourceOptions, fromHelmFactory: boolean, jsonDataChecked: boolean = false): void {
  const isHelmRepository = fromHelmFactory;
  if (o.chart !== undefined) {
    if (typeof o.chart !== 'string' || o.chart.trim() === '') {
      fail(undefined, {
        rule: 'SRC-301',
        problem: 'a Helm chart name is empty (Argo CD then takes the source for a git directory)',
        value: o.chart,
        fix: "name the chart, e.g. chart: 'nginx'",
      });
    }
    if (o.chart !== o.chart.trim() || CHART_NAME_BREAKERS.test(o.chart)) {
      fail(undefined, { rule: 'SRC-302', problem: 'a Helm chart name has spaces or control characters (the repository lookup fails)', value: o.chart, fix: `write it without them, e.g. ${JSON.stringify(o.chart.trim().replace(/\s+/g, '-'))}` });
    }
  }
  if (isHelmRepository && typeof o.repoUrl === 'string' && !isTemplated(o.repoUrl)
    && (GIT_SUFFIX.test(o.repoUrl) || GIT_SCHEME.test(o.repoUrl))) {
    fail(undefined, {
      rule: 'SRC-303',
      problem: 'ApplicationSource.helm() takes a Helm chart repository (https:// index or oci://), but this is a git repository URL',
      value: o.repoUrl,
      fix: "for a chart stored in git use ApplicationSource.helmChart({ repoUrl, path: 'charts/name' })",
    });
  }
  if ((isHelmRepository || o.chart !== undefined) && typeof o.targetRevision === 'string' && !isTemplated(o.targetRevision)) {
    const v = o.targetRevision;
    if (v.trim() !== v || FLOATING_VERSION.test(v)) {
      fail(undefined, {
        rule: 'SRC-304',
        problem: 'a Helm chart version must be a version (or a semver range): Helm repositories have no "latest" tag and Argo CD fails to resolve it',
        value: v,
        fix: "pin the version, e.g. version: '1.2.3'",
      });
    }
  }
  const h = o.helm;
  // (plain calls rather than loops over [what, value] pairs: this runs for every source, mostly with nothing to check)
  if (h) {
    checkParameterNames('parameters', h.parameters);
    checkParameterNames('fileParameters', h.fileParameters);
  }
  checkRelativePath('path', o.path);
  const files = h?.fileParameters;
  if (files) for (let i = 0; i < files.length; i++) checkRelativePath(`helm.fileParameters[${i}].path`, files[i]?.path);
  if (h?.values !== undefined) {
    if (typeof h.values !== 'string') {
      fail(undefined, { rule: 'SRC-308', problem: 'helm.values must be a YAML string', value: h.values, fix: 'pass YAML text, or use valuesObject for an object' });
    }
    const e = templatedYamlSyntaxError(h.values);
    if (e) {
      fail(undefined, {
        rule: 'SRC-308',
        problem: `helm.values is not valid YAML: line ${e.line}: ${e.message}`,
        value: h.values.split('\n')[e.line - 1] ?? h.values,
        fix: 'fix the YAML (or pass the values as valuesObject)',
      });
    }
  }
  if (o.directory) {
    checkGlob('include', o.directory.include);
    checkGlob('exclude', o.directory.exclude);
  }
  // jsonDataChecked: the four maps are plain JSON trees (simpleJsonCopy in application-source.ts found them so)
  if (jsonDataChecked) return;
  checkJsonData('helm.valuesObject', h?.valuesObject);
  const k = o.kustomize;
  if (k) {
    checkJsonData('kustomize.patches', k.patches);
    checkJsonData('kustomize.commonLabels', k.commonLabels);
    checkJsonData('kustomize.commonAnnotations', k.commonAnnotations);
  }
}

function checkParameterNames(what: string, list: unknown[] | undefined): void {
  if (list === undefined || list === null) return;
  list.forEach((p: any, i: number) => {
    if (typeof p?.name !== 'string' || p.name.trim() === '' || p.name !== p.name.trim()) {
      fail(undefined, { rule: 'SRC-306', problem: `helm.${what}[${i}] has an empty or padded name (Helm reads it as a broken --set)`, value: p?.name, fix: "name the value, e.g. { name: 'image.tag', value: '1.2.3' }" });
    }
  });
}

function checkRelativePath(what: string, p: string | undefined): void {
  if (p === undefined || isTemplated(p)) return;
  const problem = relativePathProblem(p);
  if (problem) {
    fail(undefined, {
      rule: 'SRC-307',
      problem: `the source ${what} ${problem}: Argo CD reads paths relative to the repository root and refuses ones outside it`,
      value: p,
      fix: "write it relative to the repository root, e.g. 'apps/web' (or '.' for the root)",
    });
  }
}

function checkGlob(what: string, g: string | undefined): void {
  if (g === undefined) return;
  const compiled = typeof g === 'string' ? compileArgoGlob(g) : undefined;
  const err = typeof g !== 'string' ? 'it is not a string' : g.trim() === '' ? 'it is empty' : argoGlobError(g) ?? compiled?.warning;
  if (err) {
    fail(undefined, {
      rule: 'SRC-309',
      problem: `directory.${what} is not a glob Argo CD can use (${err})`,
      value: g,
      fix: "write a glob such as '*.yaml' or '{*.yml,*.yaml}' (braces closed, classes like [a-z])",
    });
  }
}

function checkJsonData(what: string, data: unknown): void {
  const bad = nonJsonValue(data, what);
  if (bad) {
    fail(undefined, {
      rule: 'SRC-310',
      problem: `${bad.path} holds ${bad.kind}, which has no form in the manifest`,
      value: bad.value,
      fix: 'pass JSON data only: strings, numbers, booleans, null, lists and plain objects (e.g. a BigInt as a string)',
    });
  }
}

/** Whether a Helm chart version is a semver range (`^1.2`, `1.x`, `>=1.0 <2`), not one exact version. */
export function isVersionRange(v: string): boolean {
  return !isTemplated(v) && /[*xX^~<>|]|\s-\s/.test(v) && !/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(v);
}
