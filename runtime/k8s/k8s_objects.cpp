#include "runtime/k8s/k8s_objects.hpp"

#include "runtime/k8s/yaml_emitter.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <optional>

namespace actordev::k8s {

namespace {

using failure = result<std::vector<object>, config::config_error>;

config::config_error error_at(const std::string& file, const YAML::Mark& at,
                              std::string message, std::string hint = {}) {
  return {file, at.is_null() ? 0 : at.line + 1,
          at.is_null() ? 0 : at.column + 1, std::move(message),
          std::move(hint)};
}

/// The scalar at `key` of a mapping, or empty.
std::string scalar(const YAML::Node& map, const char* key) {
  const auto v = map[key];
  return v && v.IsScalar() ? v.Scalar() : std::string{};
}

/// A pod spec with containers under `node` (a pod template's spec).
bool has_containers(const YAML::Node& spec) {
  return spec && spec.IsMap() && spec["containers"] &&
         spec["containers"].IsSequence();
}

bool runs_pods(const std::string& kind, const YAML::Node& doc) {
  const auto spec = doc["spec"];
  if (!spec || !spec.IsMap())
    return false;
  if (kind == "Pod")
    return has_containers(spec);
  const auto tmpl = spec["template"];
  if (tmpl && tmpl.IsMap() && has_containers(tmpl["spec"]))
    return true;
  const auto job = spec["jobTemplate"];
  if (!job || !job.IsMap() || !job["spec"] || !job["spec"].IsMap())
    return false;
  const auto job_tmpl = job["spec"]["template"];
  return job_tmpl && job_tmpl.IsMap() && has_containers(job_tmpl["spec"]);
}

/// Adds `doc` (a List's items, one by one) to `out`; an error if it is no
/// object.
std::optional<config::config_error>
add(const YAML::Node& doc, const std::string& file, std::vector<object>& out) {
  if (!doc.IsMap())
    return error_at(file, doc.Mark(),
                    "a Kubernetes YAML document must be a mapping (an "
                    "object with apiVersion, kind and metadata)");
  auto kind = scalar(doc, "kind");
  if (kind.empty())
    return error_at(file, doc.Mark(), "a Kubernetes object without 'kind'",
                    "every object needs apiVersion, kind and metadata.name");
  if (kind == "List" && doc["items"] && doc["items"].IsSequence()) {
    for (const auto& item : doc["items"])
      if (auto e = add(item, file, out))
        return e;
    return std::nullopt;
  }
  const auto meta = doc["metadata"];
  auto name = meta && meta.IsMap() ? scalar(meta, "name") : std::string{};
  if (name.empty())
    return error_at(file, doc.Mark(), "a " + kind + " without 'metadata.name'",
                    "every object needs apiVersion, kind and metadata.name");
  yaml_emitter yaml;
  if (!yaml.emit(doc))
    return error_at(file, doc.Mark(), yaml.problem);
  out.push_back({kind, name, scalar(meta, "namespace"),
                 std::string(yaml.out.c_str()) + "\n", file,
                 doc.Mark().line + 1, runs_pods(kind, doc)});
  return std::nullopt;
}

} // namespace

result<std::vector<object>, config::config_error>
split_objects(std::string_view text, const std::string& file) {
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    return failure::failure(
        error_at(file, e.mark, "invalid YAML: nested too deeply"));
  } catch (const YAML::Exception& e) {
    return failure::failure(error_at(file, e.mark, "invalid YAML: " + e.msg));
  }
  std::vector<object> out;
  for (const auto& doc : docs) {
    if (!doc || doc.IsNull())
      continue;
    if (auto e = add(doc, file, out))
      return failure::failure(std::move(*e));
  }
  return out;
}

} // namespace actordev::k8s
