import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { CatalogueEntry } from './entry';
import { DatabaseCredentials, GitOpsApp, ModelRegistryDatabase, ModelRegistryStack } from '../../src';

function stack(overrides: any = {}, dbOverrides: any = {}): ModelRegistryStack {
  const app = new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cat-odh-')), repoUrl: 'https://git.example.com/x.git' });
  return new ModelRegistryStack(app, 'mr', {
    database: ModelRegistryDatabase.inClusterMySql({ credentials: DatabaseCredentials.fromSecret({ secretName: 'db' }), ...dbOverrides }),
    ...overrides,
  });
}

/** ModelRegistryStack and its database / hardware profile values. */
export const ODH_ENTRIES: CatalogueEntry[] = [
  {
    name: 'plaintext database password',
    construct: 'ModelRegistryStack',
    run: () => stack({}, { credentials: DatabaseCredentials.unsafePlaintext({ password: 's3cret' }) }),
    path: 'mr',
    value: '"<redacted>"',
    fix: /DatabaseCredentials.fromSecret/,
  },
  {
    name: 'a Secret with data in the stack charts',
    construct: 'ModelRegistryStack',
    run: () => {
      const s = stack();
      new ApiObject(s.infrastructureChart, 'leak', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'leak' }, stringData: { password: 'x' } } as any);
      (s.node.root as GitOpsApp).synthFiles();
    },
    path: 'mr',
    value: '["password"]',
    fix: /ExternalSecret or SealedSecret/,
  },
  {
    name: 'database image without a tag',
    construct: 'ModelRegistryStack',
    run: () => stack({}, { image: 'mysql' }),
    path: 'mr',
    value: '"mysql"',
    fix: /pin a release tag/,
  },
  {
    name: 'database image with the latest tag',
    construct: 'ModelRegistryStack',
    run: () => stack({}, { image: 'quay.io/org/mysql:latest' }),
    path: 'mr',
    value: '"quay.io/org/mysql:latest"',
    fix: /allowUnpinnedImages/,
  },
  {
    name: 'model registry name that is not a DNS-1035 label',
    construct: 'ModelRegistryStack',
    run: () => stack({ name: '1registry' }),
    path: 'mr',
    value: '"1registry"',
    fix: /Fix:/,
  },
  {
    name: 'registry namespace with uppercase letters',
    construct: 'ModelRegistryStack',
    run: () => stack({ registryNamespace: 'RHOAI' }),
    path: 'mr',
    value: '"RHOAI"',
    fix: /lowercase letters/,
  },
  {
    name: 'two hardware profiles with the same name',
    construct: 'ModelRegistryStack',
    run: () => {
      const s = stack();
      s.addHardwareProfile({ name: 'gpu', displayName: 'GPU' });
      s.addHardwareProfile({ name: 'gpu', displayName: 'GPU 2' });
    },
    path: 'mr',
    value: '"gpu"',
    fix: /its own name/,
  },
  {
    name: 'hardware profile name with an underscore',
    construct: 'ModelRegistryStack',
    run: () => stack().addHardwareProfile({ name: 'gpu_1', displayName: 'GPU' }),
    path: 'mr',
    value: '"gpu_1"',
    fix: /Fix:/,
  },
  {
    name: 'Secret reference with an invalid name',
    construct: 'DatabaseCredentials',
    run: () => DatabaseCredentials.fromSecret({ secretName: 'Bad_Name' }),
    value: '"Bad_Name"',
    fix: /Fix:/,
  },
];
