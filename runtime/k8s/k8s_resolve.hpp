#pragma once

// The objects of each Kubernetes resource, from the YAML files the config
// names. Pure: the caller reads the files (project_config::k8s_files) and
// passes their texts.

#include "runtime/config/config_error.hpp"
#include "runtime/config/project_config.hpp"

#include <map>
#include <string>
#include <vector>

namespace actordev::k8s {

/// A YAML file as the caller read it: its text, or why it could not.
struct file_text {
  std::string text;
  std::string error; ///< not empty: unreadable, and why
};

/// Fills `objects` of every resource's `k8s` and adds the `uncategorized`
/// resource (first, with the position of `k8s_yaml`) for the objects of
/// `k8s_yaml` that no resource claims. `k8s: {yaml}` claims every object of
/// its files, `k8s: {workload: NAME}` one workload of `k8s_yaml`, by name
/// (`NAME`, `NAME:KIND` or `NAME:KIND:NAMESPACE`, kind in any case).
/// Errors, at the config's line for what it names and at the YAML file's
/// for what is in it: a file that cannot be read or split (see
/// split_objects), a resource's files with no object, a workload not found
/// or ambiguous, an object claimed twice, an image that none of the
/// resource's containers runs. Call it on a config `load_config` accepted.
std::vector<config::config_error>
resolve_objects(config::project_config& cfg,
                const std::map<std::string, file_text>& files);

} // namespace actordev::k8s
