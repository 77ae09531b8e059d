#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace actordev::cli {

/// Parses a duration as `--timeout` takes it: a whole number with a unit,
/// `500ms`, `30s`, `5m`, `1h`, or a bare number of seconds. Nothing when
/// it is not one of those.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view s);

} // namespace actordev::cli
