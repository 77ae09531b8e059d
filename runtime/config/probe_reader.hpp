#pragma once
// Internal to the config loader: a resource's `readiness_probe:`.

#include "runtime/config/probe_spec.hpp"
#include "runtime/config/yaml_reader.hpp"

#include <optional>
#include <string_view>

namespace actordev::config::detail {

/// Reads the `readiness_probe:` entry of resource `resource`: exactly one
/// of `exec`, `http_get`, `tcp_socket`, plus optional timings. Returns
/// nothing, having recorded why, when anything in it is wrong.
std::optional<probe_spec> read_probe(yaml_reader& r, const entry& e,
                                     std::string_view resource);

} // namespace actordev::config::detail
