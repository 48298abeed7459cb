import { ARGOCD_LUA_HEALTH_CHECK_KINDS, HealthCheckCoverage, healthCheckCoverage } from './argocd-health-kinds';
import { ArgoCdSettings } from './argocd-settings';
import { fail } from '../checks/errors';
import { isDns1123Subdomain } from '../checks/names';

/**
 * Lua health check for a resource whose status has a `Ready` condition (`metav1.Condition`, as written by most
 * operators built with controller-runtime): Healthy only when `Ready` is `True` for the current generation.
 *
 * 1. no `status` or no `Ready` condition: `Progressing` (the operator has not reported yet);
 * 2. `status.observedGeneration` or the condition's `observedGeneration` older than `metadata.generation`:
 *    `Progressing` (the verdict belongs to an earlier spec);
 * 3. `Ready` is `True`: `Healthy`; `False` or `Unknown`: `Progressing` with its reason and message. A not-ready
 *    resource never becomes `Degraded` here: during a bootstrap most operators report `Ready: False` until their
 *    dependencies exist, and `Degraded` would fail the wave instead of waiting.
 */
function readyConditionLua(what: string): string {
  return `-- cdk8s-gitops health check library: ${what}.
-- Healthy when the Ready condition is True for the current generation; Progressing otherwise.
-- Uses only the base and table libraries (Argo CD opens no string/math library for health scripts).
hs = {}
local function result(status, message)
  hs.status = status
  hs.message = message
  return hs
end

if obj.status == nil or obj.status.conditions == nil then
  return result("Progressing", "Waiting for the operator to report the Ready condition")
end
local generation = nil
if obj.metadata ~= nil then
  generation = obj.metadata.generation
end
if type(generation) == "number" and type(obj.status.observedGeneration) == "number" and
    obj.status.observedGeneration < generation then
  return result("Progressing", "Waiting for the operator to observe generation " .. tostring(generation))
end
for _, c in ipairs(obj.status.conditions) do
  if c.type == "Ready" then
    if type(generation) == "number" and type(c.observedGeneration) == "number" and c.observedGeneration < generation then
      return result("Progressing", "Waiting for the Ready condition of generation " .. tostring(generation))
    end
    local detail = ""
    if c.reason ~= nil and c.reason ~= "" then
      detail = tostring(c.reason)
    end
    if c.message ~= nil and c.message ~= "" then
      if detail ~= "" then
        detail = detail .. ": "
      end
      detail = detail .. tostring(c.message)
    end
    if c.status == "True" then
      return result("Healthy", detail)
    end
    return result("Progressing", "Not ready (" .. tostring(c.status) .. ")" .. (detail ~= "" and (": " .. detail) or ""))
  end
end
return result("Progressing", "Waiting for the operator to report the Ready condition")
`;
}

/** The RedisFailover check: spotahome/redis-operator writes `status.state` Healthy or NotHealthy. */
const REDIS_FAILOVER_LUA = `-- cdk8s-gitops health check library: databases.spotahome.com/RedisFailover (spotahome/redis-operator).
-- The operator writes status.state "Healthy" once Redis and Sentinel check out, "NotHealthy" (with a message)
-- while replicas are starting or being healed: that keeps the wave waiting (Progressing), it does not fail it.
-- Uses only the base and table libraries (Argo CD opens no string/math library for health scripts).
hs = {}
if obj.status == nil or obj.status.state == nil or obj.status.state == "" then
  hs.status = "Progressing"
  hs.message = "Waiting for the redis-operator to check the failover"
  return hs
end
local message = ""
if obj.status.message ~= nil then
  message = obj.status.message
end
if obj.status.state == "Healthy" then
  hs.status = "Healthy"
  hs.message = message
  return hs
end
hs.status = "Progressing"
if message == "" then
  hs.message = "RedisFailover is " .. tostring(obj.status.state)
else
  hs.message = "RedisFailover is " .. tostring(obj.status.state) .. ": " .. message
end
return hs
`;

