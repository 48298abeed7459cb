import { Construct } from 'constructs';
import { Helmfile, HelmfileRelease } from './helmfile';
import {
  HelmfileMigrationComponent, MigrationStatus, ValuesMode, ValuesRepository,
} from './helmfile-migration-component';
import { renderReport, ReportRow } from './report';
import { computeWaves, WaveError, WaveNode } from './waves';
import { GitOpsApp, GitOpsChart, posixJoin } from '../app/gitops-app';
import { Destination } from '../argocd/destination';
import { SyncOption } from '../argocd/sync-option';
import { AutomatedSync } from '../argocd/sync-policy';
import { fail, failWith } from '../checks/errors';
import { isDns1123Label } from '../checks/names';
import { TieredApplicationSet } from '../patterns/tiered-application-set';

/** A Helmfile taking part in a migration. */
export interface HelmfileMigrationEntry {
  /** The Helmfile (`Helmfile.fromFile`). */
  readonly helmfile: Helmfile;
  /**
   * Tier of its releases, unless a release option or the tier label says otherwise.
   * @default - the tier label of each release (a release without one fails)
   */
  readonly tier?: string;
  /**
   * AppProject of its components.
   * @default - the migration's project
   */
  readonly project?: string;
  /**
   * Its charts' CRDs are managed by another component (`helm.skipCrds`).
   * @default false
   */
  readonly skipCrds?: boolean;
}

/** Per-release choices of a migration. */
export interface ReleaseMigrationOptions {
  /**
   * Status (e.g. PENDING for a release that stays on Helmfile for now).
   * @default - derived from the Helmfile (see HelmfileMigrationComponentProps.status)
   */
  readonly status?: MigrationStatus;
  /**
   * Tier.
   * @default - the tier label, else the Helmfile entry's tier
   */
  readonly tier?: string;
  /**
   * Wave inside the tier.
   * @default - derived from `needs`
   */
  readonly wave?: number;
  /**
   * Component name.
   * @default - the release name
   */
  readonly name?: string;
  /**
   * AppProject.
   * @default - the Helmfile entry's
   */
  readonly project?: string;
  /**
   * Skip the chart's CRDs.
   * @default - the Helmfile entry's
   */
  readonly skipCrds?: boolean;
  /**
   * Sync options (replace the defaults).
   * @default - the component defaults
   */
  readonly syncOptions?: SyncOption[];
  /**
   * Further value files (paths in the values repository) after the release's own and the environment's.
   * @default - none
   */
  readonly extraValueFiles?: string[];
}

