/**
 * Renders ArgoCdSettings as the argocd-operator `ArgoCD` resource (`argoproj.io/v1beta1`). The only module that
 * loads the 2 MB operator binding: argocd-settings.ts requires it lazily, when the target is OPERATOR.
 * @internal
 */
import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { _HEALTH_PREFIX, _OPERATOR_CMD_PARAMS, _PROGRESSIVE_SYNCS_KEY, _SettingsData } from './settings-data';
import * as op from '../imports/argocd-operator-argoproj.io';

/** The `ArgoCD` spec fields these settings own (server-side apply merges only these). */
export function operatorSpec(data: _SettingsData): op.ArgoCdSpec {
  const healthChecks: op.ArgoCdSpecResourceHealthChecks[] = [];
  const extraConfig: { [key: string]: string } = {};
  let resourceExclusions: string | undefined;
  let resourceInclusions: string | undefined;
  for (const [key, value] of Object.entries(data.cm)) {
    if (key.startsWith(_HEALTH_PREFIX)) {
      const gk = key.slice(_HEALTH_PREFIX.length);
      const i = gk.indexOf('_');
      healthChecks.push(i < 0 ? { kind: gk, check: value } : { group: gk.slice(0, i), kind: gk.slice(i + 1), check: value });
    } else if (key === 'resource.exclusions') {
      resourceExclusions = value;
    } else if (key === 'resource.inclusions') {
      resourceInclusions = value;
    } else {
      extraConfig[key] = value;
    }
  }
  const cmdParams: { [key: string]: string } = {};
  for (const [key, value] of Object.entries(data.cmdParams)) {
    if (_OPERATOR_CMD_PARAMS.includes(key)) cmdParams[key] = value;
  }
  const progressive = data.cmdParams[_PROGRESSIVE_SYNCS_KEY] === 'true';
  const rbac = data.rbac;
  const hasRbac = Object.keys(rbac).length > 0;
  return {
    resourceHealthChecks: healthChecks.length ? healthChecks : undefined,
    resourceExclusions,
    resourceInclusions,
    extraConfig: Object.keys(extraConfig).length ? extraConfig : undefined,
    cmdParams: Object.keys(cmdParams).length ? cmdParams : undefined,
    applicationSet: progressive ? { extraCommandArgs: ['--enable-progressive-syncs'] } : undefined,
    rbac: hasRbac ? {
      policy: rbac['policy.csv'],
      defaultPolicy: rbac['policy.default'],
      scopes: rbac.scopes,
      policyMatcherMode: rbac['policy.matchMode'],
    } : undefined,
    notifications: data.notificationsEnabled ? { enabled: true } : undefined,
  };
}

/** The `ArgoCD` resource, its spec filled lazily from `data()`. */
export function newOperatorResource(scope: Construct, id: string, name: string, namespace: string,
  annotations: { [key: string]: string }, data: () => _SettingsData): op.ArgoCd {
  return new op.ArgoCd(scope, id, {
    metadata: { name, namespace, annotations },
    spec: Lazy.any({ produce: () => operatorSpec(data()) }),
  });
}
