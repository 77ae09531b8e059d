#pragma once
// Internal to the config loader: reads of list entries, commands and
// paths. Like the scalar reads, each returns the value or records an error
// and returns nothing.

#include "runtime/config/command.hpp"
#include "runtime/config/yaml_reader.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actordev::config::detail {

/// A string list item with where it was written.
struct list_item {
  std::string text;
  YAML::Mark mark;
};

/// A list of non-empty scalars; null reads as an empty list.
std::optional<std::vector<list_item>>
read_string_items(yaml_reader& r, const entry& e, std::string_view owner);

/// `read_string_items` without the marks.
std::optional<std::vector<std::string>>
read_string_list(yaml_reader& r, const entry& e, std::string_view owner);

/// A command: a string (run with `sh -c`) or a non-empty list (an argv).
std::optional<command> read_command(yaml_reader& r, const entry& e,
                                    std::string_view owner);

/// A path, resolved lexically against the folder `base`.
std::optional<std::string> read_path(yaml_reader& r, const entry& e,
                                     std::string_view owner,
                                     std::string_view base);

/// A list of paths (`globs`: glob patterns), each resolved against `base`.
std::optional<std::vector<std::string>>
read_path_list(yaml_reader& r, const entry& e, std::string_view owner,
               std::string_view base, bool globs = false);

} // namespace actordev::config::detail
