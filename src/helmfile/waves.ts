/**
 * Helmfile `needs` → waves inside tiers (internal; used by HelmfileMigration).
 *
 * A release's wave is one after the latest release it needs in the same tier (0 without any); needs on releases
 * of earlier tiers are already satisfied by the tier order. Cycles, needs on unknown releases and needs on later
 * tiers fail, naming the releases.
 */
import { describeProblem } from '../checks/errors';

/** A release as the wave computation sees it. */
export interface WaveNode {
  /** `namespace/name` */
  readonly id: string;
  /** where it is declared, `file:line` */
  readonly where: string;
  /** its tier */
  readonly tier: string;
  /** normalized needs (`namespace/name`) */
  readonly needs: readonly string[];
  /** an explicit wave (wins over the derived one) */
  readonly wave?: number;
  /** false for releases that get no Application (pending, disabled): needs on them do not raise waves */
  readonly deployed: boolean;
}

/** Thrown by `computeWaves`; the message already names the values and the fix. */
export class WaveError extends Error {
  public constructor(public readonly where: string, message: string) {
    super(message);
  }
}

/** The wave of every node, by id. Throws WaveError. */
export function computeWaves(nodes: readonly WaveNode[], tierOrder: readonly string[]): Map<string, number> {
  const byId = new Map(nodes.map(n => [n.id, n]));
  const rank = (t: string) => tierOrder.indexOf(t);

  for (const n of nodes) {
    for (const d of n.needs) {
      if (!byId.has(d)) {
        const sameName = nodes.filter(x => x.id.split('/').pop() === d.split('/').pop()).map(x => x.id);
        throw new WaveError(n.where, describeProblem({
          rule: 'HELM-067',
          problem: `release ${n.id} needs ${d}, which no Helmfile of the migration declares`,
          value: d,
          fix: sameName.length
            ? `write the namespace of the release it means: ${sameName.join(' or ')}`
            : 'add the Helmfile that declares it to the migration, or remove the entry',
        }));
      }
    }
  }

  // cycles, over every release (Helmfile rejects them too)
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string) => {
    const s = state.get(id);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      throw new WaveError(byId.get(id)!.where, describeProblem({
        rule: 'HELM-068',
        problem: `the releases' needs form a cycle (each needs the next): ${cycle.join(' -> ')}`,
        value: cycle,
        fix: 'remove one of these needs',
      }));
    }
    state.set(id, 'visiting');
    stack.push(id);
    for (const d of byId.get(id)!.needs) visit(d);
    stack.pop();
    state.set(id, 'done');
  };
  for (const n of nodes) visit(n.id);

  // the deployed releases a release waits for: needs on a release without an Application (pending, disabled)
  // pass through to what that release needs
  const expanded = new Map<string, WaveNode[]>();
  const expand = (id: string): WaveNode[] => {
    let out = expanded.get(id);
    if (out) return out;
    const set = new Set<WaveNode>();
    for (const d of byId.get(id)!.needs) {
      const dep = byId.get(d)!;
      if (dep.deployed) set.add(dep);
      else for (const x of expand(d)) set.add(x);
    }
    out = [...set];
    expanded.set(id, out);
    return out;
  };

  // needs on later tiers would never be satisfied by the rollout order
  for (const n of nodes) {
    if (!n.deployed) continue;
    for (const dep of expand(n.id)) {
      const d = dep.id;
      if (rank(dep.tier) > rank(n.tier)) {
        throw new WaveError(n.where, describeProblem({
          rule: 'HELM-069',
          problem: `release ${n.id} (tier ${n.tier}) needs ${d}, which is in the later tier ${dep.tier}: the rollout would sync it first`,
          value: { [n.id]: n.tier, [d]: dep.tier },
          fix: `move ${d} to tier ${n.tier} or an earlier one, or ${n.id} to tier ${dep.tier} or a later one`,
        }));
      }
    }
  }

  const waves = new Map<string, number>();
  const waveOf = (id: string): number => {
    const known = waves.get(id);
    if (known !== undefined) return known;
    const n = byId.get(id)!;
    const deps = expand(id).filter(d => d.tier === n.tier);
    const derived = deps.length ? Math.max(...deps.map(d => waveOf(d.id))) + 1 : 0;
    const wave = n.wave ?? derived;
    waves.set(id, wave);
    return wave;
  };
  for (const n of nodes) waveOf(n.id);

  for (const n of nodes) {
    if (!n.deployed || n.wave === undefined) continue;
    for (const dep of expand(n.id)) {
      const d = dep.id;
      if (dep.tier === n.tier && waves.get(d)! >= n.wave) {
        throw new WaveError(n.where, describeProblem({
          rule: 'HELM-070',
          problem: `release ${n.id} has wave ${n.wave} but needs ${d} in wave ${waves.get(d)} of the same tier`,
          value: { [n.id]: n.wave, [d]: waves.get(d) },
          fix: `give ${n.id} a wave above ${waves.get(d)}, or leave its wave out to derive it`,
        }));
      }
    }
  }
  return waves;
}
