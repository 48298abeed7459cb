/**
 * Pure checks used by the OpenDataHub / OpenShift AI constructs (ModelRegistryStack): container image
 * references, DNS-1035 service names, Secret/ConfigMap keys, resource quantities and Secret payloads.
 *
 * Each returns `undefined` when the input is fine, otherwise a message built with `describeProblem`
 * (problem, offending value, fix). Internal: not re-exported from `src/index.ts`.
 */
import { describeProblem } from '../checks/errors';

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
/** distribution/reference: tag grammar */
const TAG = /^[\w][\w.-]{0,127}$/;
/** distribution/reference: digest grammar (algorithm:hex); sha256 needs exactly 64 hex characters */
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
/** distribution/reference: one path component of a repository name (lowercase) */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/** a registry host (domain or IP, optional port) as the first component of a reference */
const REGISTRY_HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;
/** a Kubernetes resource quantity (serialized form) */
const QUANTITY = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

/** The parts of an image reference. */
export interface ImageReference {
  /** `registry/path/name`, without tag or digest */
  readonly repository: string;
  /** the tag, when there is one */
  readonly tag?: string;
  /** the digest (`sha256:...`), when there is one */
  readonly digest?: string;
}

/**
 * Parses an image reference (`[registry[:port]/]path[:tag][@digest]`). Returns a problem message when it is
 * malformed (whitespace, upper case in the path, bad tag or digest), else the parts.
 */
export function parseImageReference(image: string): ImageReference | string {
  if (typeof image !== 'string' || image.trim() === '' || /\s/.test(image)) {
    return describeProblem({
      rule: 'ODH-001',
      problem: 'the image reference is empty or contains whitespace',
      value: image,
      fix: 'use a reference such as "registry.example.com/team/image:1.2.3" or "...@sha256:<64 hex>"',
    });
  }
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest) || (digest.startsWith('sha256:') && digest.length !== 'sha256:'.length + 64)) {
      return describeProblem({
        rule: 'ODH-002',
        problem: 'the image digest is malformed',
        value: image,
        fix: 'write the digest as "@sha256:" followed by 64 hexadecimal characters (e.g. from `skopeo inspect`)',
      });
    }
  }
  const slash = rest.lastIndexOf('/');
  const last = rest.slice(slash + 1);
  let tag: string | undefined;
  const colon = last.indexOf(':');
  if (colon >= 0) {
    tag = last.slice(colon + 1);
    rest = rest.slice(0, slash + 1 + colon);
    if (!TAG.test(tag)) {
      return describeProblem({
        rule: 'ODH-003',
        problem: 'the image tag is malformed (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")',
        value: image,
        fix: 'use a release tag such as ":8.0.36" or pin a digest',
      });
    }
  }
  const components = rest.split('/');
  const hasHost = components.length > 1 && (/[.:]/.test(components[0]) || components[0] === 'localhost');
  if (hasHost && !REGISTRY_HOST.test(components[0])) {
    return describeProblem({ rule: 'ODH-004', problem: 'the image registry host is malformed', value: image, fix: 'use a host such as "registry.example.com" or "registry:5000"' });
  }
  const path = hasHost ? components.slice(1) : components;
  if (path.length === 0 || path.some(p => !PATH_COMPONENT.test(p))) {
    return describeProblem({
      rule: 'ODH-005',
      problem: 'the image repository path is malformed (lowercase letters, digits and single separators ".", "_", "__" or "-" between them)',
      value: image,
      fix: 'write the repository in lower case, e.g. "registry.example.com/team/image:1.2.3"',
    });
  }
  return { repository: rest, tag, digest };
}

/**
 * An image reference that always deploys the same image: a digest, or a tag other than `latest`.
 * Returns a problem message for an unpinned reference (no tag, or `:latest`), undefined when pinned.
 * Malformed references are reported by `parseImageReference`; call it first.
 */
export function validateImagePinned(image: string): string | undefined {
  const ref = parseImageReference(image);
  if (typeof ref === 'string') return ref;
  if (ref.digest !== undefined) return undefined;
  if (ref.tag === undefined) {
    return describeProblem({
      rule: 'ODH-006',
      problem: 'the image has no tag or digest, so the registry serves ":latest" and the same commit can deploy different images',
      value: image,
      fix: `pin a release tag (e.g. "${ref.repository}:<version>") or a digest ("${ref.repository}@sha256:<64 hex>"), or set allowUnpinnedImages: true`,
    });
  }
  if (ref.tag === 'latest') {
    return describeProblem({
      rule: 'ODH-007',
      problem: 'the image uses the ":latest" tag, which moves: the same commit can deploy different images',
      value: image,
      fix: `pin a release tag (e.g. "${ref.repository}:<version>") or a digest ("${ref.repository}@sha256:<64 hex>"), or set allowUnpinnedImages: true`,
    });
  }
  return undefined;
}

/** A DNS-1035 label (Service names): a lowercase letter first, then letters, digits and '-', at most 63. */
export function validateDns1035Label(name: string, what: string): string | undefined {
  if (typeof name === 'string' && name.length <= 63 && DNS1035_LABEL.test(name)) return undefined;
  const suggestion = typeof name === 'string'
    ? name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 63).replace(/-+$/, '')
    : '';
  return describeProblem({
    rule: 'ODH-008',
    problem: `the ${what} must be a DNS-1035 label (a lowercase letter first, then lowercase letters, digits and "-", at most 63 characters)`,
    value: name,
    fix: suggestion ? `use e.g. ${JSON.stringify(suggestion)}` : 'use a name such as "model-registry"',
  });
}

/** A Secret or ConfigMap data key: `[-._a-zA-Z0-9]+`, at most 253 characters. */
export function validateDataKey(key: string, what: string): string | undefined {
  if (typeof key === 'string' && key.length > 0 && key.length <= 253 && CONFIG_KEY.test(key)) return undefined;
  return describeProblem({
    rule: 'ODH-009',
    problem: `the ${what} is not a valid Secret/ConfigMap key (letters, digits, "-", "_" and ".", at most 253 characters)`,
    value: key,
    fix: 'use a key such as "database-password"',
  });
}

/** A TCP port: an integer from 1 to 65535. */
export function validatePort(port: number, what: string): string | undefined {
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return undefined;
  return describeProblem({ rule: 'ODH-010', problem: `the ${what} must be an integer from 1 to 65535`, value: port, fix: 'use e.g. 3306' });
}

/** The value of a Kubernetes quantity in base units, or undefined when `q` is not a quantity. */
export function parseQuantity(q: string): number | undefined {
  if (typeof q !== 'string' || !QUANTITY.test(q)) return undefined;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)$/.exec(q)!;
  const n = Number(m[1]);
  const suffix = m[2];
  if (suffix === '') return n;
  if (/^[eE]/.test(suffix)) return Number(q);
  const binary: { [s: string]: number } = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
  const decimal: { [s: string]: number } = { n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
  return n * (binary[suffix] ?? decimal[suffix]);
}

/** A Kubernetes quantity such as `500m`, `2`, `16Gi`. */
export function validateQuantity(q: string, what: string): string | undefined {
  if (parseQuantity(q) !== undefined) return undefined;
  return describeProblem({
    rule: 'ODH-011',
    problem: `the ${what} is not a Kubernetes quantity`,
    value: q,
    fix: 'write it like "500m" or "2" (CPU), "16Gi" (memory), or a whole number (devices)',
  });
}
