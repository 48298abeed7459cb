import { IConstruct } from 'constructs';
import { collect } from './errors';
import { groupGlobMatchesEverything, kindGlobMatchesEverything, nameGlobMatchesEverything, namespaceGlobMatchesEverything, repoGlobMatchesEverything } from './glob-reach';

/**
 * The plain AppProject's wildcard rules, judged by what each pattern matches under Argo CD's matchers:
 * - PROJ-302 (error, suppressible): a lone negation (`!kube-system`, `!https://...`) without an entry that matches
 *   everything: Argo CD counts a deny rule that does not match as a match, so it reads "everything else";
 * - PROJ-303..306 (warnings): an entry that matches every repository / destination / source namespace /
 *   cluster-scoped kind (`*`, `?*`, `**`...), which a least-privilege project never needs.
 */
export function projectWildcardFindings(scope: IConstruct, spec: {
  readonly repos: readonly string[];
  readonly sourceNamespaces: readonly string[];
  readonly destinations: readonly { server?: string; name?: string; namespace?: string }[];
  readonly clusterResourceWhitelist: readonly { group?: string; kind?: string; name?: string }[];
}): string[] {
  const errors: string[] = [];
  const str = (x: unknown): string => typeof x === 'string' ? x : '';
  const repoEverything = spec.repos.some(r => !r.startsWith('!') && repoGlobMatchesEverything(r));
  for (const r of spec.repos) {
    if (r.startsWith('!') && !repoEverything) {
      collect(scope, {
        rule: 'PROJ-302',
        problem: 'a lone "!" sourceRepos entry allows every repository it does not match (Argo CD counts a deny rule that does not match as a match)',
        value: r,
        fix: "list the repositories to allow; to allow all but some, add '*' as well (Argo CD's documented form)",
      }, errors);
    } else if (!r.startsWith('!') && repoGlobMatchesEverything(r)) {
      collect(scope, { rule: 'PROJ-303', problem: 'a sourceRepos entry matches every repository', value: r, fix: 'list the repositories (or an org-level glob such as https://git.example.com/platform/*); suppress PROJ-303 with a reason if intended' }, errors);
    }
  }
  const everyDest = (d: { server?: string; name?: string; namespace?: string }) =>
    !str(d.namespace).startsWith('!') && namespaceGlobMatchesEverything(str(d.namespace))
    && (d.server !== undefined ? !str(d.server).startsWith('!') && nameGlobMatchesEverything(str(d.server)) : d.name !== undefined && nameGlobMatchesEverything(str(d.name)));
  const destEverything = spec.destinations.some(everyDest);
  for (const d of spec.destinations) {
    const negated = [d.server, d.name, d.namespace].find(v => str(v).startsWith('!'));
    if (negated !== undefined && !destEverything) {
      collect(scope, {
        rule: 'PROJ-302',
        problem: `a "!" destination (${negated}) allows every ${str(d.namespace).startsWith('!') ? 'namespace' : 'cluster'} it does not match (Argo CD counts a deny rule that does not match as a match)`,
        value: d,
        fix: "list the namespaces and clusters to allow; to allow all but some, add { server: '*', namespace: '*' } as well",
      }, errors);
    } else if (negated === undefined && everyDest(d)) {
      collect(scope, { rule: 'PROJ-304', problem: 'a destination matches every cluster and namespace', value: d, fix: 'name the cluster and the namespaces; suppress PROJ-304 with a reason if intended' }, errors);
    } else if (negated === undefined && namespaceGlobMatchesEverything(str(d.namespace))) {
      collect(scope, { rule: 'PROJ-304', problem: 'a destination matches every namespace of its cluster (kube-system and argocd too)', value: d, fix: 'list the namespaces; suppress PROJ-304 with a reason if intended' }, errors);
    }
  }
  for (const n of spec.sourceNamespaces) {
    if (namespaceGlobMatchesEverything(n)) {
      collect(scope, { rule: 'PROJ-305', problem: 'a sourceNamespaces entry lets Applications in every namespace use the project', value: n, fix: 'list the namespaces; suppress PROJ-305 with a reason if intended' }, errors);
    }
  }
  for (const r of spec.clusterResourceWhitelist) {
    if (groupGlobMatchesEverything(r.group ?? '') && kindGlobMatchesEverything(r.kind) && (r.name === undefined || nameGlobMatchesEverything(r.name))) {
      collect(scope, { rule: 'PROJ-306', problem: 'a clusterResourceWhitelist entry allows every cluster-scoped kind', value: r, fix: "list the kinds (e.g. { group: '', kind: 'Namespace' }); suppress PROJ-306 with a reason if intended" }, errors);
    }
  }
  return errors;
}
