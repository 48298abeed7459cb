#!/usr/bin/env bash
# Consumer smoke test: a user following the README. Installs the packed library (dist/js/*.tgz, from
# `npx projen build`) into a fresh cdk8s app outside the repository whose tsconfig.json, cdk8s.yaml and main.ts
# are the README's (its "tsconfig", "cdk8s-yaml" and "quickstart" blocks), then
#   1. type-checks main.ts with every TypeScript version the README claims (5.0, 5.9, 6.0, 7.0), and with the
#      `cdk8s init typescript-app` tsconfig.json plus the two lines the README adds (TypeScript 7),
#   2. runs `cdk8s synth` with the README's runner (`npx tsx main.ts`), under TypeScript 7,
#   3. compiles with TypeScript 7 and runs the JavaScript (`app: node build/main.js`), which must give the same bytes,
# and checks the GitOps tree: both Applications, and the workload folder the chart-backed one points at.
# The app does not install the optional peer cdk8s-plus-28 (the quick start does not need it), and the README's
# tsconfig.json leaves skipLibCheck off, so step 1 also proves that the package's declaration files type-check
# without cdk8s-plus-28 (issue 18; test/consumer-types.test.ts checks the same on the emitted declarations).
# Needs the npm registry (typescript, tsx, cdk8s, constructs). TS_VERSIONS overrides the list.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tgz="$(ls "$root"/dist/js/cdk8s-gitops@*.jsii.tgz 2>/dev/null | head -1 || true)"
[ -n "$tgz" ] || { echo "consumer-smoke: no dist/js/cdk8s-gitops@*.jsii.tgz: run 'npx projen build' first"; exit 1; }
# 0. the package holds what a user needs and nothing else from the working tree (the benchmark's outputs and its
#    unpacked Helm binaries in .bench/ once made it 540 MB)
unexpected="$(tar tzf "$tgz" | grep -vE '^package/(lib/|docs/|node_modules/|bin/|\.jsii$|API\.md$|README\.md$|LICENSE$|CONTRIBUTING\.md$|package\.json$|register\.js$|register\.d\.ts$)' || true)"
[ -z "$unexpected" ] || { echo "consumer-smoke: unexpected files in $tgz:"; echo "$unexpected" | head -20; exit 1; }
unpacked="$(tar tzvf "$tgz" | awk '{ s += $3 } END { print s }')"
[ "$unpacked" -lt 50000000 ] || { echo "consumer-smoke: $tgz unpacks to $unpacked bytes (the bound is 50 MB)"; exit 1; }
echo "consumer-smoke: package contents ok ($unpacked bytes unpacked)"
TS_VERSIONS="${TS_VERSIONS:-5.0.4 5.9.3 6.0.3 7.0.2}"
TS_LATEST="${TS_VERSIONS##* }"
TSX_VERSION="4.23.15"
export CDK8S_CHECK_UPGRADE=false
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

block() { (cd "$root" && node_modules/.bin/ts-node --transpile-only scripts/readme-snippets.ts --name "$1" README.md); }
block tsconfig > tsconfig.json
block cdk8s-yaml > cdk8s.yaml
block quickstart > main.ts

