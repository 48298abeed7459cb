/**
 * Argo CD resource health checks (Lua) that the patterns of this library rely on.
 *
 * Argo CD runs a health script with the live object in the global `obj` and expects a table
 * `{ status = "Healthy|Progressing|Degraded|Suspended|Missing|Unknown", message = "..." }` back. By default it
 * opens only the Lua `base`, `table` and a safe `os` library (no `string`, no `math`), with a 1 s time limit,
 * so the scripts below use nothing else.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/
 */

/**
 * The snippet from the Argo CD docs (operator-manual/health.md, "Argocd App"; Apache-2.0), verbatim:
 * reports the child Application's own `status.health`, `Progressing` while it has none.
 */
export const UPSTREAM_APPLICATION_HEALTH_LUA = `hs = {}
hs.status = "Progressing"
hs.message = ""
if obj.status ~= nil then
  if obj.status.health ~= nil then
    hs.status = obj.status.health.status
    if obj.status.health.message ~= nil then
      hs.message = obj.status.health.message
    end
  end
end
return hs
`;

/**
 * Health of a child `argoproj.io/Application`, for sync waves in an app-of-apps.
 *
 * Like the upstream snippet it reports the child's `status.health`, but only once that verdict belongs to
 * the child's current spec and no sync of the child is pending or running. Until then it reports
 * `Progressing`, so the parent's next wave keeps waiting (the wave gate reads this health right after
 * applying the child, when the child's status may still describe the previous spec: argoproj/argo-cd
 * #4577, #8778; docs proposal PR #29649). In order:
 *
 * 1. no `status` yet: `Progressing` (as upstream);
 * 2. `status.operationState.phase` is `Running` or `Terminating`: `Progressing` (a sync is under way);
 * 3. `operation` is set: `Progressing` (a sync was requested and has not started);
 * 4. `status.sync.comparedTo.sources` (multi-source) or `.source` differs from `spec.sources` / `spec.source`:
 *    `Progressing`, naming the first differing field. This is the test the controller itself uses to decide
 *    that a comparison is stale (`currentSourceEqualsSyncedSource`). Values Go drops with `omitempty`
 *    (`false`, `""`, `0`, empty lists and maps) count as absent, so a spec written with e.g.
 *    `forceString: false` does not wait forever. Skipped for `spec.sourceHydrator` apps (their compared
 *    source is derived) and when `comparedTo` is absent;
 * 5. `status.operationState.finishedAt` is later than `status.reconciledAt`: `Progressing` (the last sync
 *    finished after the last comparison, so `status.health` predates it; the controller refreshes an app
 *    right after each sync, which ends this state);
 * 6. otherwise `status.health.status` and `.message` (`Progressing` when `status.health.status` is empty).
 *
 * Steps 4 and 5 append the first `InvalidSpecError` / `UnknownError` / `ComparisonError` / `SyncError`
 * condition to the message: when the controller cannot compare the new spec (e.g. the project does not permit
 * the destination) the child stays `Progressing` (upstream would report `Unknown`, which also holds the wave)
 * and the reason is visible on the parent. A CRD newer than the controller (a spec field the controller drops
 * from `comparedTo`) also keeps the child `Progressing`; the message names that field.
 *
 * It deliberately does not require `status.sync.status == Synced`: a child that is OutOfSync for good
 * (manual sync, a deny sync window, a field drifting under ignoreDifferences) would then block the parent
 * forever (argoproj/argo-cd #10550 discussion).
 */