/** Options for `HelmfileMigration`. */
export interface HelmfileMigrationProps {
  /** The Helmfiles, in the order Helmfile runs them (the report keeps it). */
  readonly helmfiles: HelmfileMigrationEntry[];
  /** Default AppProject of the components. */
  readonly project: string;
  /** The git repository holding the Helmfiles and value files (the one `repoDir` of the reader points at). */
  readonly valuesRepository: ValuesRepository;
  /**
   * The TieredApplicationSet the components join (tiers it lacks are added in order). Without it every component
   * gets its own Application in `applicationsFolder`, ordered by sync waves (apply that folder with a parent app).
   * @default - none
   */
  readonly applicationSet?: TieredApplicationSet;
  /**
   * Tier order.
   * @default - the applicationSet's tiers, then new tiers in order of first appearance
   */
  readonly tiers?: string[];
  /**
   * Release label whose value is the tier, e.g. `tier` (Helmfile `labels: { tier: infra }`).
   * @default - no label: tiers come from the entries and release options
   */
  readonly tierLabel?: string;
  /**
   * Tier of each tier-label value, when they differ (e.g. `{ crds: 'infra', operators: 'infra' }`).
   * @default - the label value is the tier
   */
  readonly tierLabelValues?: { [labelValue: string]: string };
  /**
   * Per-environment value files appended after each release's own: paths in the values repository with the
   * placeholders `{environment}` (the Helmfile's), `{release}`, `{namespace}`, `{component}`, `{tier}`, e.g.
   * `'values/{environment}/{release}.yaml'`. Missing ones are ignored (`ignoreMissingValueFiles`).
   * @default - none
   */
  readonly environmentValueFiles?: string[];
  /**
   * Per-release choices, keyed by `namespace/name` (or the name when unique across the Helmfiles).
   * @default - none
   */
  readonly releases?: { [release: string]: ReleaseMigrationOptions };
  /**
   * How values reach Argo CD.
   * @default ValuesMode.REFERENCE ($values multi-source, also for TieredApplicationSet components)
   */
  readonly valuesMode?: ValuesMode;
  /**
   * Without an applicationSet: folder of the component files.
   * @default 'components'
   */
  readonly componentsFolder?: string;
  /**
   * Without an applicationSet: folder of the Application manifests.
   * @default `apps/<name>`
   */
  readonly applicationsFolder?: string;
  /**
   * Without an applicationSet: destination cluster of the Applications.
   * @default Destination.inCluster()
   */
  readonly destination?: Destination;
  /**
   * Without an applicationSet: automated sync of the Applications.
   * @default - self-heal, no prune
   */
  readonly automated?: AutomatedSync;
  /**
   * Where the report is written (relative to the app's outdir).
   * @default 'migration/REPORT.md'
   */
  readonly reportPath?: string;
  /**
   * Name, used in the report and the default applications folder.
   * @default - the construct id
   */
  readonly name?: string;
}

/**
 * Moves the releases of several Helmfiles to GitOps components, one `HelmfileMigrationComponent` per release, and
 * writes a migration report (`migration/REPORT.md`): Helmfile → component → tier/wave → status.
 *
 * Tiers come from release options, a tier label, or the Helmfile entry; waves inside a tier from `needs`
 * (one after the latest needed release of the same tier; needs on earlier tiers are satisfied by the tier order).
 * Cycles, unknown needs, needs on later tiers, a release declared by two Helmfiles and two components with one
 * name fail at construction, naming the releases with their file and line.
 */
export class HelmfileMigration extends Construct {
  /** Name. */
  public readonly name: string;
  /** The components, in report order (Helmfiles in order, releases in file order). */
  public readonly components: HelmfileMigrationComponent[] = [];
  /** Tier order. */
  public readonly tiers: string[];
  /** Without an applicationSet: the chart with the Applications. */
  public readonly applicationsChart?: GitOpsChart;
  /** Where the report is written. */
  public readonly reportPath: string;

  private readonly props: HelmfileMigrationProps;

