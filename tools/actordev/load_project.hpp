#pragma once

#include "actordev/msg/events.pb.h"
#include "runtime/config/project_config.hpp"

#include <optional>
#include <string>
#include <vector>

namespace actordev::cli {

/// A config read, validated and turned into the engine's ConfigLoaded.
struct loaded_project {
  std::string path;               ///< as the user gave it
  msg::ConfigLoaded config;       ///< unselected resources listed as disabled
  config::project_config project; ///< the config itself
  std::string text;               ///< the config file as read
};

/// Reads and validates `path`, selects `resources` (plus their transitive
/// resource_deps; all when empty). On any problem prints every error to
/// stderr, file:line:col first, and returns nothing: nothing may start.
std::optional<loaded_project>
load_project(const std::string& path,
             const std::vector<std::string>& resources);

} // namespace actordev::cli
