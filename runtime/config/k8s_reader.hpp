#pragma once
// Internal to the config loader: a resource's `k8s:` and the top-level
// `k8s_yaml:`. Only the config's own words are read here; the objects in
// the files are read by runtime/k8s/k8s_resolve.

#include "runtime/config/project_config.hpp"
#include "runtime/config/yaml_reader.hpp"

#include <string_view>

namespace actordev::config::detail {

/// Reads `k8s: {workload: NAME | yaml: FILES, image: NAME | [NAMES],
/// pod_readiness: wait | ignore}` of resource `res`.
void read_k8s(yaml_reader& r, const entry& e, local_resource& res,
              std::string_view base);

/// Reads `k8s_yaml: FILE | [FILES]` into `cfg.k8s_yaml`.
void read_k8s_yaml(yaml_reader& r, const entry& e, project_config& cfg);

} // namespace actordev::config::detail
