/**
 * Argo CD health check (Lua) for `modelregistry.opendatahub.io/ModelRegistry`.
 *
 * Argo CD has no built-in health check for this kind, so without one a ModelRegistry counts as healthy as soon as
 * it is applied, and the app-of-apps wave after the registry starts while the registry is still rolling out.
 * The operator (opendatahub-io/model-registry-operator, `internal/controller/modelregistry_controller_status.go`)
 * reports an `Available` condition: `True` once its Deployment is available, `False` with reason
 * `ConfigurationError` when the database configuration is wrong, `False` with another reason while it deploys.
 *
 * 1. no `status.conditions`, or no `Available` condition: `Progressing`;
 * 2. the `Available` condition has an `observedGeneration` below `metadata.generation`: `Progressing` (stale);
 * 3. `Available` is `True`: `Healthy`;
 * 4. `Available` is `False` with reason `ConfigurationError`: `Degraded`;
 * 5. otherwise `Progressing`; the condition's message is passed on.
 *
 * Only the Lua `base` and `table` libraries are used (Argo CD opens no `string` library for health scripts).
 */
export const MODEL_REGISTRY_HEALTH_LUA = `-- cdk8s-gitops: health of an OpenDataHub ModelRegistry (modelregistry.opendatahub.io)
hs = {}
hs.status = "Progressing"
hs.message = "Waiting for the model registry operator to report the Available condition"
if obj.status == nil or obj.status.conditions == nil then
  return hs
end
local available = nil
for _, c in ipairs(obj.status.conditions) do
  if c.type == "Available" then
    available = c
  end
end
if available == nil then
  return hs
end
if available.message ~= nil then
  hs.message = available.message
end
local generation = nil
if obj.metadata ~= nil then
  generation = obj.metadata.generation
end
if available.observedGeneration ~= nil and available.observedGeneration ~= 0 and generation ~= nil and available.observedGeneration < generation then
  hs.message = "Waiting for the operator to observe the latest spec"
  return hs
end
if available.status == "True" then
  hs.status = "Healthy"
elseif available.reason == "ConfigurationError" then
  hs.status = "Degraded"
end
return hs
`;
