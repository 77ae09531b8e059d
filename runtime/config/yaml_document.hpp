#pragma once
// Internal to the config loader: from text to the one YAML document.

#include "runtime/config/yaml_reader.hpp"

#include <optional>
#include <string_view>

namespace actordev::config::detail {

/// Parses `text` into its top-level map. Records an error and returns
/// nothing for invalid YAML (at yaml-cpp's mark, with a hint: tabs are the
/// usual culprit), an empty file, more than one document, or a top level
/// that is not a map. Never throws, and never hangs on the inputs that make
/// yaml-cpp 0.7's LoadAll loop.
std::optional<YAML::Node> parse_document(yaml_reader& r, std::string_view text);

} // namespace actordev::config::detail
