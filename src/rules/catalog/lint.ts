import { RuleFamily } from '../definitions';
import { RuleLevel } from '../rule';

/**
 * `cdk8s-gitops lint`: problems only the linter of hand-written YAML can meet (files, documents it cannot map,
 * schema mismatches, suppressions). The library's own rules (APP-, APPSET-, PROJ-, SYNC-, TGT- ...) keep their ids
 * when the linter applies them to YAML.
 */
export const LINT_RULES: RuleFamily = {
  prefix: 'LINT',
  family: 'Lint (cdk8s-gitops lint)',
  rules: [
    { id: 'LINT-001', summary: 'the file is not valid YAML', fix: 'fix the YAML syntax at the position given (or remove the file from the linted paths)' },
    { id: 'LINT-002', summary: 'the YAML expands aliases beyond the limit (a YAML bomb, or a document that abuses anchors)', fix: 'write the values out instead of nesting aliases' },
    { id: 'LINT-003', summary: 'the file is larger than the lint size limit and was not read', fix: 'split the file, or raise the limit with --max-file-size' },
    { id: 'LINT-004', summary: 'the document is not a Kubernetes object (a mapping with apiVersion and kind)', fix: 'give the document apiVersion, kind and metadata.name, or move it out of the manifests folder' },
    { id: 'LINT-005', summary: 'the document has an argoproj.io kind Argo CD does not define', fix: 'use Application, ApplicationSet or AppProject (check the spelling of kind and apiVersion)' },
    { id: 'LINT-006', summary: 'the document does not match its CRD schema (the API server rejects it, or prunes the field silently)', fix: 'correct the field as the message says' },
    { id: 'LINT-007', summary: 'the Application has no spec, so Argo CD has nothing to deploy', fix: 'add spec with project, source (or sources) and destination' },
    { id: 'LINT-008', level: RuleLevel.INFO, summary: 'the AppProject the Application names is not among the linted files, so its permissions were not checked', fix: 'lint the folder that holds the AppProject too' },
    { id: 'LINT-009', summary: 'a Secret holds plaintext values, which would be committed to git', fix: 'use an ExternalSecret or a SealedSecret, or keep the Secret out of the repository', suppressible: true },
    { id: 'LINT-010', summary: 'an Argo CD cluster or repository Secret holds plaintext credentials, which would be committed to git', fix: 'create the Secret with an ExternalSecret or SealedSecret (labels argocd.argoproj.io/secret-type kept on the template)', suppressible: true },
    { id: 'LINT-011', summary: 'a suppression names an unknown rule id or gives no reason', fix: 'write "RULE-ID reason", e.g. "LINT-009 throwaway test cluster"' },
    { id: 'LINT-012', level: RuleLevel.WARNING, summary: 'a suppression names a rule that cannot be suppressed, so the finding stays', fix: 'fix the finding; only warnings, infos and the errors marked suppressible can be silenced' },
    { id: 'LINT-013', summary: 'the lint configuration file is invalid', fix: 'see docs/lint.md for the format (argocdVersion, suppressions: [{ rule, paths, reason }])' },
    { id: 'LINT-014', level: RuleLevel.INFO, summary: 'the ApplicationSet\'s generators are not known offline, so its generated Applications were not checked', fix: 'nothing to do; list generators (and matrix/merge of them) are previewed' },
    { id: 'LINT-015', summary: 'a generated Application could not be rendered from the ApplicationSet template', fix: 'fix the template, or the generator element the message names' },
    { id: 'LINT-016', level: RuleLevel.WARNING, summary: 'two documents define the same object (apiVersion group, kind, namespace and name); the one applied last wins', fix: 'rename one of them, or remove the duplicate' },
    { id: 'LINT-017', level: RuleLevel.INFO, summary: 'the CRD schemas are not available, so documents were not validated against them', fix: 'pass --schemas DIR (a folder with argocd/application-crd.yaml ...), or use the packaged build that ships them' },
    { id: 'LINT-018', summary: 'the linter failed on this document (a bug of the linter: please report it with the document)', fix: 'report it at https://github.com/cdk8s-gitops/cdk8s-gitops/issues; the other documents were checked' },
  ],
};
