/**
 * Issue 18: cdk8s-plus-28 is an optional peer dependency, so the package's declaration files must not need it. A
 * TypeScript consumer without cdk8s-plus-28 that type-checks library files (`skipLibCheck: false`, the default of a
 * `cdk8s init` project) must get no error.
 *
 * The test emits the declaration files of src/ with the build's tsconfig.json (what jsii writes to lib/), places
 * them as `node_modules/cdk8s-gitops` of a consumer folder outside the repository next to the package's
 * dependencies and required peers (cdk8s, constructs, yaml, ajv: links to this repository's copies) but no
 * cdk8s-plus-28, and type-checks a program that imports the whole root and uses the OpenShift AI types.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.join(__dirname, '..');

/** The package's own dependencies and required peers, linked into the consumer's node_modules. */
const LINKED = ['cdk8s', 'constructs', 'yaml', 'ajv'];

const CONSUMER = `
import { App, Size } from 'cdk8s';
import * as gitops from 'cdk8s-gitops';
import {
  ContainerResourceRequirements, DatabaseCredentials, GitOpsApp, HardwareProfileOptions, ModelRegistryDatabase,
  ModelRegistryStack, ProfileTolerationOperator, TolerationEffect,
} from 'cdk8s-gitops';

const resources: ContainerResourceRequirements = { cpu: { request: '250m', limit: '1' }, memory: { limit: Size.gibibytes(1) } };
const gpu: HardwareProfileOptions = {
  name: 'gpu',
  displayName: 'GPU',
  tolerations: [{ key: 'nvidia.com/gpu', operator: ProfileTolerationOperator.EXISTS, effect: TolerationEffect.NO_SCHEDULE }],
};
const stack = new ModelRegistryStack(new App(), 'registry', {
  database: ModelRegistryDatabase.inClusterMySql({ credentials: DatabaseCredentials.fromSecret({ secretName: 'db' }), resources }),
  rest: { resources },
  hardwareProfiles: [gpu],
});
const kind: string | undefined = stack.databaseDeployment?.kind;
const service: string | undefined = stack.databaseService?.name;
const app: GitOpsApp = new gitops.GitOpsApp({ repoUrl: 'https://git.example.com/x.git', targetRevision: 'main' });
export { kind, service, app };
`;

let work: string;
let nodeModules: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-types-'));
  nodeModules = path.join(work, 'node_modules');
  const pkg = path.join(nodeModules, 'cdk8s-gitops');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'cdk8s-gitops', main: 'lib/index.js', types: 'lib/index.d.ts' }));

  // the declaration files, as the build writes them
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const options: ts.CompilerOptions = { ...config.options, outDir: path.join(pkg, 'lib'), declaration: true, emitDeclarationOnly: true, noEmitOnError: false, sourceMap: false, declarationMap: false };
  const emitted = ts.createProgram(config.fileNames, options).emit();
  expect(emitted.diagnostics.map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);

  for (const dep of LINKED) fs.symlinkSync(path.join(root, 'node_modules', dep), path.join(nodeModules, dep), 'dir');
  fs.writeFileSync(path.join(work, 'main.ts'), CONSUMER);
  fs.writeFileSync(path.join(work, 'control.ts'), "import * as kplus from 'cdk8s-plus-28';\nexport const t = kplus.TaintEffect.NO_SCHEDULE;\n");
}, 240_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Type-checks one consumer file the way a strict consumer project does, library files included. */
function typeCheck(file: string): { errors: string[]; files: string[] } {
  const program = ts.createProgram([path.join(work, file)], {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    types: [],
  });
  const errors = ts.getPreEmitDiagnostics(program).map(d => {
    const where = d.file ? `${path.relative(work, d.file.fileName)}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
  return { errors, files: program.getSourceFiles().map(sf => sf.fileName) };
}

test('GIVEN a consumer without cdk8s-plus-28 WHEN it type-checks library files (skipLibCheck: false) THEN no error', () => {
  const { errors, files } = typeCheck('main.ts');
  expect(errors).toEqual([]);
  // the whole root was checked: the OpenShift AI declarations are in the program, cdk8s-plus-28 is not
  expect(files.some(f => f.endsWith(path.join('cdk8s-gitops', 'lib', 'patterns', 'model-registry-stack.d.ts')))).toBe(true);
  expect(files.some(f => f.endsWith(path.join('cdk8s-gitops', 'lib', 'odh', 'hardware-profile.d.ts')))).toBe(true);
  expect(files.filter(f => f.includes('cdk8s-plus'))).toEqual([]);
}, 120_000);

test('GIVEN the same consumer folder WHEN a file imports cdk8s-plus-28 THEN it is not found (the check above is meaningful)', () => {
  expect(typeCheck('control.ts').errors).toEqual([expect.stringMatching(/^control\.ts: Cannot find module 'cdk8s-plus-28'/)]);
}, 120_000);

test('GIVEN the declaration files WHEN searched THEN only an internal module imports from cdk8s-plus-28', () => {
  const lib = path.join(nodeModules, 'cdk8s-gitops', 'lib');
  const mentions = (fs.readdirSync(lib, { recursive: true }) as string[])
    .filter(f => f.endsWith('.d.ts') && /(from |import\()'cdk8s-plus-28'/.test(fs.readFileSync(path.join(lib, f), 'utf8')))
    .map(f => f.split(path.sep).join('/'));
  // lazy-modules.d.ts (the loader) is imported by no other declaration file, so no consumer reaches it
  expect(mentions).toEqual(['app/lazy-modules.d.ts']);
});
