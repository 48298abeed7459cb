#!/usr/bin/env bash
# Consumer smoke test: install the packed library (dist/js/*.tgz, from `npx projen build`) into a fresh cdk8s
# TypeScript app outside the repository, type-check it, synthesize an Application, and check the YAML.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tgz="$(ls "$root"/dist/js/cdk8s-gitops@*.jsii.tgz 2>/dev/null | head -1 || true)"
[ -n "$tgz" ] || { echo "consumer-smoke: no dist/js/cdk8s-gitops@*.jsii.tgz: run 'npx projen build' first"; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
node -e "
const root = process.argv[1];
const dev = require(root + '/package.json').devDependencies;
const pin = n => dev[n].replace(/^[\\^~]/, '');
require('fs').writeFileSync('package.json', JSON.stringify({
  name: 'consumer-app', private: true,
  dependencies: { 'cdk8s': pin('cdk8s'), 'constructs': pin('constructs'), 'cdk8s-plus-28': pin('cdk8s-plus-28') },
  devDependencies: { 'typescript': pin('typescript'), '@types/node': dev['@types/node'] },
}, null, 2));" "$root"
cat > cdk8s.yaml <<'YAML'
language: typescript
app: node main.js
YAML
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "target": "ES2020", "module": "commonjs", "strict": true, "esModuleInterop": true, "skipLibCheck": false, "types": ["node"] }, "include": ["main.ts"] }
JSON
cat > main.ts <<'TS'
import { App, Chart } from 'cdk8s';
import { Application, ApplicationSource, Destination, SyncOption } from 'cdk8s-gitops';

const app = new App();
const chart = new Chart(app, 'apps');
new Application(chart, 'guestbook', {
  project: 'default',
  destination: Destination.inCluster('guestbook'),
  source: ApplicationSource.directory({ repoUrl: 'https://github.com/argoproj/argocd-example-apps.git', path: 'guestbook' }),
  syncPolicy: { automated: { prune: true }, syncOptions: [SyncOption.CREATE_NAMESPACE] },
});
app.synth();
TS
npm install --no-audit --no-fund --loglevel=error "$tgz" >/dev/null 2>&1 || npm install --no-audit --no-fund "$tgz"
npx tsc -p tsconfig.json
node main.js
out="dist/apps.k8s.yaml"
grep -q '^kind: Application$' "$out"
grep -q 'repoURL: https://github.com/argoproj/argocd-example-apps.git' "$out"
grep -q -- '- CreateNamespace=true' "$out"
echo "consumer-smoke: OK (packed $(basename "$tgz") installed into a fresh cdk8s app and synthesized an Application)"