export const APPLICATION_HEALTH_LUA = `-- cdk8s-gitops: health of a child argoproj.io/Application (app-of-apps sync waves).
-- Based on the Argo CD docs snippet ("Argocd App", operator-manual/health.md); additionally reports
-- Progressing while the child's status does not yet describe its current spec, or a sync is pending or running.
-- Uses only the base and table libraries (Argo CD opens no string/math library for health scripts).
hs = {}

-- Values Go's omitempty leaves out of status.sync.comparedTo: false, "", 0, empty tables.
local function isEmpty(v)
  if v == nil or v == false or v == "" or v == 0 then
    return true
  end
  if type(v) == "table" then
    for _, item in pairs(v) do
      if not isEmpty(item) then
        return false
      end
    end
    return true
  end
  return false
end

local function keyLess(x, y)
  if type(x) == type(y) then
    return x < y
  end
  return type(x) == "number"
end

local function keyPath(path, k)
  if type(k) == "number" then
    return path .. "[" .. tostring(k - 1) .. "]"
  end
  return path .. "." .. tostring(k)
end

-- The first path (keys in sorted order) where a and b differ, or nil when they are equal.
local function firstDiff(a, b, path)
  if isEmpty(a) and isEmpty(b) then
    return nil
  end
  if type(a) ~= "table" or type(b) ~= "table" then
    if a == b then
      return nil
    end
    return path
  end
  local keys = {}
  for k, _ in pairs(a) do
    table.insert(keys, k)
  end
  for k, _ in pairs(b) do
    if a[k] == nil then
      table.insert(keys, k)
    end
  end
  table.sort(keys, keyLess)
  for _, k in ipairs(keys) do
    local d = firstDiff(a[k], b[k], keyPath(path, k))
    if d ~= nil then
      return d
    end
  end
  return nil
end

-- "; <type>: <message>" of the first error condition the controller reported, or "".
local function errorCondition()
  if obj.status.conditions == nil then
    return ""
  end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == "InvalidSpecError" or c.type == "UnknownError" or c.type == "ComparisonError" or
        c.type == "SyncError" then
      local message = c.message
      if message == nil then
        message = ""
      end
      return "; " .. tostring(c.type) .. ": " .. tostring(message)
    end
  end
  return ""
end

local function progressing(message)
  hs.status = "Progressing"
  hs.message = message
  return hs
end

local status = obj.status
if status == nil then
  return progressing("Waiting for the Application controller to report the status of this Application")
end

local op = status.operationState
if op ~= nil and (op.phase == "Running" or op.phase == "Terminating") then
  local detail = ""
  if op.message ~= nil and op.message ~= "" then
    detail = ": " .. tostring(op.message)
  end
  return progressing("Sync operation " .. tostring(op.phase) .. detail)
end

if obj.operation ~= nil then
  return progressing("Waiting for the requested sync operation to start")
end

local spec = obj.spec
if spec ~= nil and spec.sourceHydrator == nil and status.sync ~= nil and status.sync.comparedTo ~= nil then
  local compared = status.sync.comparedTo
  local diff = nil
  if spec.sources ~= nil and next(spec.sources) ~= nil then
    diff = firstDiff(spec.sources, compared.sources, "sources")
  elseif spec.source ~= nil then
    diff = firstDiff(spec.source, compared.source, "source")
  end
  if diff ~= nil then
    return progressing("Waiting for the controller to compare the current spec: spec." .. diff ..
      " differs from status.sync.comparedTo." .. diff .. errorCondition())
  end
end

if op ~= nil and type(op.finishedAt) == "string" and type(status.reconciledAt) == "string" and
    #op.finishedAt == #status.reconciledAt and op.finishedAt > status.reconciledAt then
  return progressing("Waiting for the controller to refresh the status after the sync that finished at " ..
    op.finishedAt .. errorCondition())
end

local health = status.health
if health == nil or health.status == nil or health.status == "" then
  return progressing("Waiting for the health assessment of this Application")
end

hs.status = health.status
hs.message = ""
if health.message ~= nil then
  hs.message = health.message
end
return hs
`;

/**
 * Health of an `argoproj.io/ApplicationSet` that waits for its generated Applications, for sync waves in an
 * app-of-apps whose later children depend on an ApplicationSet.
 *
 * Argo CD's built-in check (resource_customizations/argoproj.io/ApplicationSet/health.lua) reports `Healthy`
 * once the condition `ResourcesUpToDate` is `True`: the Applications are created or updated, not healthy, so
 * the next wave starts early. This script keeps the built-in verdicts (`ErrorOccurred` → `Degraded`,
 * `ResourcesUpToDate: False` → `Degraded`, `RolloutProgressing: True` → `Progressing`, no `ResourcesUpToDate`
 * yet → `Progressing`) and then reads `status.resources`, where the ApplicationSet controller records the
 * health of each generated Application:
 *
 * 1. `status.resourcesCount` larger than the entries in `status.resources` (the list is truncated at
 *    `applicationsetcontroller.status.max.resources.count`, default 5000): `Degraded`, the health of the
 *    others cannot be seen;
 * 2. any Application `Degraded`: `Degraded`, naming it;
 * 3. any Application not `Healthy` (`Progressing`, `Missing`, `Suspended`, `Unknown`, no health yet):
 *    `Progressing`, naming it;
 * 4. otherwise `Healthy` (also for zero Applications, e.g. no open pull request).
 *
 * Limits (documented in docs/patterns.md): the controller copies each Application's health into
 * `status.resources` when it reconciles the ApplicationSet; it re-reconciles on a change of an Application's
 * health only with progressive syncs on (`shouldRequeueForApplication`), otherwise at its next requeue, so
 * without progressive syncs a wave may wait longer than needed. There is no `observedGeneration`: right after
 * the parent updates an existing ApplicationSet, `status.resources` may still show the Applications' health
 * before the update (the same staleness the Application check guards against for child Applications). On
 * first creation (bootstrap) the generated Applications start without health, so the wave really waits.
 */
