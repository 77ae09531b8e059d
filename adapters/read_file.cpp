#include "adapters/read_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace actordev::adapters {

std::variant<std::string, read_error> read_file(const std::string& path) {
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
