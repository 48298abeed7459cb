// cdk8s-gitops public API
