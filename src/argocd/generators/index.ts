// The ApplicationSet generators, one family a file; `Generator` (generator.ts) holds the public factories.

export * from './selector';
export * from './options';
export * from './param-space';
export * from './list';
export * from './clusters';
export * from './git';
export * from './matrix-merge';
export * from './pull-request';
export * from './scm-provider';
export * from './cluster-decision-resource';
export * from './plugin';
export * from './generator';
