#pragma once
// Internal to the config loader: the `resources:` section.

#include "runtime/config/project_config.hpp"
#include "runtime/config/yaml_reader.hpp"

namespace actordev::config::detail {

/// True for a usable resource name: non-empty, only letters, digits, '.',
/// '_' and '-', and not the reserved "uncategorized".
bool valid_resource_name(std::string_view name) noexcept;

/// Reads the top-level `resources:` entry into `cfg.resources`, one local
/// resource per key in document order, recording an error for every bad
/// name, key or value. A resource with errors is still added (partly
/// read), so that later checks know its name. Reads `cfg.settings`
/// (`quiet_ms` is checked against `settings.watch.max_batch`): read the
/// settings first.
void read_resources(yaml_reader& r, const entry& e, project_config& cfg);

} // namespace actordev::config::detail
