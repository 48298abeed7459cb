/**
 * ArgoCdSettings writes its ConfigMaps with an own `ConfigMapObject` instead of cdk8s-plus-28's `k8s.KubeConfigMap`
 * (issue 16/18: settings must not need cdk8s-plus). Both must render the same JSON (key order included).
 */
import { Lazy, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { ConfigMapObject } from '../src/settings/config-map';

// fixed seed, as the other property tests (CI is reproducible); FC_SEED=random (or a number) explores
if (process.env.FC_SEED !== 'random') fc.configureGlobal({ seed: Number(process.env.FC_SEED) || 20261202 });

const key = fc.stringMatching(/^[a-z][-a-z0-9._]{0,12}$/);
const strings = fc.dictionary(key, fc.string({ maxLength: 8 }), { maxKeys: 6, noNullPrototype: true });

const props = fc.record({
  metadata: fc.record({
    name: fc.stringMatching(/^[a-z][-a-z0-9]{0,20}$/),
    namespace: fc.option(fc.stringMatching(/^[a-z][-a-z0-9]{0,10}$/), { nil: undefined }),
    labels: fc.option(strings, { nil: undefined }),
    annotations: fc.option(strings, { nil: undefined }),
    finalizers: fc.option(fc.array(key, { maxLength: 2 }), { nil: undefined }),
  }, { requiredKeys: ['name'] }),
  data: fc.option(strings, { nil: undefined }),
  binaryData: fc.option(strings, { nil: undefined }),
  immutable: fc.option(fc.boolean(), { nil: undefined }),
  lazyData: fc.boolean(),
  extraMetadata: fc.option(fc.record({ key: fc.constantFrom('generateName', 'uid', 'unknownField'), value: key }), { nil: undefined }),
  ownerReference: fc.boolean(),
}, { requiredKeys: ['metadata', 'lazyData', 'ownerReference'] });

test('ConfigMapObject renders like k8s.KubeConfigMap', () => {
  fc.assert(fc.property(props, p => {
    const chart = Testing.chart();
    const make = (C: any, id: string) => {
      const data = p.data === undefined ? undefined : p.lazyData ? Lazy.any({ produce: () => p.data }) : p.data;
      const o = new C(chart, id, { metadata: p.metadata, data, binaryData: p.binaryData, immutable: p.immutable });
      if (p.extraMetadata) o.metadata.add(p.extraMetadata.key, p.extraMetadata.value);
      if (p.ownerReference) o.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'Namespace', name: 'x', uid: 'u-1' });
      return o;
    };
    const ours = make(ConfigMapObject, 'ours').toJson();
    const theirs = make(k8s.KubeConfigMap, 'theirs').toJson();
    expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
  }), { numRuns: 300 });
});

test('ConfigMapObject is a v1 ConfigMap in the fixed key order', () => {
  const chart = Testing.chart();
  new ConfigMapObject(chart, 'cm', { metadata: { name: 'argocd-cm', namespace: 'argocd' }, data: { b: '2', a: '1' } });
  expect(Testing.synth(chart)).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm', namespace: 'argocd' }, data: { a: '1', b: '2' } }]);
  expect(Object.keys(Testing.synth(chart)[0])).toEqual(['apiVersion', 'kind', 'metadata', 'data']);
});