  public constructor(scope: Construct, id: string, props: HelmfileMigrationProps) {
    super(scope, id);
    this.props = props;
    this.name = props.name ?? id;
    const app = GitOpsApp.find(this);
    if (!app) {
      fail(this, {
        rule: 'HELM-001',
        problem: 'a HelmfileMigration writes files through a GitOpsApp',
        value: this.node.root.constructor.name,
        fix: "create the cdk8s app with new GitOpsApp({ repoUrl: '...' })",
      });
    }
    if (!props.helmfiles?.length) {
      fail(this, { rule: 'HELM-002', problem: 'a HelmfileMigration needs at least one Helmfile', value: props.helmfiles, fix: "pass helmfiles: [{ helmfile: Helmfile.fromFile('helmfile.yaml'), tier: 'apps' }]" });
    }

    // every release, once
    const all: { entry: HelmfileMigrationEntry; release: HelmfileRelease }[] = [];
    const byId = new Map<string, HelmfileRelease>();
    for (const entry of props.helmfiles) {
      if (!(entry.helmfile instanceof Helmfile)) {
        fail(this, { rule: 'HELM-003', problem: 'each entry needs a Helmfile read with Helmfile.fromFile', value: entry.helmfile, fix: "pass { helmfile: Helmfile.fromFile('helmfile.yaml') }" });
      }
      for (const release of entry.helmfile.releases) {
        const prev = byId.get(release.id);
        if (prev) {
          fail(`${release.helmfile}:${release.line}`, {
            rule: 'HELM-004',
            problem: `release ${release.id} is also declared at ${prev.helmfile}:${prev.line}: both would manage one Helm release`,
            value: release.id,
            fix: 'keep it in one Helmfile (or give one a different name or namespace)',
          });
        }
        byId.set(release.id, release);
        all.push({ entry, release });
      }
    }

    // release options
    const options = new Map<HelmfileRelease, ReleaseMigrationOptions>();
    for (const [ref, o] of Object.entries(props.releases ?? {})) {
      const r = byId.get(ref) ?? uniqueByName(all.map(a => a.release), ref);
      if (!r) {
        fail(this, {
          rule: 'HELM-005',
          problem: `releases names "${ref}", which no Helmfile of the migration declares (or several declare under that name)`,
          value: ref,
          fix: `use namespace/name, one of ${JSON.stringify([...byId.keys()].sort())}`,
        });
      }
      if (options.has(r)) fail(this, { rule: 'HELM-006', problem: `release ${r.id} has options under two keys`, value: ref, fix: 'keep one' });
      options.set(r, o);
    }

    // tiers
    const tierOf = (entry: HelmfileMigrationEntry, r: HelmfileRelease): string => {
      const o = options.get(r);
      const label = props.tierLabel ? r.labels[props.tierLabel] : undefined;
      const tier = o?.tier ?? (label !== undefined ? props.tierLabelValues?.[label] ?? label : undefined) ?? entry.tier;
      if (!tier) {
        fail(`${r.helmfile}:${r.line}`, {
          rule: 'HELM-007',
          problem: `release ${r.id} has no tier`,
          value: props.tierLabel ? { [props.tierLabel]: label } : r.labels,
          fix: props.tierLabel
            ? `add the label ${props.tierLabel}: <tier> to the release, or give its Helmfile entry a tier`
            : 'give its Helmfile entry a tier, or set tierLabel',
        });
      }
      if (!isDns1123Label(tier)) {
        fail(`${r.helmfile}:${r.line}`, { rule: 'HELM-008', problem: `the tier of release ${r.id} is not a DNS-1123 label`, value: tier, fix: 'map it with tierLabelValues, or use lowercase letters, digits and "-"' });
      }
      return tier;
    };
    const tiersOfReleases = new Map(all.map(({ entry, release }) => [release, tierOf(entry, release)]));
    const set = props.applicationSet;
    const order: string[] = [...set?.tiers.map(t => t.name) ?? []];
    if (props.tiers) {
      const setTiers = [...order];
      for (const t of props.tiers) if (!order.includes(t)) order.push(t);
      if (order.filter(t => props.tiers!.includes(t)).join() !== props.tiers.join()) {
        fail(this, {
          rule: 'HELM-009',
          problem: 'tiers lists the applicationSet\'s tiers in another order, or puts new tiers before them',
          value: { tiers: props.tiers, applicationSet: setTiers },
          fix: 'keep the applicationSet\'s order; new tiers come after its tiers (or add them to the applicationSet first)',
        });
      }
    }
    for (const t of tiersOfReleases.values()) if (!order.includes(t)) order.push(t);
    this.tiers = order;

    // statuses first (waves skip releases without an Application), then waves
    const auto = (r: HelmfileRelease) => !r.installed ? MigrationStatus.DISABLED
      : r.blockingFeatures.length ? MigrationStatus.PENDING : undefined;
    const deployed = (r: HelmfileRelease) => {
      const s = options.get(r)?.status ?? auto(r);
      return s !== MigrationStatus.PENDING && s !== MigrationStatus.DISABLED;
    };
    const nodes: WaveNode[] = all.map(({ release: r }) => ({
      id: r.id,
      where: `${r.helmfile}:${r.line}`,
      tier: tiersOfReleases.get(r)!,
      needs: r.needs,
      wave: options.get(r)?.wave,
      deployed: deployed(r),
    }));
    let waves: Map<string, number>;
    try {
      waves = computeWaves(nodes, order);
    } catch (e) {
      if (e instanceof WaveError) failWith(e.where, e.message);
      throw e;
    }

    // tiers the applicationSet lacks
    if (set) {
      const have = set.tiers.map(t => t.name);
      for (const t of order) if (!have.includes(t)) set.addTier({ name: t });
    }

    // components
    let parent: Construct = this;
    if (!set) {
      this.applicationsChart = new GitOpsChart(this, 'applications', { folder: props.applicationsFolder ?? posixJoin('apps', this.name) });
      parent = this.applicationsChart;
    }
    const globalWave = this.globalWaves(nodes, waves, order);
    const names = new Map<string, HelmfileRelease>();
    for (const { entry, release: r } of all) {
      const o = options.get(r) ?? {};
      const tier = tiersOfReleases.get(r)!;
      const name = o.name ?? r.name;
      const clash = names.get(name);
      if (clash) {
        fail(`${r.helmfile}:${r.line}`, {
          rule: 'HELM-010',
          problem: `releases ${clash.id} (${clash.helmfile}:${clash.line}) and ${r.id} would both become component "${name}"`,
          value: name,
          fix: `give one a component name: releases: { '${r.id}': { name: '${r.namespace ?? 'x'}-${r.name}' } }`,
        });
      }
      names.set(name, r);
      const extra = [...(props.environmentValueFiles ?? []).map(p => this.expand(p, entry.helmfile, r, name, tier)), ...o.extraValueFiles ?? []];
      const component = new HelmfileMigrationComponent(parent, r.id.replace(/\//g, '--'), {
        helmfile: entry.helmfile,
        release: r.id,
        name,
        tier,
        wave: waves.get(r.id),
        project: o.project ?? entry.project ?? props.project,
        valuesRepository: props.valuesRepository,
        status: o.status,
        extraValueFiles: extra.length ? extra : undefined,
        ignoreMissingValueFiles: props.environmentValueFiles?.length ? true : undefined,
        skipCrds: o.skipCrds ?? entry.skipCrds,
        syncOptions: o.syncOptions,
        valuesMode: props.valuesMode,
        applicationSet: set,
        componentsFolder: props.componentsFolder,
        destination: props.destination,
        automated: props.automated,
        syncWave: set ? undefined : globalWave.get(r.id),
      });
      this.components.push(component);
    }

    app.addFile(props.reportPath ?? 'migration/REPORT.md', { render: () => this.renderReport() });
    this.reportPath = posixJoin(props.reportPath ?? 'migration/REPORT.md');
  }

