import type { IgnoreDifference, InfoItem } from './application';

/** Parts of an Application spec that Application, ApplicationSet templates and generator template overrides render alike. */

/**
 * The `ignoreDifferences` entries of an Application spec (Application, ApplicationSet templates and generator
 * template overrides share it); undefined for none.
 */
export function renderIgnoreDifferences(list: readonly IgnoreDifference[] | undefined) {
  if (!list || list.length === 0) return undefined;
  return list.map(d => ({
    group: d.group,
    kind: d.kind,
    name: d.name,
    namespace: d.namespace,
    jsonPointers: d.jsonPointers,
    jqPathExpressions: d.jqPathExpressions,
    managedFieldsManagers: d.managedFieldsManagers,
  }));
}

/** The `info` entries of an Application spec; undefined for none. */
export function renderInfo(list: readonly InfoItem[] | undefined) {
  return list && list.length > 0 ? list.map(i => ({ name: i.name, value: i.value })) : undefined;
}

