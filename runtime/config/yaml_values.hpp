#pragma once
// Internal to the config loader: typed reads of one scalar or map entry.
// Each read returns the value, or records an error that says what was
// expected and what was found, and returns nothing.

#include "runtime/config/yaml_reader.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actordev::config::detail {

/// How an entry is named in messages: "'deps' in resource 'api'".
std::string field_name(const entry& e, std::string_view owner);

/// Any non-null scalar, as written (`cmd: true` is the command `true`).
/// An empty string is an error unless `allow_empty`.
std::optional<std::string> read_string(yaml_reader& r, const entry& e,
                                       std::string_view owner,
                                       bool allow_empty = false);

/// `true` or `false`, unquoted.
std::optional<bool> read_bool(yaml_reader& r, const entry& e,
                              std::string_view owner);

/// The bounds and wording of an integer field.
struct integer_rule {
  std::string_view expected; ///< "an integer", "a port number"...
  std::int64_t min;
  std::int64_t max;
  std::string hint;
};

/// A plain decimal integer within the rule's bounds.
std::optional<std::int64_t> read_integer(yaml_reader& r, const entry& e,
                                         std::string_view owner,
                                         const integer_rule& rule);

/// Whole milliseconds, at least `min_ms`; "5s" is an error whose hint
/// gives the value in milliseconds.
std::optional<std::chrono::milliseconds> read_duration(yaml_reader& r,
                                                       const entry& e,
                                                       std::string_view owner,
                                                       std::int64_t min_ms);

/// A TCP port, 1..65535.
std::optional<int> read_port(yaml_reader& r, const entry& e,
                             std::string_view owner);

/// One of `choices`, spelled exactly; returns its index.
std::optional<std::size_t> read_choice(yaml_reader& r, const entry& e,
                                       std::string_view owner,
                                       const std::vector<std::string>& choices);

/// True when the entry's value is a map or null (an empty map); otherwise
/// records an error.
bool expect_map(yaml_reader& r, const entry& e, std::string_view owner);

} // namespace actordev::config::detail
