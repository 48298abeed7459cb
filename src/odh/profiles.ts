/**
 * Builds HardwareProfile (infrastructure.opendatahub.io/v1) and legacy AcceleratorProfile
 * (dashboard.opendatahub.io/v1) objects from the public options, validating them first. Internal.
 */
import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { parseQuantity, validateQuantity } from './checks';
import {
  AcceleratorIdentifierOptions, HardwareProfileOptions, LegacyAcceleratorProfileOptions, ProfileToleration, ProfileTolerationOperator,
  ResourceCountRange, TolerationEffect,
} from './hardware-profile';
import { dashboardBindings, infrastructureBindings } from '../app/lazy-modules';
import { SyncOption } from '../argocd/sync-option';
import { fail, failWith } from '../checks/errors';
import { isDns1123Subdomain, validateLabelKey, validateLabelValue } from '../checks/names';
import { expectEnum } from '../checks/runtime';
import type * as dashboard from '../imports/dashboard.opendatahub.io';
import type * as infra from '../imports/infrastructure.opendatahub.io';

/** Label marking objects of a deprecated kind this library emits only on request. */
export const LEGACY_LABEL = 'cdk8s-gitops.dev/legacy';
/** Human-readable reason next to LEGACY_LABEL. */
export const LEGACY_NOTE_ANNOTATION = 'cdk8s-gitops.dev/legacy-note';
const LEGACY_NOTE = 'dashboard.opendatahub.io/v1 AcceleratorProfile is deprecated and denied by opendatahub-operator >= 3.0; '
  + 'use infrastructure.opendatahub.io/v1 HardwareProfile';

function checkName(scope: IConstruct, what: string, name: string): void {
  if (typeof name !== 'string' || !isDns1123Subdomain(name)) {
    fail(scope, {
      rule: 'ODH-015',
      problem: `${what} name is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".")`,
      value: name,
      fix: 'use a name such as "nvidia-gpu-small"',
    });
  }
}

function checkRange(scope: IConstruct, what: string, min: number, def: number, max: number | undefined, value: unknown): void {
  if (min > def || (max !== undefined && def > max)) {
    fail(scope, {
      rule: 'ODH-016',
      problem: `${what}: minCount <= defaultCount <= maxCount does not hold`,
      value,
      fix: 'order the counts so that the minimum is not above the default and the default not above the maximum',
    });
  }
}

function quantityIdentifier(scope: IConstruct, profile: string, identifier: 'cpu' | 'memory', r: ResourceCountRange): infra.HardwareProfileSpecIdentifiers {
  const what = `hardware profile "${profile}" ${identifier}`;
  for (const q of [r.minCount, r.defaultCount, r.maxCount]) {
    if (q === undefined) continue;
    const problem = validateQuantity(q, `${what} count`);
    if (problem) failWith(scope, problem);
  }
  checkRange(scope, what, parseQuantity(r.minCount)!, parseQuantity(r.defaultCount)!,
    r.maxCount === undefined ? undefined : parseQuantity(r.maxCount)!, r);
  return {
    identifier,
    displayName: identifier === 'cpu' ? 'CPU' : 'Memory',
    resourceType: identifier === 'cpu' ? infrastructureBindings().HardwareProfileSpecIdentifiersResourceType.CPU : infrastructureBindings().HardwareProfileSpecIdentifiersResourceType.MEMORY,
    minCount: infrastructureBindings().HardwareProfileSpecIdentifiersMinCount.fromString(r.minCount),
    defaultCount: infrastructureBindings().HardwareProfileSpecIdentifiersDefaultCount.fromString(r.defaultCount),
    maxCount: r.maxCount === undefined ? undefined : infrastructureBindings().HardwareProfileSpecIdentifiersMaxCount.fromString(r.maxCount),
  };
}

