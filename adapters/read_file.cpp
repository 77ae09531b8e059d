#include "adapters/read_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace actordev::adapters {

std::variant<std::string, read_error> read_file(const std::string& path) {
  // A folder opens and reads as empty: say what it is instead.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return read_error{path, "is a folder, not a file"};
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return read_error{path, std::strerror(errno)};
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad())
    return read_error{path, std::strerror(errno)};
  return std::move(out).str();
}

} // namespace actordev::adapters
