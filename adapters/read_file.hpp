#pragma once

#include <string>
#include <variant>

namespace actordev::adapters {

/// Why a file could not be read: the path and the OS's words for it.
struct read_error {
  std::string path;
  std::string reason;
};

/// Reads a whole file as bytes. Never throws.
std::variant<std::string, read_error> read_file(const std::string& path);

} // namespace actordev::adapters
