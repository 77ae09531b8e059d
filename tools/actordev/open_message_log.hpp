#pragma once

#include "adapters/log_file.hpp"
#include "tools/actordev/load_project.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actordev::cli {

/// Where `up` and `ci` record their message log (docs/cli.md).
struct message_log_setting {
  bool enabled = true;
  /// Empty: a new PROJECT/.actordev/logs/<start time>.alog, next to the
  /// config. Else this file (relative to the current folder), replacing an
  /// older log there but nothing else.
  std::string path;
  /// How many logs to keep in .actordev/logs, the new one included; 0: all.
  /// A `path` of the user's is never pruned.
  std::size_t keep = 10;
};

/// The folder of a project's logs: PROJECT/.actordev/logs.
std::string default_log_dir(const std::string& project_dir);

/// Creates the message log of a session started at `started_us` as
/// `setting` says, writes its header (actordev's version, the start, the
/// `command` "up" or "ci", the config's absolute path and text, the
/// selection `names`), then prunes the default folder. When the log cannot
/// be created, prints one warning to stderr saying where and why and
/// returns nothing: the session runs without a log. A failed prune is a
/// warning too. Call it once, from the main thread.
std::optional<adapters::log_file>
open_message_log(const message_log_setting& setting,
                 const loaded_project& project,
                 const std::vector<std::string>& names,
                 std::string_view command, std::int64_t started_us);

} // namespace actordev::cli