function acceleratorIdentifier(scope: IConstruct, profile: string, a: AcceleratorIdentifierOptions): infra.HardwareProfileSpecIdentifiers {
  const keyProblem = validateLabelKey(a.identifier ?? '');
  if (!a.identifier || keyProblem || !a.identifier.includes('/')) {
    fail(scope, {
      rule: 'ODH-017',
      problem: `hardware profile "${profile}" accelerator identifier is not an extended resource name (domain/name)`,
      value: a.identifier,
      fix: 'use the device plugin resource, e.g. "nvidia.com/gpu" or "amd.com/gpu"',
    });
  }
  const min = a.minCount ?? 1;
  const def = a.defaultCount ?? min;
  for (const n of [min, def, a.maxCount]) {
    if (n !== undefined && (!Number.isInteger(n) || n < 0)) {
      fail(scope, { rule: 'ODH-018', problem: `hardware profile "${profile}" accelerator ${a.identifier}: counts are whole numbers >= 0`, value: n, fix: 'use e.g. 1' });
    }
  }
  checkRange(scope, `hardware profile "${profile}" accelerator ${a.identifier}`, min, def, a.maxCount, a);
  return {
    identifier: a.identifier,
    displayName: a.displayName ?? a.identifier,
    resourceType: infrastructureBindings().HardwareProfileSpecIdentifiersResourceType.ACCELERATOR,
    minCount: infrastructureBindings().HardwareProfileSpecIdentifiersMinCount.fromNumber(min),
    defaultCount: infrastructureBindings().HardwareProfileSpecIdentifiersDefaultCount.fromNumber(def),
    maxCount: a.maxCount === undefined ? undefined : infrastructureBindings().HardwareProfileSpecIdentifiersMaxCount.fromNumber(a.maxCount),
  };
}

interface RenderedToleration {
  readonly key?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly effect?: string;
  readonly tolerationSeconds?: number;
}

function toleration(scope: IConstruct, what: string, t: ProfileToleration, keyRequired: boolean): RenderedToleration {
  expectEnum(scope, `${what} operator`, t.operator, ProfileTolerationOperator, 'ProfileTolerationOperator');
  expectEnum(scope, `${what} effect`, t.effect, TolerationEffect, 'TolerationEffect');
  const operator = t.operator ?? ProfileTolerationOperator.EQUAL;
  if (!t.key && (keyRequired || operator !== ProfileTolerationOperator.EXISTS)) {
    fail(scope, {
      rule: 'ODH-019',
      problem: `${what}: a toleration without a key ${keyRequired ? 'is not allowed here' : 'needs operator EXISTS'}`,
      value: t,
      fix: keyRequired ? "set key, e.g. 'nvidia.com/gpu'" : "set key, e.g. 'nvidia.com/gpu', or operator: ProfileTolerationOperator.EXISTS",
    });
  }
  if (t.key) {
    const p = validateLabelKey(t.key);
    if (p) failWith(scope, `${what}: toleration key: ${p}`);
  }
  if (operator === ProfileTolerationOperator.EXISTS && t.value) {
    fail(scope, { rule: 'ODH-020', problem: `${what}: a toleration with operator EXISTS has no value`, value: t, fix: 'drop value or use operator EQUAL' });
  }
  if (t.tolerationSeconds !== undefined && (t.effect !== 'NoExecute' || !Number.isInteger(t.tolerationSeconds))) {
    fail(scope, {
      rule: 'ODH-021',
      problem: `${what}: tolerationSeconds is a whole number and only valid with effect NoExecute`,
      value: t,
      fix: 'set effect: TolerationEffect.NO_EXECUTE, or drop tolerationSeconds',
    });
  }
  return { key: t.key || undefined, operator: t.operator, value: t.value, effect: t.effect, tolerationSeconds: t.tolerationSeconds };
}

function sortedRecord(r: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
  if (!r || Object.keys(r).length === 0) return undefined;
  const out: { [key: string]: string } = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k];
  return out;
}

