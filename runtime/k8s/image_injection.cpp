#include "runtime/k8s/image_injection.hpp"

#include "runtime/config/config_hash.hpp"
#include "runtime/k8s/kubectl_commands.hpp"
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

// Labels on the pods an object makes, so they can be watched by them.
// Quoted (tag "!"): a label value is a string even when it reads as a
// number.
void label_pods(YAML::Node pod_template,
                const std::map<std::string, std::string>& labels) {
  if (labels.empty() || !pod_template || !pod_template.IsMap())
    return;
  auto meta = pod_template["metadata"];
  if (!meta || !meta.IsMap())
    pod_template["metadata"] = YAML::Node{YAML::NodeType::Map};
  meta = pod_template["metadata"];
  if (!meta["labels"] || !meta["labels"].IsMap())
    meta["labels"] = YAML::Node{YAML::NodeType::Map};
  for (const auto& [key, value] : labels) {
    YAML::Node v{value};
    v.SetTag("!");
    meta["labels"][key] = v;
  }
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
              const std::map<std::string, std::string>& refs,
              const std::map<std::string, std::string>& pod_labels) {
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string{object_yaml});
  } catch (const YAML::Exception& e) {
    return failure::failure("invalid YAML: " + e.msg);
  }
  injected out;
  if (doc.IsMap()) {
    auto spec = doc["spec"];
    if (doc["kind"] && doc["kind"].IsScalar() &&
        doc["kind"].Scalar() == "Pod") {
      inject_pod_spec(spec, refs, out.images);
      label_pods(doc, pod_labels);
    }
    auto pod_template = child(spec, "template");
    if (child(pod_template, "spec")) {
      inject_pod_spec(child(pod_template, "spec"), refs, out.images);
      label_pods(pod_template, pod_labels);
    }
    auto job_template =
        child(child(child(spec, "jobTemplate"), "spec"), "template");
    if (child(job_template, "spec")) {
      inject_pod_spec(child(job_template, "spec"), refs, out.images);
      label_pods(job_template, pod_labels);
    }
  }
  yaml_emitter e;
  if (!e.emit(doc))
    return failure::failure(e.problem);
  out.yaml = std::string{e.out.c_str()} + "\n";
  return out;
}

result<rendered, std::string>
render_objects(const std::vector<config::k8s_object>& objects,
               const std::map<std::string, std::string>& refs,
               const std::string& resource) {
  const std::map<std::string, std::string> labels{
      {std::string{resource_label}, resource}};
  rendered out;
  for (const auto& o : objects) {
    auto injected = inject_images(o.yaml, refs, labels);
    if (injected && o.workload) {
      auto hash = config::config_hash(injected.value().yaml).substr(0, 12);
      auto with_hash = labels;
      with_hash[std::string{template_label}] = hash;
      injected = inject_images(o.yaml, refs, with_hash);
      out.templates.push_back(std::move(hash));
    }
    if (!injected)
      return result<rendered, std::string>::failure(
          o.kind + " " + o.name + " (" + o.file + ":" +
          std::to_string(o.line) + "): " + injected.error());
    out.yaml += (out.yaml.empty() ? "" : "---\n") + injected.value().yaml;
  }
  return out;
}

} // namespace actordev::k8s
