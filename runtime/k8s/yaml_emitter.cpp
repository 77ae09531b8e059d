#include "runtime/k8s/yaml_emitter.hpp"

namespace actordev::k8s {

bool yaml_emitter::emit(const YAML::Node& node) {
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

} // namespace actordev::k8s
