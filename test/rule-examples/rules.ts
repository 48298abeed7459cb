import { RuleExampleEntry } from './example';
import { Application, ApplicationProps, ApplicationSource, DeletionCascade, Destination, GitOpsApp, GitOpsChart, GitOpsRules } from '../../src';

const REPO = 'https://git.example.com/platform/gitops.git';
/** An Application `web`: a git folder deployed to the namespace `web`. */
const webProps: ApplicationProps = {
  project: 'web',
  source: ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web' }),
  destination: Destination.inCluster('web'),
};
/** The same, leaving its resources behind when it is deleted (a warning, APP-020, that can be suppressed). */
const orphaning: ApplicationProps = { ...webProps, deletionCascade: DeletionCascade.NONE };

/** Rules and suppressions (RULE-*): GitOpsRules.suppress and strict mode. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'RULE-001',
    nonCompliant: x => {
      const web = new Application(x.chart, 'web', orphaning);
      GitOpsRules.of(web).suppress('APP-20', 'the namespace is shared with the legacy deployment');
    },
    compliant: x => {
      const web = new Application(x.chart, 'web', orphaning);
      GitOpsRules.of(web).suppress('APP-020', 'the namespace is shared with the legacy deployment');
    },
  },
  {
    rule: 'RULE-002',
    nonCompliant: x => {
      const web = new Application(x.chart, 'web', orphaning);
      GitOpsRules.of(web).suppress('APP-020', ' ');
    },
    compliant: x => {
      const web = new Application(x.chart, 'web', orphaning);
      GitOpsRules.of(web).suppress('APP-020', 'the namespace is shared with the legacy deployment');
    },
  },
  {
    rule: 'RULE-003',
    nonCompliant: x => {
      GitOpsRules.of(x.chart).suppress('APP-001', 'our Argo CD runs in the namespace Argo_CD');
      new Application(x.chart, 'web', { ...webProps, namespace: 'Argo_CD' });
    },
    compliant: x => new Application(x.chart, 'web', { ...webProps, namespace: 'argo-cd' }),
  },
  {
    rule: 'RULE-004',
    nonCompliant: x => {
      const app = new GitOpsApp({ outdir: x.tmpdir(), repoUrl: REPO, strict: true });
      new Application(new GitOpsChart(app, 'argocd'), 'web', orphaning);
      return app;
    },
    compliant: x => {
      const app = new GitOpsApp({ outdir: x.tmpdir(), repoUrl: REPO, strict: true });
      const web = new Application(new GitOpsChart(app, 'argocd'), 'web', orphaning);
      GitOpsRules.of(web).suppress('APP-020', 'the namespace is shared with the legacy deployment');
      return app;
    },
  },
];
