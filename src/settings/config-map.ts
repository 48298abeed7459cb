import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';

/** Props of `ConfigMapObject` (the fields of a core/v1 ConfigMap that ArgoCdSettings writes). */
export interface ConfigMapObjectProps {
  readonly metadata?: ApiObjectMetadata;
  readonly data?: { [key: string]: string };
  readonly binaryData?: { [key: string]: string };
  readonly immutable?: boolean;
}

/** ObjectMeta fields (all of them, in their alphabetical order, which is also cdk8s's sorted key order). */
const OBJECT_META = new Set(['annotations', 'creationTimestamp', 'deletionGracePeriodSeconds', 'deletionTimestamp',
  'finalizers', 'generateName', 'generation', 'labels', 'managedFields', 'name', 'namespace', 'ownerReferences',
  'resourceVersion', 'selfLink', 'uid']);
const OWNER_REFERENCE = new Set(['apiVersion', 'blockOwnerDeletion', 'controller', 'kind', 'name', 'uid']);
const MANAGED_FIELDS_ENTRY = new Set(['apiVersion', 'fieldsType', 'fieldsV1', 'manager', 'operation', 'subresource', 'time']);

/**
 * A core/v1 ConfigMap that renders exactly like cdk8s-plus's generated `k8s.KubeConfigMap` (same keys, same order:
 * apiVersion, kind, metadata, binaryData, data, immutable; unknown metadata fields dropped), so ArgoCdSettings does
 * not need cdk8s-plus (issue 16/18). test/argocd-settings.test.ts compares the two. Internal.
 */
export class ConfigMapObject extends ApiObject {
  public constructor(scope: Construct, id: string, props: ConfigMapObjectProps = {}) {
    super(scope, id, { apiVersion: 'v1', kind: 'ConfigMap', ...props });
  }

  public toJson(): any {
    const resolved = super.toJson(); // keys sorted (unless CDK8S_DISABLE_SORT), empty values filtered
    const out: any = { apiVersion: 'v1', kind: 'ConfigMap' };
    const metadata = resolved.metadata === undefined ? undefined : objectMeta(resolved.metadata);
    if (metadata !== undefined) out.metadata = metadata;
    for (const key of ['binaryData', 'data']) {
      const m = resolved[key];
      if (m !== undefined) out[key] = definedEntries(m);
    }
    if (resolved.immutable !== undefined) out.immutable = resolved.immutable;
    return out;
  }
}

/** `toJson_ObjectMeta` of the generated bindings: the known fields in declaration order, undefined dropped. */
function objectMeta(m: any): any {
  const out: any = {};
  for (const key of OBJECT_META) {
    let v = m[key];
    if (v === undefined) continue;
    if (key === 'annotations' || key === 'labels') v = definedEntries(v);
    else if (key === 'finalizers') v = v.map((x: unknown) => x);
    else if (key === 'ownerReferences') v = v.map((r: any) => pick(r, OWNER_REFERENCE));
    else if (key === 'managedFields') v = v.map((r: any) => pick(r, MANAGED_FIELDS_ENTRY));
    out[key] = v;
  }
  return out;
}

function pick(o: any, keys: Set<string>): any {
  const out: any = {};
  for (const key of keys) if (o[key] !== undefined) out[key] = o[key];
  return out;
}

function definedEntries(o: any): any {
  const out: any = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}
