#include "adapters/image_stamp.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

namespace actordev::adapters {

namespace fs = std::filesystem;

std::string write_stamp(const std::string& stamp,
                        const std::string& fingerprint) {
  std::error_code ec;
  fs::create_directories(fs::path{stamp}.parent_path(), ec);
  std::ofstream out{stamp, std::ios::trunc | std::ios::binary};
  out << fingerprint;
  out.close();
  if (!out)
    return "cannot write the image stamp '" + stamp +
           "': check that the folder is writable";
  return {};
}

bool stamp_fresh(const std::string& stamp, const std::string& fingerprint,
                 const std::vector<std::string>& roots,
                 std::size_t max_entries) {
  std::ifstream in{stamp, std::ios::binary};
  if (!in)
    return false;
  std::string text{std::istreambuf_iterator<char>{in}, {}};
  if (text != fingerprint)
    return false;
  std::error_code ec;
  auto built = fs::last_write_time(stamp, ec);
  if (ec)
    return false;
  std::size_t seen = 0;
  auto newer = [&](const fs::path& p) {
    std::error_code e;
    auto t = fs::symlink_status(p, e).type() == fs::file_type::symlink
                 ? built // a link's own time is not portable to read
                 : fs::last_write_time(p, e);
    return !e && t > built;
  };
  for (const auto& root : roots) {
    if (!fs::exists(fs::symlink_status(root, ec)))
      continue;
    if (newer(root))
      return false;
    if (!fs::is_directory(fs::symlink_status(root, ec)))
      continue;
    fs::recursive_directory_iterator it{
        root, fs::directory_options::skip_permission_denied, ec};
    for (; !ec && it != fs::recursive_directory_iterator{}; it.increment(ec)) {
      if (++seen > max_entries || newer(it->path()))
        return false;
    }
    if (ec)
      return false;
  }
  return true;
}

} // namespace actordev::adapters
