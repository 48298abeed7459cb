// `import 'cdk8s-gitops/register';` as the first import of a cdk8s app: defers what cdk8s loads but a GitOpsApp
// never calls (cdk8s's copy of yaml, node's crypto and child_process...) to its first use, which it can only do while
// cdk8s is not loaded yet. A module path of its own, so that import sorting (eslint import/order) keeps a bare import
// where it is and import/no-duplicates does not merge it into the `cdk8s-gitops` import. See README ("Start-up").
require('./lib/app/deferred-modules');
