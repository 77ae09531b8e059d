#pragma once

#include <string_view>

namespace actordev::cli {

/// The version of actordev: what `--version` prints and what every message
/// log's header records.
inline constexpr std::string_view version = "0.1.0";

} // namespace actordev::cli
