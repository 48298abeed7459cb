/**
 * `cdk8s-gitops lint [options] PATH...` (the package's bin). Exit codes: 0 clean (warnings allowed), 1 errors (or
 * warnings with --strict), 2 usage errors. Never prints a stack trace for bad input; an internal error is reported
 * as one line (exit code 2) with a request to file an issue; an error inside one document is LINT-018.
 */
import * as fs from 'fs';
import * as path from 'path';
import { computeFixes, formatFixes } from './fix';
import { formatJson, formatSarif, formatText, packageVersion, summarize } from './format';
import { lintPaths } from './linter';
import { bundledSchemas, SchemaValidator, schemasFromCrdDir } from './schemas';
import { DEFAULT_MAX_FILE_SIZE } from './source';
import { DEFAULT_CONFIG_FILE, LintConfig, loadConfig } from './suppressions';
import { validateTargetVersion } from '../checks/argocd-version';

const USAGE = `Usage: cdk8s-gitops lint [options] PATH...

Lints Argo CD manifests (Application, ApplicationSet, AppProject, argocd-cm, argocd-cmd-params-cm, ArgoCD CR,
cluster/repository Secrets) in YAML files and folders (recursive, .yaml/.yml) with the rules of cdk8s-gitops.

Options:
  --format text|json|sarif  output format (default text)
  --output FILE             write the report to FILE instead of stdout
  --strict                  exit 1 on warnings too
  --argocd-version V        target Argo CD version: report fields it would drop (TGT-002)
  --config FILE             lint config (default ./${DEFAULT_CONFIG_FILE} when present)
  --schemas DIR             read the CRD schemas from the CRD YAML files in DIR (default: the packaged ones)
  --max-file-size BYTES     largest file read (default ${DEFAULT_MAX_FILE_SIZE})
  --fix                     print the corrected YAML of documents whose findings have a mechanical fix
  --version, --help

Exit codes: 0 no errors, 1 errors (or warnings with --strict), 2 usage error.
Docs: https://github.com/cdk8s-gitops/cdk8s-gitops/blob/main/docs/lint.md`;

/** What main writes and returns (testable without a process). */
export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

class UsageError extends Error {}

interface Args {
  format: 'text' | 'json' | 'sarif';
  output?: string;
  strict: boolean;
  argocdVersion?: string;
  config?: string;
  schemas?: string;
  maxFileSize: number;
  fix: boolean;
  paths: string[];
}

