#pragma once

#include <string>
#include <string_view>
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

/// `word` as one word of a POSIX shell command line: unchanged when it has
/// only safe characters, else in single quotes.
std::string shell_quote(std::string_view word);

/// The line to hand `sh -c`: the shell string, or the argv quoted word by
/// word after `exec` (so the program replaces the shell, as without one).
std::string shell_line(const command& c);

} // namespace actordev::config
