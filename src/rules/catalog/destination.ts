import { RuleFamily } from '../definitions';

/** Destinations: the checks of this family, one entry a check (see docs/rules.md). */
export const DEST_RULES: RuleFamily = {
  prefix: 'DEST',
  family: 'Destinations',
  rules: [
    { id: 'DEST-001', summary: 'a destination namespace, server or name is not a string', fix: 'pass a string, e.g. a namespace such as \'team-a\', or use Destination.inCluster(\'team-a\')' },
    { id: 'DEST-002', summary: 'a destination can\'t have both name and server (Argo CD rejects the Application)', fix: 'keep one: Destination.byServer(url) or Destination.byName(clusterName)' },
    { id: 'DEST-003', summary: 'a destination needs a cluster: server or name', fix: 'use Destination.inCluster(namespace), Destination.byServer(url, namespace) or Destination.byName(clusterName, namespace)' },
    { id: 'DEST-004', summary: 'a destination server must be the API server URL', fix: 'use an https:// API server URL, e.g. https://kubernetes.default.svc, or Destination.byName() for a cluster name' },
    { id: 'DEST-005', summary: 'a destination namespace must be a DNS-1123 label', fix: 'use lowercase letters, digits and \'-\', at most 63 characters' },
  ],
};
