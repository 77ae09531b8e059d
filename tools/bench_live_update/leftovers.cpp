#include "tools/bench_live_update/leftovers.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace actordev::bench {

namespace fs = std::filesystem;

namespace {

std::string cmdline_of(const fs::path& proc) {
  std::ifstream in(proc / "cmdline", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  auto s = text.str();
  std::replace(s.begin(), s.end(), '\0', ' ');
  while (!s.empty() && s.back() == ' ')
    s.pop_back();
  return s;
}

bool is_under(const std::string& path, const std::string& dir) {
  return path == dir || (path.starts_with(dir) && path.size() > dir.size() &&
                         path[dir.size()] == '/');
}

} // namespace

std::vector<leftover> processes_under(const std::string& dir) {
  std::vector<leftover> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    auto name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) {
          return c >= '0' && c <= '9';
        }))
      continue;
    std::error_code gone; // the process may end, or not be ours to read
    auto cwd = fs::read_symlink(entry.path() / "cwd", gone);
    if (!gone && is_under(cwd.string(), dir))
      out.push_back(
          {static_cast<pid_t>(std::stoi(name)), cmdline_of(entry.path())});
  }
  return out;
}

} // namespace actordev::bench
