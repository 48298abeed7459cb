/**
 * The migration report (internal): a Markdown table Helmfile → component → tier/wave → status, plus the commands
 * for render-only releases and the cut-over steps.
 */

/** One release in the report. */
export interface ReportRow {
  readonly helmfile: string;
  readonly line: number;
  readonly release: string;
  readonly component?: string;
  readonly tier: string;
  readonly wave?: number;
  readonly status: string;
  readonly notes: readonly string[];
  /** for render-only: the command that renders it, and where to */
  readonly renderCommand?: string;
}

export interface ReportContext {
  readonly title: string;
  /** file-level notes, by Helmfile */
  readonly helmfileNotes: ReadonlyArray<{ readonly helmfile: string; readonly notes: readonly string[] }>;
  readonly summary: readonly string[];
  readonly tiers: readonly string[];
  readonly statusOrder: readonly string[];
}

/** Renders the report. Rows keep the given order (Helmfiles in migration order, releases in file order). */
export function renderReport(ctx: ReportContext, rows: readonly ReportRow[]): string {
  const counts = ctx.statusOrder.map(s => [s, rows.filter(r => r.status === s).length] as const).filter(([, n]) => n > 0);
  const helmfiles = [...new Set(rows.map(r => r.helmfile))];
  const lines: string[] = [
    `# Helmfile migration: ${ctx.title}`,
    '',
    `${rows.length} release${rows.length === 1 ? '' : 's'} from ${helmfiles.length} Helmfile${helmfiles.length === 1 ? '' : 's'}: `
      + `${counts.map(([s, n]) => `${n} ${s}`).join(', ') || 'none'}.`,
    ...ctx.summary,
    '',
    `Tiers roll out in this order, each wave of a tier after the previous one is healthy: ${ctx.tiers.map(t => `\`${t}\``).join(' → ') || '(none)'}.`,
    '',
    '| Helmfile | release | component | tier / wave | status | notes |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const tw = r.wave === undefined ? r.tier : `${r.tier} / ${r.wave}`;
    lines.push(`| \`${r.helmfile}:${r.line}\` | ${cell(r.release)} | ${r.component ? `\`${r.component}\`` : '—'} | ${cell(tw)} | ${r.status} | ${cell(r.notes.join('; '))} |`);
  }
  lines.push('', 'Statuses: **migrated** — an Argo CD component renders the chart; **render-only** — a component applies manifests',
    'pre-rendered from the Helmfile; **pending** — still deployed by `helmfile apply`, no component yet; **disabled** —',
    'not deployed (`installed: false` or a false `condition`), written as `component.disabled.yaml`.');

  const byNote = new Map<string, string[]>();
  for (const h of ctx.helmfileNotes) for (const n of h.notes) byNote.set(n, [...byNote.get(n) ?? [], h.helmfile]);
  if (byNote.size) {
    lines.push('', '## Helmfile-wide notes', '');
    for (const [note, files] of byNote) lines.push(`- ${files.map(f => `\`${f}\``).join(', ')}: ${note}`);
  }

  const render = rows.filter(r => r.renderCommand);
  if (render.length) {
    lines.push('', '## Render-only releases', '',
      'The Helmfile stays their blueprint: render them and commit the output (again after every change of the release or its values):',
      '', '```sh');
    for (const r of render) lines.push(r.renderCommand!);
    lines.push('```');
  }

  lines.push('', '## Cut-over of a migrated or render-only release', '',
    '1. Merge the component; its Application renders the same resource names (the Helm release name is kept) and adopts the',
    '   running resources on its first sync (server-side apply). Check `argocd app diff <component>` first.',
    '2. When it is Synced and Healthy, forget the Helm release without deleting anything:',
    '   `kubectl -n <namespace> delete secret -l owner=helm,name=<release>`.',
    '3. Remove the release from its Helmfile. Do not set `installed: false` there: `helmfile apply` would uninstall it.',
    '');
  return lines.join('\n');
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
