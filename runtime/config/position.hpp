#pragma once

// Where something was written in the config, for errors that point at it.

#include <string>

namespace actordev::config {

/// A 1-based line and column in the config file; 0 when unknown.
struct position {
  int line = 0;
  int column = 0;

  bool operator==(const position&) const = default;
};

/// One entry of `resource_deps`, with where it was written (cycle errors
/// point at the entry that closes the cycle).
struct resource_dep {
  std::string name;
  config::position position;

  bool operator==(const resource_dep&) const = default;
};

/// A local path and where the config gave it.
struct located_path {
  std::string path; ///< absolute, normalized
  config::position position;

  bool operator==(const located_path&) const = default;
};

} // namespace actordev::config