  /** The component of a release (`namespace/name` or a unique name). */
  public componentOf(release: string): HelmfileMigrationComponent | undefined {
    return this.components.find(c => c.release.id === release) ?? this.components.filter(c => c.release.name === release).at(0);
  }

  /** The migration report (Markdown), as written to `reportPath`. */
  public renderReport(): string {
    const byId = new Map(this.components.map(c => [c.release.id, c]));
    const rows: ReportRow[] = this.components.map(c => {
      const r = c.release;
      const notes = [...c.reasons];
      const skip = c.component?.source.options.helm?.skipCrds;
      if (skip) notes.push('skipCrds');
      for (const n of r.needs) {
        const dep = byId.get(n);
        if (dep?.status === MigrationStatus.PENDING) notes.push(`needs ${n}, still on Helmfile: Argo CD does not wait for it`);
        if (dep?.status === MigrationStatus.DISABLED) notes.push(`needs ${n}, which is disabled`);
      }
      if (r.chart.kind === 'oci' && c.status === MigrationStatus.MIGRATED) notes.push('OCI chart: Argo CD needs a Helm repository entry with enableOCI: true');
      notes.push(...r.notes.filter(n => !c.reasons.includes(n)));
      if (r.droppedSettings.length) notes.push(`Helm CLI settings dropped: ${r.droppedSettings.join(', ')}`);
      const hf = c.helmfile;
      const selector = `name=${r.name}${r.namespace ? `,namespace=${r.namespace}` : ''}`;
      return {
        helmfile: r.helmfile,
        line: r.line,
        release: r.id,
        component: c.component ? c.name : undefined,
        tier: c.tier,
        wave: c.component ? c.wave : undefined,
        status: c.status,
        notes,
        renderCommand: c.renderedPath
          ? `helmfile -f ${hf.path} -e ${hf.environment} -l ${selector} template > ${c.renderedPath}/manifests.yaml`
          : undefined,
      };
    });
    const set = this.props.applicationSet;
    const repo = this.props.valuesRepository;
    const modes = [...new Set(this.components.filter(c => c.component && c.status === MigrationStatus.MIGRATED).map(c => c.valuesMode))];
    const summary = [
      set
        ? `Components join the TieredApplicationSet \`${set.applicationSet.name}\` (\`${set.componentsFolder}/<tier>/<name>/component.yaml\`).`
        : `Each component has its own Application in \`${this.applicationsChart!.folder}/\` (sync waves follow the tiers), `
          + `and a \`${this.props.componentsFolder ?? 'components'}/<tier>/<name>/component.yaml\`.`,
      `Values repository: ${repo.repoUrl} at \`${repo.targetRevision ?? 'HEAD'}\``
        + (modes.includes(ValuesMode.REFERENCE) ? `, read by Argo CD as \`$${repo.ref ?? 'values'}/...\`` : '')
        + (modes.includes(ValuesMode.INLINE) ? `${modes.length > 1 ? ';' : ','} values inlined at synth (re-synth after a values change)` : '')
        + '.',
    ];
    return renderReport({
      title: this.name,
      helmfileNotes: this.props.helmfiles.map(e => ({ helmfile: e.helmfile.path, notes: e.helmfile.notes })),
      summary,
      tiers: this.tiers,
      statusOrder: [MigrationStatus.MIGRATED, MigrationStatus.RENDER_ONLY, MigrationStatus.PENDING, MigrationStatus.DISABLED],
    }, rows);
  }

