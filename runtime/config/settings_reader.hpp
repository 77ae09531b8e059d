#pragma once
// Internal to the config loader: the `settings:` section.

#include "runtime/config/project_config.hpp"
#include "runtime/config/yaml_reader.hpp"

#include <string_view>

namespace actordev::config::detail {

/// Reads the top-level `settings:` entry into `out`, recording an error
/// for every bad key or value. Relative `watch.ignore` patterns resolve
/// against the config's folder `base`.
void read_settings(yaml_reader& r, const entry& e, std::string_view base,
                   project_settings& out);

} // namespace actordev::config::detail