/** Validates a hardware profile (errors name `where`) and adds it to `scope` in `namespace`. */
export function addHardwareProfile(where: IConstruct, scope: Construct, id: string, namespace: string, labels: { [key: string]: string },
  p: HardwareProfileOptions): ApiObject {
  checkName(where, 'hardware profile', p.name);
  if (!p.displayName || typeof p.displayName !== 'string') {
    fail(where, { rule: 'ODH-022', problem: `hardware profile "${p.name}" needs a displayName`, value: p.displayName, fix: "set displayName, e.g. 'NVIDIA GPU (1x)'" });
  }
  const identifiers: infra.HardwareProfileSpecIdentifiers[] = [];
  if (p.cpu) identifiers.push(quantityIdentifier(where, p.name, 'cpu', p.cpu));
  if (p.memory) identifiers.push(quantityIdentifier(where, p.name, 'memory', p.memory));
  const seen = new Set<string>();
  for (const a of p.accelerators ?? []) {
    if (seen.has(a.identifier)) {
      fail(where, { rule: 'ODH-023', problem: `hardware profile "${p.name}" lists an accelerator twice`, value: a.identifier, fix: 'list each identifier once' });
    }
    seen.add(a.identifier);
    identifiers.push(acceleratorIdentifier(where, p.name, a));
  }
  for (const [k, v] of Object.entries(p.nodeSelector ?? {})) {
    const problem = validateLabelKey(k) ?? validateLabelValue(v);
    if (problem) failWith(where, `hardware profile "${p.name}" nodeSelector: ${problem}`);
  }
  const nodeScheduling = Object.keys(p.nodeSelector ?? {}).length > 0 || (p.tolerations ?? []).length > 0;
  if (p.localQueueName !== undefined && nodeScheduling) {
    fail(where, {
      rule: 'ODH-024',
      problem: `hardware profile "${p.name}" mixes queue scheduling (localQueueName) with node scheduling (nodeSelector/tolerations); the CRD allows one`,
      value: { localQueueName: p.localQueueName, nodeSelector: p.nodeSelector, tolerations: p.tolerations?.length },
      fix: 'with Kueue, put node placement in the ResourceFlavor and keep only localQueueName; otherwise drop localQueueName',
    });
  }
  if (p.priorityClass !== undefined && p.localQueueName === undefined) {
    fail(where, { rule: 'ODH-025', problem: `hardware profile "${p.name}" sets priorityClass without localQueueName`, value: p.priorityClass, fix: 'set localQueueName too' });
  }
  if (p.localQueueName !== undefined && !isDns1123Subdomain(p.localQueueName)) {
    fail(where, { rule: 'ODH-026', problem: `hardware profile "${p.name}" localQueueName is not a valid LocalQueue name`, value: p.localQueueName, fix: 'use e.g. "gpu-queue"' });
  }
  let scheduling: infra.HardwareProfileSpecScheduling | undefined;
  if (p.localQueueName !== undefined) {
    scheduling = {
      type: infrastructureBindings().HardwareProfileSpecSchedulingType.QUEUE,
      kueue: { localQueueName: p.localQueueName, priorityClass: p.priorityClass },
    };
  } else if (nodeScheduling) {
    scheduling = {
      type: infrastructureBindings().HardwareProfileSpecSchedulingType.NODE,
      node: {
        nodeSelector: sortedRecord(p.nodeSelector),
        tolerations: (p.tolerations ?? []).length === 0 ? undefined
          : p.tolerations!.map(t => toleration(where, `hardware profile "${p.name}"`, t, false)),
      },
    };
  }
  const annotations: { [key: string]: string } = {
    'opendatahub.io/dashboard-feature-visibility': '[]',
    'opendatahub.io/disabled': String(p.enabled === false),
    'opendatahub.io/display-name': p.displayName,
    'opendatahub.io/managed': 'false',
  };
  if (p.description) annotations['opendatahub.io/description'] = p.description;
  return new (infrastructureBindings().HardwareProfile)(scope, id, {
    metadata: {
      name: p.name,
      namespace,
      labels: { ...labels, 'app.opendatahub.io/hardwareprofile': 'true' },
      annotations: sortedRecord(annotations),
    },
    spec: { identifiers: identifiers.length === 0 ? undefined : identifiers, scheduling },
  });
}

/** Validates a legacy accelerator profile (errors name `where`) and adds it to `scope`, marked legacy. */
export function addLegacyAcceleratorProfile(where: IConstruct, scope: Construct, id: string, namespace: string, labels: { [key: string]: string },
  p: LegacyAcceleratorProfileOptions): ApiObject {
  checkName(where, 'legacy accelerator profile', p.name);
  if (!p.displayName) {
    fail(where, { rule: 'ODH-027', problem: `legacy accelerator profile "${p.name}" needs a displayName`, value: p.displayName, fix: "set displayName, e.g. 'NVIDIA GPU'" });
  }
  if (!p.identifier || validateLabelKey(p.identifier) || !p.identifier.includes('/')) {
    fail(where, {
      rule: 'ODH-028',
      problem: `legacy accelerator profile "${p.name}" identifier is not an extended resource name (domain/name)`,
      value: p.identifier,
      fix: 'use e.g. "nvidia.com/gpu"',
    });
  }
  return new (dashboardBindings().AcceleratorProfile)(scope, id, {
    metadata: {
      name: p.name,
      namespace,
      labels: { ...labels, [LEGACY_LABEL]: 'true' },
      annotations: {
        'argocd.argoproj.io/sync-options': SyncOption.annotationValue([SyncOption.SKIP_DRY_RUN_ON_MISSING_RESOURCE]),
        [LEGACY_NOTE_ANNOTATION]: LEGACY_NOTE,
      },
    },
    spec: {
      displayName: p.displayName,
      enabled: p.enabled ?? true,
      identifier: p.identifier,
      description: p.description,
      tolerations: (p.tolerations ?? []).length === 0 ? undefined
        : p.tolerations!.map(t => toleration(where, `legacy accelerator profile "${p.name}"`, t, true) as dashboard.AcceleratorProfileSpecTolerations),
    },
  });
}