const KIND = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * A tested Lua health check from this library, for a kind Argo CD 3.5.1 has no built-in check for. Add it to the
 * instance with `addTo(settings)` (which calls `ArgoCdSettings.addHealthCheck`), so that sync waves and RollingSync
 * steps wait until such resources are Healthy.
 *
 * Kinds the reference architectures ask for that Argo CD already covers (no need to add anything):
 * `postgresql.cnpg.io/Cluster` (CloudNativePG), `external-secrets.io/ExternalSecret`, the Gateway API kinds
 * (`gateway.networking.k8s.io/Gateway`, `HTTPRoute`, `GRPCRoute`), `cert-manager.io/Certificate`, Strimzi Kafka,
 * RabbitmqCluster, Keycloak. See `ARGOCD_LUA_HEALTH_CHECK_KINDS`.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/#custom-health-checks
 */
export class LibraryHealthCheck {
  /**
   * `databases.spotahome.com/RedisFailover` (spotahome/redis-operator): Healthy when `status.state` is
   * `Healthy`; `Progressing` otherwise (the operator reports `NotHealthy` while replicas start or heal).
   */
  public static readonly REDIS_FAILOVER = new LibraryHealthCheck('databases.spotahome.com', 'RedisFailover', REDIS_FAILOVER_LUA,
    'spotahome/redis-operator: status.state Healthy');

  /**
   * `temporal.io/TemporalCluster` (alexandrevilain/temporal-operator): Healthy when its `Ready` condition
   * (reason `ServicesReady`) is `True` for the current generation.
   */
  public static readonly TEMPORAL_CLUSTER = LibraryHealthCheck.readyCondition('temporal.io', 'TemporalCluster');

  /**
   * A generic check for a kind whose operator writes a `Ready` condition (check its CRD first): Healthy when
   * `Ready` is `True` for the current generation (`status.observedGeneration` and the condition's `observedGeneration`), `Progressing`
   * otherwise (never `Degraded`, so a wave waits rather than fails while the operator's dependencies come up).
   * @param group API group, e.g. `temporal.io`
   * @param kind the kind, e.g. `TemporalCluster`
   */
  public static readyCondition(group: string, kind: string): LibraryHealthCheck {
    return new LibraryHealthCheck(group, kind, readyConditionLua(`${group}/${kind}, Ready condition`), 'Ready condition True for the current generation');
  }

  /**
   * How Argo CD 3.5.1 assesses the health of a kind (built-in Lua or Go check, one of `settings`, not needed,
   * or none); the function `healthCheckCoverage` for jsii languages.
   * @param group API group ('' for the core group)
   * @param kind the kind
   * @param settings the ArgoCdSettings whose argocd-cm health checks count
   */
  public static coverage(group: string, kind: string, settings?: ArgoCdSettings): HealthCheckCoverage {
    return healthCheckCoverage(group, kind, Object.keys(settings?.settings ?? {}));
  }

  /** `group/Kind` of the Lua health checks Argo CD 3.5.1 ships (`*` is a wildcard). */
  public static builtInKinds(): string[] {
    return [...ARGOCD_LUA_HEALTH_CHECK_KINDS];
  }

  /** The checks of the library with a fixed kind. */
  public static all(): LibraryHealthCheck[] {
    return [LibraryHealthCheck.REDIS_FAILOVER, LibraryHealthCheck.TEMPORAL_CLUSTER];
  }

  /** API group. */
  public readonly group: string;
  /** Kind. */
  public readonly kind: string;
  /** The Lua script. */
  public readonly lua: string;
  /** What it tests, in a few words. */
  public readonly description: string;

  private constructor(group: string, kind: string, lua: string, description: string) {
    if (!isDns1123Subdomain(group)) {
      fail(undefined, { rule: 'SET-101', problem: 'a health check group must be an API group name', value: group, fix: "use e.g. 'temporal.io'" });
    }
    if (!KIND.test(kind)) {
      fail(undefined, { rule: 'SET-101', problem: 'a health check kind must be a resource kind', value: kind, fix: "use e.g. 'TemporalCluster'" });
    }
    this.group = group;
    this.kind = kind;
    this.lua = lua;
    this.description = description;
  }

  /** Adds the check to the instance's `argocd-cm` (`resource.customizations.health.<group>_<kind>`). */
  public addTo(settings: ArgoCdSettings): void {
    settings.addHealthCheck(this.group, this.kind, this.lua);
  }
}
