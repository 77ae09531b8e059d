#pragma once

#include "actordev/msg/events.pb.h"
#include "runtime/config/config_error.hpp"
#include "runtime/config/project_config.hpp"
#include "runtime/result.hpp"

#include <string>
#include <vector>

namespace actordev::config {

/// The ConfigLoaded that installs `cfg` with only `names` and their
/// transitive resource_deps enabled (every resource when `names` is empty):
/// the others are listed as disabled. Selecting a Kubernetes resource
/// selects `uncategorized` too, which holds what it needs (namespaces,
/// config maps). An unknown name is an error with a
/// did-you-mean hint. Precondition: `cfg` came from `load_config`.
result<msg::ConfigLoaded, config_error>
selected_config_loaded(const project_config& cfg,
                       const std::vector<std::string>& names);

} // namespace actordev::config
