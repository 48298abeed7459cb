import { RuleFamily } from '../definitions';
import { RuleLevel } from '../rule';

/** Argo CD settings: the checks of this family, one entry a check (see docs/rules.md). */
export const SET_RULES: RuleFamily = {
  prefix: 'SET',
  family: 'Argo CD settings',
  rules: [
    { id: 'SET-001', summary: 'more than one ArgoCdSettings in this app', fix: 'keep one ArgoCdSettings per Argo CD instance and pass its namespace to ArgoCdSettings.of(scope, namespace)' },
    { id: 'SET-002', summary: 'the Argo CD namespace is not a valid namespace name (DNS-1123 label)', fix: 'use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit' },
    { id: 'SET-003', summary: 'syncWave must be an integer', fix: 'use a whole number such as -1' },
    { id: 'SET-004', summary: 'health check group is not an API group name', fix: 'use a lowercase DNS name such as "cert-manager.io", or "" for the core group (no wildcards)' },
    { id: 'SET-005', summary: 'health check kind is not a resource kind', fix: 'use the kind as written in manifests, e.g. "Certificate" (letters and digits, no wildcards)' },
    { id: 'SET-006', summary: 'a custom health check script is empty', fix: 'pass a Lua script that sets hs.status and returns hs' },
    { id: 'SET-007', summary: 'an Argo CD ConfigMap key is not a valid ConfigMap key', fix: 'use at most 253 letters, digits, \'-\', \'_\' and \'.\' (and not constructor or __proto__)' },
    { id: 'SET-008', summary: 'an Argo CD ConfigMap value is not a string', fix: 'pass a string; write booleans and numbers as "true" or "180s"' },
    { id: 'SET-009', summary: 'an Argo CD ConfigMap key is set twice with different values', fix: 'set the key once, or make every call agree on its value' },
    { id: 'SET-010', summary: 'there is more than one ArgoCdSettings for the same Argo CD namespace', fix: 'use one ArgoCdSettings per Argo CD instance: each would write the same ConfigMaps' },
    { id: 'SET-011', level: RuleLevel.WARNING, summary: 'server.insecure serves the Argo CD API over plain HTTP', fix: 'terminate TLS at the server, or suppress when a proxy terminates it' },
    { id: 'SET-101', summary: 'a library health check names no valid API group or kind', fix: "use e.g. LibraryHealthCheck.readyCondition('temporal.io', 'TemporalCluster')" },
    { id: 'SET-301', summary: 'a Lua health check script does not parse', fix: 'fix the Lua syntax at the line the message names' },
    { id: 'SET-302', summary: 'a wildcard health check pattern is malformed, or resource.customizations is set twice', fix: "use patterns like '*.crossplane.io' / '*', and set resource.customizations in one place" },
    { id: 'SET-303', summary: 'a boolean argocd-cmd-params-cm flag has a value Go\'s ParseBool rejects (e.g. "yes"): the flag stays off', fix: 'write "true" or "false"' },
  ],
};
