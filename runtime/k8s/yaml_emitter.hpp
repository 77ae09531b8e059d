#pragma once

// Writes yaml-cpp nodes back as YAML with the same meaning, for objects
// handed to `kubectl apply`. Internal to runtime/k8s (it exposes
// yaml-cpp).

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>
#include <vector>

namespace actordev::k8s {

/// Writes nodes as YAML with the same meaning. yaml-cpp's own emitter
/// drops the quotes of quoted scalars, which turns `value: "8080"` into a
/// number and `"true"` into a boolean, and drops explicit tags: here a
/// quoted scalar (tag "!") or a `!!str` stays a quoted string and other
/// tags are kept. Aliases are written out in full, so a node that contains
/// itself (`&a [*a]`) is an error, and so is expanding to more nodes than
/// any object needs.
class yaml_emitter {
public:
  static constexpr std::size_t max_nodes = 1'000'000;

  YAML::Emitter out;
  std::string problem; ///< why `emit` failed

  /// Writes `node` to `out`; false (with `problem`) when it cannot.
  bool emit(const YAML::Node& node);

private:
  std::vector<YAML::Node> path_; ///< the maps and lists being written
  std::size_t nodes_ = 0;
};

} // namespace actordev::k8s
