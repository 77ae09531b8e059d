#pragma once
// Internal to the config loader: the top-level `builders:` list.

#include "runtime/config/project_config.hpp"
#include "runtime/config/yaml_reader.hpp"

namespace actordev::config::detail {

/// Reads `builders: [{address: HOST:PORT, tls: DIR, slots: N}]` into
/// `cfg.builders`, recording an error for every bad entry: an address
/// without a port, a missing `tls`, two `tls` folders (a process has one
/// TLS identity), an address listed twice.
void read_builders(yaml_reader& r, const entry& e, project_config& cfg);

} // namespace actordev::config::detail
