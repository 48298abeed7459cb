import { RuleFamily } from '../definitions';

/** Destinations: the checks of this family, one entry a check (see docs/rules.md). */
export const DEST_RULES: RuleFamily = {
  prefix: 'DEST',
  family: 'Destinations',
  rules: [
  { id: 'DEST-001', summary: 'a destination … must be a string', fix: 'use a namespace name such as \'team-a\'' },
  { id: 'DEST-002', summary: 'a destination can\'t have both name and server (Argo CD rejects the Application)', fix: 'keep one: Destination.byServer(url) or Destination.byName(clusterName)' },
  { id: 'DEST-003', summary: 'a destination needs a cluster: server or name', fix: 'use Destination.inCluster(namespace), Destination.byServer(url, namespace) or Destination.byName(clusterName, namespace)' },
  { id: 'DEST-004', summary: 'a destination server must be the API server URL', fix: 'use an https:// URL, e.g. …, or Destination.byName() for a cluster name' },
  { id: 'DEST-005', summary: 'a destination namespace must be a DNS-1123 label', fix: 'use lowercase letters, digits and \'-\', at most 63 characters' },
  ],
};
