import type { ApplicationSet } from './application-set';
import type { ApplicationPreview } from './application-set-preview';
import { ApplicationSetStrategy, describeRollingSyncStep } from './application-set-strategy';
import { paramContextOf } from './declared-clusters';

/** The rollout writer: an ApplicationSet's RollingSync steps with their Applications, and the plan as Markdown + Mermaid. */

/** One step of the rollout, as previewed at synth. */
export interface RolloutStepPreview {
  /** 1-based step number. */
  readonly step: number;
  /** The step's description (or its expressions). */
  readonly description: string;
  /** The step's expressions, e.g. `env In [dev]`. */
  readonly selector: string;
  /** `100%`, `1`, `0`... */
  readonly maxUpdate: string;
  /** How many Applications sync at a time (0 = paused, waits for a manual sync). */
  readonly batchSize: number;
  /** The Applications of the step, in order. */
  readonly applications: string[];
}

/**
 * The RollingSync steps with the Applications each syncs (empty for AllAtOnce).
 * @param apps the previewed Applications, undefined when they are known only at run time
 */
export function previewSteps(strategy: ApplicationSetStrategy, apps: readonly ApplicationPreview[] | undefined): RolloutStepPreview[] {
  return strategy.steps.map((s, i) => {
    const members = apps?.filter(a => a.step === i + 1).map(a => a.name) ?? [];
    return {
      step: i + 1,
      description: s.description ?? `step ${i + 1}`,
      selector: describeRollingSyncStep(s),
      maxUpdate: s.maxUpdate?.toString() ?? '100%',
      batchSize: s.maxUpdate ? s.maxUpdate.batchSize(members.length) : members.length,
      applications: members,
    };
  });
}

/** The rollout plan of an ApplicationSet as Markdown with a Mermaid diagram (what is written to `ROLLOUT-<name>.md`). */
export function renderRolloutPlan(set: ApplicationSet): string {
  const strategy = set.strategy;
  const generators = set.generatorList;
  const rolling = strategy.isRollingSync;
  const lines: string[] = [`# ApplicationSet ${set.name}: rollout plan`, ''];
  const gens = generators.map(g => g.kind).join(', ');
  lines.push(`Generators: ${gens || 'none'}. Strategy: ${rolling
    ? `RollingSync, ${strategy.steps.length} step(s); a step starts when every Application of the previous step is healthy`
      + (strategy.deletionOrder ? `; deletion order ${strategy.deletionOrder}` : '')
    : 'AllAtOnce, every Application is updated at once'}.`);
  lines.push(`Safety: applicationsSync \`${set.applicationsSync}\`, preserveResourcesOnDeletion \`${set.preserveResourcesOnDeletion}\`.`, '');
  const apps = set.previewable ? set.preview() : undefined;
  if (!apps) {
    const why = generators.map(g => g._params(paramContextOf(set))).find(s => !s.knowable)?.unknownBecause ?? 'there are no generators';
    lines.push(`The generated Applications are known only at run time (${why})${rolling ? '; the plan lists the steps' : ''}.`, '');
  }
  const id = (s: string) => s.replace(/[^a-zA-Z0-9]/g, '_');
  const pace = (s: RolloutStepPreview) => s.maxUpdate === '100%' ? 'all at once'
    : s.maxUpdate === '0' || s.maxUpdate === '0%' ? 'paused: waits for a manual sync' : `${s.maxUpdate} at a time`;
  if (rolling) {
    const steps = set.previewSteps();
    lines.push('```mermaid', 'flowchart LR');
    for (const s of steps) {
      const title = s.description === `step ${s.step}` ? s.selector : s.description;
      lines.push(`  subgraph step_${s.step}["step ${s.step} · ${escapeMermaid(title)} · ${pace(s)}"]`);
      if (s.applications.length === 0) lines.push(`    step_${s.step}_empty["${apps ? '(no Application)' : '(known at run time)'}"]`);
      for (const a of s.applications) lines.push(`    app_${id(a)}["${a}"]`);
      lines.push('  end');
    }
    for (let i = 1; i < steps.length; i++) lines.push(`  step_${i} -- healthy --> step_${i + 1}`);
    lines.push('```', '', '| step | description | selects | pace | applications |', '| --- | --- | --- | --- | --- |');
    for (const s of steps) {
      lines.push(`| ${s.step} | ${s.description} | \`${s.selector}\` | ${pace(s)} | ${apps ? s.applications.join(', ') || '(none)' : '(run time)'} |`);
    }
    lines.push('');
  }
  if (apps) {
    lines.push('| # | step | application | project | cluster | namespace | labels |', '| --- | --- | --- | --- | --- | --- | --- |');
    apps.forEach((a, i) => {
      const labels = Object.keys(a.labels).sort().map(k => `${k}=${a.labels[k]}`).join(', ');
      lines.push(`| ${i + 1} | ${a.step ?? (rolling ? 'none' : 'all')} | ${a.name} | ${a.project} | ${a.cluster} | ${a.namespace ?? ''} | ${labels} |`);
    });
    lines.push('');
  }
  return lines.join('\n');
}

/** A Mermaid label with its double quotes escaped. */
export function escapeMermaid(s: string): string {
  return s.replace(/"/g, '#quot;');
}
