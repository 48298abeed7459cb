import { ApiObject, App, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { emitterMetadata, hasBuiltInResolversOnly, plainJson, plainMetadata, withScratch } from './plain-json';
import { markTree, stringifyDocument, stringifySanitized } from './yaml-emitter';
import type * as argo from '../imports/argoproj.io-application';
import type * as argoProject from '../imports/argoproj.io-appproject';

/*
 * Direct JSON: the generated Application object, serialized without cdk8s's generic resolve/sanitize and the
 * generated toJson_* mappers when that gives the same result. This is the one place that knows how the generated
 * `Application` binding shapes its document (the `repoUrl` → `repoURL` rename, the Kustomize patches and source
 * hydrator it reshapes); the L2 reaches it only through `IApplicationSpecSource` and `newApplicationObject`.
 */

/** What the output layer needs from an `Application` L2 to write its document directly. */
export interface IApplicationSpecSource extends IConstruct {
  /** The spec, in the generated binding's props shape (what the generic path would map and resolve). */
  _toArgoSpec(): argo.ApplicationSpec;
}

/**
 * The generated `argoproj.io/v1alpha1` Application of an `Application` L2: still an instance of the generated
 * class `base` (so escape hatches such as `addJsonPatch` and `metadata` work as usual).
 *
 * `toJson()` builds the document directly from the L2 (`_toArgoSpec()`) and the metadata when nothing can make
 * cdk8s's generic path give a different result: no JSON patches, only cdk8s's built-in resolvers, key sorting on,
 * metadata and spec made of plain JSON values only (no Lazy or other tokens, no class instances), and no Kustomize
 * patches or source hydrator (which the generated mapper reshapes). Otherwise, or if anything throws (so errors
 * keep cdk8s's message), it is the generated `toJson()`. The first document of each `App` is also rendered the
 * generic way and compared; a difference turns the direct path off for that app (see `DirectState`).
 * test/bench-equivalence.test.ts checks both paths give the same bytes for varied Applications.
 */
export function newApplicationObject(base: typeof argo.Application, owner: IApplicationSpecSource, id: string,
  props: argo.ApplicationProps): argo.Application {
  let entry = CLASSES.get(base);
  if (!entry) CLASSES.set(base, entry = { cls: defineApplicationObject(base), forwardsOnly: forwardsGvkAndProps(base) });
  if (!entry.forwardsOnly) return new entry.cls(owner, id, props);
  // What the generated constructor does, `super(scope, id, { ...Application.GVK, ...props })`, with the object
  // written as a literal: in optimised code V8 (node 20) gives each object such a spread makes (a spread followed
  // by properties it did not have) a hidden class of its own, about 0.2 KB kept per Application and the time to
  // make it. `Reflect.construct` runs ApiObject's constructor with the subclass as `new.target`, so the object is
  // the same instance of the generated class; the subclass's own fields are set below, as its constructor would.
  const obj: any = Reflect.construct(Object.getPrototypeOf(base), [owner, id, {
    apiVersion: base.GVK.apiVersion, kind: base.GVK.kind, metadata: props.metadata, spec: props.spec,
  }], entry.cls);
  obj.owner = owner;
  obj.patched = false;
  return obj;
}

/** The subclass of each generated `Application` class (one per copy of the bindings), and how to construct it. */
const CLASSES = new WeakMap<typeof argo.Application, {
  readonly cls: ReturnType<typeof defineApplicationObject>;
  /** the generated constructor only forwards `{ ...GVK, ...props }` to ApiObject's (checked on its source) */
  readonly forwardsOnly: boolean;
}>();

/**
 * Whether the generated class's constructor is exactly `super(scope, id, { ...X.GVK, ...props })` and the class
 * declares no instance fields (what `cdk8s import` writes), so constructing through its parent with the same
 * props is the same object. Anything else (a newer generator, a patched binding) is constructed the normal way.
 */
export function forwardsGvkAndProps(base: typeof argo.Application): boolean {
  const source = Function.prototype.toString.call(base);
  const ctor = /\n(\s*)constructor\((\w+), (\w+), (\w+)\) \{\s*super\(\2, \3, \{\s*\.\.\.\w+\.GVK,\s*\.\.\.\4,?\s*\}\);\s*\}\n/.exec(source);
  if (!ctor) return false;
  // no instance field declarations at the class body's indentation (`name;` or `name = ...;`)
  const fields = new RegExp(`\\n${ctor[1]}(?!static\\b)[#\\w$]+\\s*(=[^>=]|;)`);
  return !fields.test(source) && typeof base.GVK?.apiVersion === 'string' && typeof base.GVK.kind === 'string';
}

/**
 * Per-app switch of the direct path: `verified` once the app's first direct document equalled the generic one,
 * `enabled` false for good in that app if it did not. Per app rather than per process, so an app whose setup
 * makes the paths differ (a resolver or patch this file does not know) cannot turn the fast path off for the other
 * apps of the process (test suites build many), and each app is checked on its own first document.
 */
interface DirectState {
  enabled: boolean;
  /** the direct JSON document was checked against the generic one */
  verified: boolean;
  /** the direct YAML (`_toYaml`) was checked against the generic document's */
  verifiedYaml: boolean;
}
const STATES = new WeakMap<App, DirectState>();

function defineApplicationObject(base: typeof argo.Application) {
  const cls = class ApplicationResource extends base {
    private patched = false;

    // newApplicationObject sets both fields itself when it skips this constructor (keep them in step)
    public constructor(private readonly owner: IApplicationSpecSource, id: string, props: argo.ApplicationProps) {
      super(owner, id, props);
    }

    public addJsonPatch(...ops: JsonPatch[]): void {
      this.patched = true;
      super.addJsonPatch(...ops);
    }

    public toJson(): any {
      if (this.patched) return super.toJson();
      const app = this.node.root as App; // what App.of(this) returns (the construct without a scope), without walking up
      let state = STATES.get(app);
      if (!state) STATES.set(app, state = { enabled: true, verified: false, verifiedYaml: false });
      if (!state.enabled) return super.toJson();
      const direct = directApplicationJson(this, app, this.owner, base.GVK);
      if (direct === undefined) return super.toJson();
      if (state.verified) return direct;
      const generic = super.toJson();
      state.verified = true;
      if (JSON.stringify(generic) === JSON.stringify(direct)) return direct;
      state.enabled = false;
      return generic;
    }

    /**
     * The document as YAML, exactly `stringifyDocument(this.toJson())`: written straight from the L2's spec when
     * the direct path applies (no sanitized copy of the document is built), else from `toJson()`.
     * @internal
     */
    public _toYaml(): string {
      if (this.patched || this.toJson !== cls.prototype.toJson) return stringifyDocument(this.toJson());
      const app = this.node.root as App; // what App.of(this) returns (the construct without a scope), without walking up
      const state = STATES.get(app);
      // the first document of an app goes through toJson(), which checks the direct JSON path
      if (!state || !state.enabled || !state.verified) return stringifyDocument(this.toJson());
      const direct = directApplicationYaml(this, app, this.owner, base.GVK);
      if (direct === undefined) return stringifyDocument(super.toJson());
      return yamlCheckedOnce(state, direct, () => stringifyDocument(super.toJson()));
    }
  };
  return cls;
}

/**
 * `direct`, once the app's first direct YAML document equalled the generic one (`generic()`, rendered for the first
 * only); if it did not, the generic document, and the direct path is off for that app from then on.
 */
function yamlCheckedOnce(state: Pick<DirectState, 'enabled' | 'verifiedYaml'>, direct: string, generic: () => string): string {
  if (state.verifiedYaml) return direct;
  const text = generic();
  state.verifiedYaml = true;
  if (text === direct) return direct;
  state.enabled = false;
  return text;
}

/**
 * The Application document exactly as `argo.Application.toJson()` renders it, or undefined when the direct path
 * does not apply.
 */
function directApplicationJson(res: ApiObject, app: App, owner: IApplicationSpecSource, gvk: { apiVersion: string; kind: string }): any {
  if (process.env.CDK8S_DISABLE_SORT || !hasBuiltInResolversOnly(app)) return undefined;
  return withScratch(() => {
    try {
      const metadata = plainMetadata(res.metadata);
      const spec = plainJson(owner._toArgoSpec(), false) as any;
      const sources = spec.sources as any[] | undefined;
      if (spec.sourceHydrator !== undefined) return undefined; // nested repoUrl keys: the typed mapper renames them
      if (spec.source?.kustomize?.patches || sources?.some(s => s?.kustomize?.patches)) return undefined; // typed mapper
      const doc: any = { apiVersion: gvk.apiVersion, kind: gvk.kind };
      if (metadata !== undefined) doc.metadata = metadata;
      // spec is plainJson's fresh copy: assigning a key it has keeps the key's place
      if (spec.source !== undefined) spec.source = renameRepoUrl(spec.source);
      if (sources !== undefined) spec.sources = sources.map(renameRepoUrl);
      doc.spec = spec;
      return markTree(doc); // every object in it is new, none shared
    } catch {
      return undefined; // not plain data, or a producer failed: the generic path decides (and words the error)
    }
  });
}

/**
 * `stringifyDocument(directApplicationJson(...))` written in one walk of the L2's spec (`stringifySanitized`), or
 * undefined when the direct path does not apply (the same conditions, checked on the unsanitized spec, where
 * anything that might be a source hydrator or Kustomize patches sends the document to the generic path).
 */
function directApplicationYaml(res: ApiObject, app: App, owner: IApplicationSpecSource,
  gvk: { apiVersion: string; kind: string }): string | undefined {
  return directYaml(res, app, owner, (metadata, spec) => {
    if (spec.sourceHydrator !== undefined && spec.sourceHydrator !== null) return undefined;
    const source = spec.source;
    const sources = spec.sources;
    if (source !== undefined && source !== null && (typeof source !== 'object' || hasPatches(source))) return undefined;
    if (sources !== undefined && sources !== null && (!Array.isArray(sources) || sources.some(notSourceOrPatched))) return undefined;
    const doc: any = { apiVersion: gvk.apiVersion, kind: gvk.kind, metadata, spec };
    return stringifySanitized(doc, obj => obj === source || (Array.isArray(sources) && sources.includes(obj)));
  });
}

/**
 * What the direct YAML renderers share: undefined unless the app has only built-in resolvers and sorts keys;
 * otherwise `write(metadata, spec)` with the object's metadata for the emitter and the L2's spec (an object), in
 * the plain-data scratch scope. Anything thrown (not plain data, NOT_PLAIN_DATA, a producer that failed) gives
 * undefined: the generic path decides, and words the error.
 */
function directYaml(res: ApiObject, app: App, owner: { _toArgoSpec(): object },
  write: (metadata: unknown, spec: any) => string | undefined): string | undefined {
  if (process.env.CDK8S_DISABLE_SORT || !hasBuiltInResolversOnly(app)) return undefined;
  return withScratch(() => {
    try {
      const metadata = emitterMetadata(res.metadata) ?? plainMetadata(res.metadata);
      const spec = owner._toArgoSpec() as any;
      if (typeof spec !== 'object' || spec === null) return undefined;
      return write(metadata, spec);
    } catch {
      return undefined;
    }
  });
}

/** An entry of `sources` the JSON path would not take directly either: a scalar, or a source with Kustomize patches. */
function notSourceOrPatched(s: unknown): boolean {
  return (s !== undefined && s !== null && typeof s !== 'object') || hasPatches(s);
}

/** Whether a source (unsanitized) may carry Kustomize patches, which the generated mapper reshapes. */
function hasPatches(s: unknown): boolean {
  if (typeof s !== 'object' || s === null) return false;
  const k = (s as any).kustomize;
  return typeof k === 'object' && k !== null && (k as any).patches !== undefined && (k as any).patches !== null;
}

/** The generated mappers write a source's `repoUrl` as `repoURL` (same place in key order). */
function renameRepoUrl(source: any): any {
  if (source === undefined || source === null || !('repoUrl' in source)) return source;
  const out: any = {};
  for (const k of Object.keys(source)) out[k === 'repoUrl' ? 'repoURL' : k] = source[k];
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// AppProject: the same for its YAML document (`_toYaml`); `toJson()` stays the generated one

/** What the output layer needs from an `AppProject` L2 to write its document directly. */
export interface IAppProjectSpecSource extends IConstruct {
  /** The spec, in the generated binding's props shape. */
  _toArgoSpec(): argoProject.AppProjectSpec;
}

const PROJECT_CLASSES = new WeakMap<typeof argoProject.AppProject, ReturnType<typeof defineAppProjectObject>>();
/** per app, as `STATES` (only the YAML is direct for an AppProject, so there is no JSON check) */
const PROJECT_STATES = new WeakMap<App, Pick<DirectState, 'enabled' | 'verifiedYaml'>>();

/**
 * The generated `argoproj.io/v1alpha1` AppProject of an `AppProject` L2 (an instance of the generated class
 * `base`), whose YAML document (`_toYaml()`, what `GitOpsApp.synth()` writes) is written straight from the L2's
 * spec (`_toArgoSpec()`) when nothing can make cdk8s's generic path give other bytes: the conditions of the
 * Application path (no JSON patches, only built-in resolvers, key sorting on, plain data), and no `signatureKeys`
 * (whose `keyId` the generated mapper writes as `keyID`). The first AppProject document of each `App` is also
 * rendered the generic way and compared; a difference turns the direct path off for that app. `toJson()` is the
 * generated one. test/app-project-document.test.ts checks both paths give the same bytes for varied projects.
 */
export function newAppProjectObject(base: typeof argoProject.AppProject, owner: IAppProjectSpecSource, id: string,
  props: argoProject.AppProjectProps): argoProject.AppProject {
  let cls = PROJECT_CLASSES.get(base);
  if (!cls) PROJECT_CLASSES.set(base, cls = defineAppProjectObject(base));
  return new cls(owner, id, props); // owner: the scope, which _toYaml() reads the spec from
}

function defineAppProjectObject(base: typeof argoProject.AppProject) {
  const cls = class AppProjectResource extends base {
    /**
     * The document as YAML, exactly `stringifyDocument(this.toJson())`. The L2 is the object's scope; JSON patches
     * are read from cdk8s's `patches` list (anything but an empty array there counts as patched).
     * @internal
     */
    public _toYaml(): string {
      const patches = (this as any).patches;
      const owner = this.node.scope as IAppProjectSpecSource | undefined;
      if (!Array.isArray(patches) || patches.length > 0 || this.toJson !== base.prototype.toJson
        || typeof owner?._toArgoSpec !== 'function') {
        return stringifyDocument(this.toJson());
      }
      const app = this.node.root as App; // what App.of(this) returns (the construct without a scope), without walking up
      let state = PROJECT_STATES.get(app);
      if (!state) PROJECT_STATES.set(app, state = { enabled: true, verifiedYaml: false });
      if (!state.enabled) return stringifyDocument(this.toJson());
      const direct = directAppProjectYaml(this, app, owner, base.GVK);
      if (direct === undefined) return stringifyDocument(this.toJson());
      return yamlCheckedOnce(state, direct, () => stringifyDocument(this.toJson()));
    }
  };
  return cls;
}

function directAppProjectYaml(res: ApiObject, app: App, owner: IAppProjectSpecSource,
  gvk: { apiVersion: string; kind: string }): string | undefined {
  return directYaml(res, app, owner, (metadata, spec) => {
    if (spec.signatureKeys !== undefined && spec.signatureKeys !== null) return undefined; // keyId → keyID
    return stringifySanitized({ apiVersion: gvk.apiVersion, kind: gvk.kind, metadata, spec }, NO_RENAMES);
  });
}

const NO_RENAMES = (): boolean => false;