  /** Sync waves for standalone Applications: (tier, wave) pairs in order, numbered 0, 1, 2... */
  private globalWaves(nodes: WaveNode[], waves: Map<string, number>, order: string[]): Map<string, number> {
    const pairs = [...new Set(nodes.filter(n => n.deployed).map(n => `${order.indexOf(n.tier)}:${waves.get(n.id)}`))]
      .map(p => p.split(':').map(Number))
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map(p => p.join(':'));
    const out = new Map<string, number>();
    for (const n of nodes) {
      const i = pairs.indexOf(`${order.indexOf(n.tier)}:${waves.get(n.id)}`);
      if (i >= 0) out.set(n.id, i);
    }
    return out;
  }

  private expand(pattern: string, hf: Helmfile, r: HelmfileRelease, component: string, tier: string): string {
    const vars: { [k: string]: string | undefined } = {
      environment: hf.environment, release: r.name, namespace: r.namespace, component, tier,
    };
    const out = pattern.replace(/\{([a-zA-Z]+)\}/g, (m, k: string) => {
      if (!(k in vars)) {
        fail(this, { rule: 'HELM-011', problem: 'unknown placeholder in environmentValueFiles', value: pattern, fix: 'use {environment}, {release}, {namespace}, {component} or {tier}' });
      }
      const v = vars[k];
      if (v === undefined) fail(this, { rule: 'HELM-012', problem: `release ${r.id} has no ${k} for environmentValueFiles`, value: pattern, fix: 'add it to the release' });
      return v ?? m;
    });
    return out;
  }
}

function uniqueByName(releases: HelmfileRelease[], name: string): HelmfileRelease | undefined {
  const m = releases.filter(r => r.name === name);
  return m.length === 1 ? m[0] : undefined;
}
