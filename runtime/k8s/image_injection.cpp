#include "runtime/k8s/image_injection.hpp"

#include "runtime/k8s/yaml_emitter.hpp"

#include <algorithm>

namespace actordev::k8s {

namespace {

using failure = result<injected, std::string>;

void inject_containers(YAML::Node list,
                       const std::map<std::string, std::string>& refs,
                       std::vector<std::string>& seen) {
  if (!list || !list.IsSequence())
    return;
  for (auto c : list) {
    if (!c.IsMap() || !c["image"] || !c["image"].IsScalar())
      continue;
    auto repo = image_repository(c["image"].Scalar());
    auto ref = refs.find(repo);
    if (ref == refs.end())
      continue;
    c["image"] = ref->second;
    auto policy = c["imagePullPolicy"];
    if (!policy || !policy.IsScalar() || policy.Scalar() == "Always")
      c["imagePullPolicy"] = "IfNotPresent";
    if (std::find(seen.begin(), seen.end(), repo) == seen.end())
      seen.push_back(repo);
  }
}

void inject_pod_spec(YAML::Node spec,
                     const std::map<std::string, std::string>& refs,
                     std::vector<std::string>& seen) {
  if (!spec || !spec.IsMap())
    return;
  inject_containers(spec["initContainers"], refs, seen);
  inject_containers(spec["containers"], refs, seen);
}

YAML::Node child(YAML::Node node, const char* key) {
  return node && node.IsMap() ? node[key] : YAML::Node{};
}

} // namespace

std::string image_repository(std::string_view ref) {
  if (auto at = ref.find('@'); at != std::string_view::npos)
    ref = ref.substr(0, at);
  auto slash = ref.rfind('/');
  auto colon = ref.rfind(':');
  if (colon != std::string_view::npos &&
      (slash == std::string_view::npos || colon > slash))
    ref = ref.substr(0, colon);
  return std::string{ref};
}

result<injected, std::string>
inject_images(std::string_view object_yaml,
              const std::map<std::string, std::string>& refs) {
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string{object_yaml});
  } catch (const YAML::Exception& e) {
    return failure::failure("invalid YAML: " + e.msg);
  }
  injected out;
  if (doc.IsMap()) {
    auto spec = doc["spec"];
    if (doc["kind"] && doc["kind"].IsScalar() && doc["kind"].Scalar() == "Pod")
      inject_pod_spec(spec, refs, out.images);
    inject_pod_spec(child(child(spec, "template"), "spec"), refs, out.images);
    inject_pod_spec(
        child(child(child(child(spec, "jobTemplate"), "spec"), "template"),
              "spec"),
        refs, out.images);
  }
  yaml_emitter e;
  if (!e.emit(doc))
    return failure::failure(e.problem);
  out.yaml = std::string{e.out.c_str()} + "\n";
  return out;
}

} // namespace actordev::k8s
