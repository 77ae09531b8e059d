#pragma once

// A config from its text, with what it names on disk read: the objects of
// its Kubernetes YAML files. The one loader `up`, `ci`, `down` and config
// reloads share.

#include "runtime/config/config_error.hpp"
#include "runtime/config/project_config.hpp"
#include "runtime/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace actordev {

/// config::load_config, then each Kubernetes YAML file it names is read
/// and its objects resolved (k8s::resolve_objects). Errors in the config
/// name `config_path`; errors inside a YAML file name that file.
result<config::project_config, std::vector<config::config_error>>
load_project_config(std::string_view text, const std::string& config_path);

/// Errors with `file` as the config was named (`shown`) where they are
/// about the config at `config_path`; errors about other files keep theirs.
void show_config_path(std::vector<config::config_error>& errors,
                      const std::string& config_path, const std::string& shown);

} // namespace actordev
