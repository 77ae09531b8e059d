#include "adapters/image_ref_file.hpp"

#include <filesystem>
#include <fstream>

namespace actordev::adapters {

std::string read_image_ref(const std::string& path, std::string& error) {
  std::ifstream in{path};
  std::string line;
  if (in)
    std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
    line.pop_back();
  if (line.empty())
    error = "the custom build wrote no image ref to '" + path +
            "' (outputs_image_ref_to)";
  return line;
}

void forget_image_ref(const std::string& path) {
  std::error_code ec;
  if (!path.empty())
    std::filesystem::remove(path, ec);
}

} // namespace actordev::adapters