export const APPLICATION_SET_HEALTH_LUA = `-- cdk8s-gitops: health of an argoproj.io/ApplicationSet that waits for its Applications to be Healthy.
-- Starts from Argo CD's built-in check (resource_customizations/argoproj.io/ApplicationSet/health.lua, Apache-2.0),
-- then requires every Application in status.resources to be Healthy.
-- Uses only the base and table libraries (Argo CD opens no string/math library for health scripts).
hs = {}

local function result(status, message)
  hs.status = status
  hs.message = message
  return hs
end

local status = obj.status
if status == nil or status.conditions == nil then
  return result("Progressing", "Waiting for the ApplicationSet controller to report the status")
end

local function condition(type, value)
  for _, c in ipairs(status.conditions) do
    if c.type == type and c.status == value then
      return c
    end
  end
  return nil
end

local c = condition("ErrorOccurred", "True")
if c ~= nil then
  return result("Degraded", c.message)
end
c = condition("ResourcesUpToDate", "False")
if c ~= nil then
  return result("Degraded", c.message)
end
c = condition("RolloutProgressing", "True")
if c ~= nil then
  return result("Progressing", c.message)
end
if condition("ResourcesUpToDate", "True") == nil then
  return result("Progressing", "Waiting for the status to be reported")
end

local resources = status.resources
if resources == nil then
  resources = {}
end
local total = #resources
if type(status.resourcesCount) == "number" and status.resourcesCount > total then
  return result("Degraded", "status.resources lists " .. tostring(total) .. " of " .. tostring(status.resourcesCount) ..
    " Applications (applicationsetcontroller.status.max.resources.count): the health of the others cannot be checked")
end

local degraded = 0
local waiting = 0
local firstDegraded = nil
local firstWaiting = nil
for _, r in ipairs(resources) do
  local health = ""
  if r.health ~= nil and r.health.status ~= nil then
    health = r.health.status
  end
  if health == "Degraded" then
    degraded = degraded + 1
    if firstDegraded == nil then
      firstDegraded = tostring(r.name)
    end
  elseif health ~= "Healthy" then
    waiting = waiting + 1
    if firstWaiting == nil then
      if health == "" then
        health = "no health yet"
      end
      firstWaiting = tostring(r.name) .. " (" .. health .. ")"
    end
  end
end

if degraded > 0 then
  return result("Degraded", tostring(degraded) .. " of " .. tostring(total) .. " Applications are Degraded, e.g. " .. firstDegraded)
end
if waiting > 0 then
  return result("Progressing", "Waiting for " .. tostring(waiting) .. " of " .. tostring(total) ..
    " Applications to be Healthy, e.g. " .. firstWaiting)
end
return result("Healthy", "All " .. tostring(total) .. " Applications are Healthy")
`;

/**
 * Lua health check scripts for Argo CD's `argocd-cm` (`resource.customizations.health.<group>_<kind>`).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/
 */
export class HealthCheckScripts {
  /**
   * Health of a child `argoproj.io/Application` for app-of-apps sync waves: the child's `status.health`,
   * but `Progressing` while a sync of the child is pending or running, while `status.sync.comparedTo`
   * does not match the child's `spec.source(s)` (the status still describes an earlier spec), and while
   * the last sync finished after the last comparison. What `ArgoCdSettings.enableApplicationHealthCheck()`
   * installs.
   */
  public static readonly ARGOCD_APPLICATION: string = APPLICATION_HEALTH_LUA;

  /**
   * The Argo CD docs snippet for `argoproj.io/Application`, verbatim: the child's `status.health`,
   * `Progressing` while it has none. Passes a wave on a verdict from the child's previous spec.
   */
  public static readonly ARGOCD_APPLICATION_UPSTREAM: string = UPSTREAM_APPLICATION_HEALTH_LUA;

  /**
   * Health of an `argoproj.io/ApplicationSet` that waits until every generated Application is `Healthy`
   * (Argo CD's built-in check is `Healthy` once they are created). What
   * `ArgoCdSettings.enableApplicationSetHealthCheck()` installs.
   */
  public static readonly ARGOCD_APPLICATION_SET: string = APPLICATION_SET_HEALTH_LUA;

  private constructor() {}
}
