#pragma once

#include <string>
#include <vector>

namespace actordev::config {

/// A command from the config. Written as a string it runs through `sh -c`;
/// written as a list it is an argv, executed without a shell. Exactly one
/// of `shell` and `argv` is non-empty in a loaded config.
struct command {
  std::string shell; ///< the `sh -c` line, when given as a string
  std::vector<std::string>
      argv; ///< program and arguments, when given as a list

  /// True when the command runs through `sh -c`.
  bool is_shell() const noexcept { return argv.empty(); }

  bool operator==(const command&) const = default;
};

} // namespace actordev::config
