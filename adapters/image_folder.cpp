#include "adapters/image_folder.hpp"

#include <filesystem>

namespace actordev::adapters {

namespace fs = std::filesystem;

std::string staging_folder(const std::string& dir) {
  return dir + "%new"; // no image name has a %
}

std::string prepare_image_folder(const std::string& staging,
                                 const std::vector<std::string>& bases) {
  std::error_code ec;
  fs::remove_all(staging, ec);
  if (ec)
    return "cannot empty the image build folder '" + staging +
           "': " + ec.message();
  fs::create_directories(staging, ec);
  if (ec)
    return "cannot create the image build folder '" + staging +
           "': " + ec.message();
  for (const auto& base : bases) {
    if (!fs::is_directory(base, ec))
      return "the base image folder '" + base +
             "' is missing: build the base image first";
    if (auto err = copy_tree(base, staging); !err.empty())
      return err;
  }
  return {};
}

std::string commit_image_folder(const std::string& staging,
                                const std::string& dir) {
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (ec)
    return "cannot replace the image folder '" + dir + "': " + ec.message();
  fs::rename(staging, dir, ec);
  if (ec)
    return "cannot move the built image into '" + dir + "': " + ec.message();
  return {};
}

void discard_image_folder(const std::string& staging) noexcept {
  std::error_code ec;
  fs::remove_all(staging, ec);
}

} // namespace actordev::adapters
