#pragma once

#include "runtime/config/config_error.hpp"
#include "runtime/config/project_config.hpp"
#include "runtime/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace actordev::config {

/// Reads `actordev.yaml` from its text. `config_path` is where the text
/// came from: errors name it as given, and relative paths in the config
/// resolve against its folder, so pass an absolute path. No I/O: the
/// caller (an adapter) reads the file. Never throws.
///
/// Returns the config, or every error found (bad YAML stops at the first
/// syntax error; otherwise all of them), sorted by line and column. A
/// config with errors must start nothing.
result<project_config, std::vector<config_error>>
load_config(std::string_view yaml_text, const std::string& config_path);

} // namespace actordev::config
