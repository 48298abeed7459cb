import { stringifyCoreDocument } from './yaml-emitter';
import { yamlLib } from '../app/lazy-modules';

/**
 * `doc` as one YAML document that both Argo CD's Go readers and the `yaml` library read back as `doc`: the form
 * of `stringifyCoreDocument` (the `yaml` library's `YAML.stringify(doc, { lineWidth: 0 })` bytes, no line folding,
 * plus quotes on every string YAML 1.1 reads as something else). Argo CD reads the YAML inside its ConfigMaps
 * (notification templates and triggers, `resource.exclusions`, `resource.customizations`) and the git files
 * generator's `component.yaml` with `sigs.k8s.io/yaml`, which resolves YAML 1.1 scalars: a plain `on` or `yes` is
 * a boolean there, and a template field holding one fails to load.
 *
 * Data the emitter declines (an `undefined` value, a shared reference, a class instance) is written from its JSON
 * copy, which keeps what a YAML writer keeps of it (undefined map values dropped, undefined list items null). What
 * JSON cannot copy (a cycle, a BigInt) goes to the `yaml` library with the same options.
 */
export function goYamlText(doc: unknown): string {
  const direct = stringifyCoreDocument(doc);
  if (direct !== undefined) return direct;
  let copy: unknown;
  try {
    copy = JSON.parse(JSON.stringify(doc));
  } catch {
    copy = undefined;
  }
  return (copy === undefined ? undefined : stringifyCoreDocument(copy)) ?? yamlLib().stringify(doc, { lineWidth: 0 });
}