function parseArgs(argv: readonly string[]): Args | 'help' | 'version' {
  const a: Args = { format: 'text', strict: false, maxFileSize: DEFAULT_MAX_FILE_SIZE, fix: false, paths: [] };
  const args = [...argv];
  if (args[0] === 'lint') args.shift();
  else if (args[0] === '--help' || args[0] === '-h' || args.length === 0) return 'help';
  else if (args[0] === '--version') return 'version';
  else throw new UsageError(`unknown command ${JSON.stringify(args[0])}: the only command is lint`);
  const value = (flag: string): string => {
    const v = args.shift();
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  while (args.length > 0) {
    let arg = args.shift()!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      args.unshift(arg.slice(eq + 1));
      arg = arg.slice(0, eq);
    }
    switch (arg) {
      case '--help': case '-h': return 'help';
      case '--version': return 'version';
      case '--strict': a.strict = true; break;
      case '--fix': a.fix = true; break;
      case '--format': {
        const f = value(arg);
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be text, json or sarif (got ${JSON.stringify(f)})`);
        a.format = f;
        break;
      }
      case '--output': case '-o': a.output = value(arg); break;
      case '--argocd-version': a.argocdVersion = value(arg); break;
      case '--config': a.config = value(arg); break;
      case '--schemas': a.schemas = value(arg); break;
      case '--max-file-size': {
        const n = Number(value(arg));
        if (!Number.isInteger(n) || n <= 0) throw new UsageError('--max-file-size must be a positive number of bytes');
        a.maxFileSize = n;
        break;
      }
      case '--': a.paths.push(...args.splice(0)); break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
        a.paths.push(arg);
    }
  }
  if (a.paths.length === 0) throw new UsageError('no PATH given: name the files or folders to lint (e.g. cdk8s-gitops lint manifests/)');
  return a;
}

/** Runs the CLI on argv (without `node` and the script). */
export function run(argv: readonly string[]): CliOutcome {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout: '', stderr: `cdk8s-gitops: ${e.message}\n\n${USAGE}\n` };
    throw e;
  }
  if (parsed === 'help') return { code: 0, stdout: USAGE + '\n', stderr: '' };
  if (parsed === 'version') return { code: 0, stdout: packageVersion() + '\n', stderr: '' };
  const a = parsed;

  let config: LintConfig | undefined;
  if (a.config !== undefined) {
    if (!fs.existsSync(a.config)) return { code: 2, stdout: '', stderr: `cdk8s-gitops: the config file ${a.config} does not exist\n` };
    config = loadConfig(a.config);
  } else if (fs.existsSync(DEFAULT_CONFIG_FILE)) {
    config = loadConfig(DEFAULT_CONFIG_FILE);
  }
  const argocdVersion = a.argocdVersion ?? config?.argocdVersion;
  if (argocdVersion !== undefined) {
    const p = validateTargetVersion(argocdVersion);
    if (p) return { code: 2, stdout: '', stderr: `cdk8s-gitops: --argocd-version: ${p}\n` };
  }
  let schemas: SchemaValidator | undefined;
  try {
    const dir = a.schemas ?? process.env.CDK8S_GITOPS_SCHEMAS;
    const bundle = dir !== undefined ? schemasFromCrdDir(dir) : bundledSchemas();
    schemas = bundle ? new SchemaValidator(bundle) : undefined;
  } catch (e) {
    return { code: 2, stdout: '', stderr: `cdk8s-gitops: --schemas: ${(e as Error).message}\n` };
  }

  const result = lintPaths(a.paths, { argocdVersion, schemas, maxFileSize: a.maxFileSize, config });
  if (result.missing.length > 0) {
    return { code: 2, stdout: '', stderr: `cdk8s-gitops: no such file or folder: ${result.missing.join(', ')}\n` };
  }
  let report = a.format === 'json' ? formatJson(result) : a.format === 'sarif' ? formatSarif(result) : formatText(result);
  let stderr = '';
  if (a.fix) {
    const fixes = formatFixes(computeFixes(result));
    if (a.format === 'text' && a.output === undefined) report += '\n' + fixes;
    else stderr += fixes;
  }
  if (result.files === 0) stderr += `cdk8s-gitops: no .yaml/.yml file under ${a.paths.join(', ')}\n`;
  let stdout = report;
  if (a.output !== undefined) {
    fs.mkdirSync(path.dirname(path.resolve(a.output)), { recursive: true });
    fs.writeFileSync(a.output, report);
    stdout = '';
    if (a.format !== 'text') stderr += formatText(result).split('\n').filter(Boolean).pop() + '\n';
  }
  const s = summarize(result);
  const code = s.errors > 0 || (a.strict && s.warnings > 0) ? 1 : 0;
  return { code, stdout, stderr };
}

/** The bin's entry point. */
export function main(argv: readonly string[] = process.argv.slice(2)): void {
  let outcome: CliOutcome;
  try {
    outcome = run(argv);
  } catch (e) {
    // a bug of the linter, not of the input: one line, no stack trace unless asked for
    const detail = process.env.CDK8S_GITOPS_DEBUG ? `\n${(e as Error).stack}` : ' (set CDK8S_GITOPS_DEBUG=1 for the stack)';
    process.stderr.write(`cdk8s-gitops: internal error: ${(e as Error).message}${detail}\nPlease report it: https://github.com/cdk8s-gitops/cdk8s-gitops/issues\n`);
    process.exitCode = 2;
    return;
  }
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}
