// `import 'cdk8s-gitops/register';`: a side-effect import (see register.js); it exports nothing.
export {};
