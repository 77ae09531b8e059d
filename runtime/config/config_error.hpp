#pragma once

#include <string>
#include <vector>

namespace actordev::config {

/// One problem found in a config file, as the user will read it.
struct config_error {
  std::string file;    ///< the config path, as the caller gave it
  int line = 0;        ///< 1-based; 0 when unknown
  int column = 0;      ///< 1-based; 0 when unknown
  std::string message; ///< what was wrong and what was expected
  std::string hint;    ///< what to do about it; may be empty

  bool operator==(const config_error&) const = default;
};

/// Renders `e` the way compilers do, e.g.
/// `actordev.yaml:12:5: error: unknown key 'comand' in resource 'api'; ...`
/// followed by `\n  hint: did you mean 'cmd'?` when there is a hint. The
/// line and column are left out when unknown.
std::string format(const config_error& e);

/// Renders every error, one `format` block per error, each ending in `\n`.
std::string format(const std::vector<config_error>& errors);

} // namespace actordev::config
