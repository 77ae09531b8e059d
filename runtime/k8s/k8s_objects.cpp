#include "runtime/k8s/k8s_objects.hpp"

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

/// Writes nodes as YAML with the same meaning. yaml-cpp's own emitter
/// drops the quotes of quoted scalars, which turns `value: "8080"` into a
/// number and `"true"` into a boolean, and drops explicit tags: here a
/// quoted scalar (tag "!") or a `!!str` stays a quoted string and other
/// tags are kept. Aliases are written out in full, so a node that contains
/// itself (`&a [*a]`) is an error, and so is expanding to more nodes than
/// any object needs.
class emitter {
public:
  static constexpr std::size_t max_nodes = 1'000'000;

  YAML::Emitter out;
  std::string problem; ///< why `emit` failed

  bool emit(const YAML::Node& node) {
    if (++nodes_ > max_nodes) {
      problem = "aliases expand this object past " + std::to_string(max_nodes) +
                " nodes";
      return false;
    }
    for (const auto& outer : path_)
      if (outer.is(node)) {
        problem = "an alias refers to a node that contains it";
        return false;
      }
    const auto& tag = node.Tag();
    bool quoted = tag == "!" || tag == "tag:yaml.org,2002:str";
    if (!quoted && !tag.empty() && tag != "?")
      out << YAML::VerbatimTag(tag);
    switch (node.Type()) {
    case YAML::NodeType::Map:
      path_.push_back(node);
      out << YAML::BeginMap;
      for (const auto& kv : node) {
        out << YAML::Key;
        if (!emit(kv.first))
          return false;
        out << YAML::Value;
        if (!emit(kv.second))
          return false;
      }
      out << YAML::EndMap;
      path_.pop_back();
      return true;
    case YAML::NodeType::Sequence:
      path_.push_back(node);
      out << YAML::BeginSeq;
      for (const auto& item : node)
        if (!emit(item))
          return false;
      out << YAML::EndSeq;
      path_.pop_back();
      return true;
    case YAML::NodeType::Scalar:
      if (quoted)
        out << YAML::DoubleQuoted;
      out << node.Scalar();
      return true;
    default:
      out << YAML::Null;
      return true;
    }
  }

private:
  std::vector<YAML::Node> path_; ///< the maps and lists being written
  std::size_t nodes_ = 0;
};

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
  emitter yaml;
  if (!yaml.emit(doc))
    return error_at(file, doc.Mark(), yaml.problem);
  out.push_back({kind, name, scalar(meta, "namespace"),
                 std::string(yaml.out.c_str()) + "\n", doc.Mark().line + 1,
                 runs_pods(kind, doc)});
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