# one install: each TypeScript version under an alias (ts-5.0.4 ...), the latest also as `typescript`
node -e "
const [root, versions, latest, tsx] = process.argv.slice(1);
const dev = require(root + '/package.json').devDependencies;
const pin = n => dev[n].replace(/^[\\^~]/, '');
const devDependencies = { 'typescript': latest, 'tsx': tsx, '@types/node': dev['@types/node'] };
for (const v of versions.split(' ')) devDependencies['ts-' + v] = 'npm:typescript@' + v;
require('fs').writeFileSync('package.json', JSON.stringify({
  name: 'consumer-app', private: true,
  dependencies: { 'cdk8s': pin('cdk8s'), 'constructs': pin('constructs') },
  devDependencies,
}, null, 2));" "$root" "$TS_VERSIONS" "$TS_LATEST" "$TSX_VERSION"
npm install --no-audit --no-fund --loglevel=error "$tgz" >npm-install.log 2>&1 || { cat npm-install.log; exit 1; }
# an optional peer: npm must not have installed it, or the type-check below would not prove anything about it
[ ! -e node_modules/cdk8s-plus-28 ] || { echo "consumer-smoke: FAIL: cdk8s-plus-28 was installed (it is an optional peer dependency)"; exit 1; }
grep -q '"skipLibCheck": *true' tsconfig.json && { echo "consumer-smoke: FAIL: the README tsconfig.json sets skipLibCheck"; exit 1; }
# the README's first line, `import 'cdk8s-gitops/register'`: cdk8s loaded after it leaves its yaml copy unloaded
grep -q "^import 'cdk8s-gitops/register';$" main.ts || { echo "consumer-smoke: FAIL: the README quick start does not start with import 'cdk8s-gitops/register'"; exit 1; }
node -e "
require('cdk8s-gitops/register');
require('cdk8s');
const states = require('cdk8s-gitops/lib/app/deferred-modules').deferredModuleStates();
const yamlFiles = Object.keys(require.cache).filter(f => /[\\/]node_modules[\\/]yaml[\\/]/.test(f)).length;
if (states.yaml !== 'deferred' || yamlFiles > 1) { console.error('consumer-smoke: FAIL: cdk8s-gitops/register did not defer cdk8s\'s yaml', states, yamlFiles); process.exit(1); }
" || exit 1

for v in $TS_VERSIONS; do
  node "node_modules/ts-$v/bin/tsc" -p tsconfig.json --noEmit || { echo "consumer-smoke: FAIL: TypeScript $v does not type-check the README quick start"; exit 1; }
done

# the README's advice for a `cdk8s init typescript-app` project: its tsconfig.json plus types/rootDir, under the latest
node -e "
const [tpl] = process.argv.slice(1);
const c = JSON.parse(require('fs').readFileSync(tpl, 'utf8'));
Object.assign(c.compilerOptions, { types: ['node'], rootDir: '.' });
c.include = ['main.ts'];
require('fs').writeFileSync('tsconfig.init.json', JSON.stringify(c, null, 2));" "$root/node_modules/cdk8s-cli/templates/typescript-app/tsconfig.json"
node node_modules/typescript/bin/tsc -p tsconfig.init.json --noEmit || { echo "consumer-smoke: FAIL: TypeScript $TS_LATEST with the cdk8s init tsconfig.json (+ types, rootDir)"; exit 1; }

check_tree() {
  local out="$1"
  grep -q '^kind: Application$' "$out/argocd/applications.k8s.yaml"
  grep -q 'chart: kube-prometheus-stack' "$out/argocd/applications.k8s.yaml"
  grep -q '^    path: payments$' "$out/argocd/applications.k8s.yaml"
  grep -q -- '- CreateNamespace=true' "$out/argocd/applications.k8s.yaml"
  grep -q '^kind: Deployment$' "$out/payments/payments.k8s.yaml"   # the folder the payments app points at exists
}

"$root/node_modules/.bin/cdk8s" synth >synth.log 2>&1 || { cat synth.log; echo "consumer-smoke: FAIL: cdk8s synth (app: npx tsx main.ts)"; exit 1; }
check_tree dist
mv dist dist-tsx

node node_modules/typescript/bin/tsc -p tsconfig.json
node build/main.js
check_tree dist
diff -r dist-tsx dist >/dev/null || { echo "consumer-smoke: FAIL: tsx and compile-then-run wrote different output"; diff -r dist-tsx dist | head -20; exit 1; }

echo "consumer-smoke: OK: $(basename "$tgz") in a fresh app outside the repo, without cdk8s-plus-28; the README quick start type-checks (library files included) with TypeScript $TS_VERSIONS (and the cdk8s init tsconfig), and \`cdk8s synth\` (tsx $TSX_VERSION) and tsc $TS_LATEST + node write the same tree"
