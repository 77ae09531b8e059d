#include "runtime/remote/tree_manifest.hpp"

#include <filesystem>

#include <unordered_map>
#include <unordered_set>

namespace actordev::remote {

namespace {

constexpr std::size_t max_path = 4096;

/// Calls `part(p)` for each '/'-separated part of `path`; stops and returns
/// false when `part` does.
template <class F>
bool each_part(std::string_view path, F part) {
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos)
      end = path.size();
    if (!part(path.substr(start, end - start)))
      return false;
    start = end + 1;
  }
  return true;
}

std::string_view parent_of(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view{}
                                         : path.substr(0, slash);
}

/// True when `target`, read from the folder `dir` (relative to the root),
/// stays inside the root.
bool stays_inside(std::string_view dir, std::string_view target) {
  if (target.empty() || target.front() == '/')
    return false;
  std::size_t depth = 0;
  if (!dir.empty())
    each_part(dir, [&](std::string_view) { return ++depth, true; });
  return each_part(target, [&](std::string_view p) {
    if (p == "..") {
      if (depth == 0)
        return false;
      --depth;
    } else if (!p.empty() && p != ".") {
      ++depth;
    }
    return true;
  });
}

std::string describe(const msg::FileEntry& e) {
  return "'" + e.path() + "'";
}

} // namespace

bool valid_digest(std::string_view digest) {
  if (digest.size() != 64)
    return false;
  for (char c : digest)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return false;
  return true;
}

std::string path_inside(const std::string& path, const std::string& dir) {
  auto rel =
      std::filesystem::path(path).lexically_relative(dir).generic_string();
  if (rel.empty() || rel == "." || rel.rfind("..", 0) == 0)
    return {};
  return rel;
}

bool valid_path(std::string_view path) {
  if (path.empty() || path.size() > max_path ||
      path.find('\0') != std::string_view::npos)
    return false;
  return each_part(path, [](std::string_view p) {
    return !p.empty() && p != "." && p != "..";
  });
}

std::string check_tree(const tree& entries) {
  std::unordered_map<std::string_view, msg::FileKind> kinds;
  kinds.reserve(static_cast<std::size_t>(entries.size()));
  for (const auto& e : entries) {
    if (!valid_path(e.path()))
      return "the path " + describe(e) +
             " is not relative and clean (no '..', '.', '//' or leading '/')";
    if (!kinds.emplace(e.path(), e.kind()).second)
      return "the path " + describe(e) + " is listed twice";
    if (e.mode() > 0777)
      return describe(e) + " has a mode beyond 0777";
    switch (e.kind()) {
    case msg::FILE_REGULAR:
      if (!valid_digest(e.digest()))
        return describe(e) + " has no valid SHA-256 digest";
      break;
    case msg::FILE_SYMLINK:
      if (!stays_inside(parent_of(e.path()), e.target()))
        return "the link " + describe(e) + " -> '" + e.target() +
               "' leads outside the tree (links must be relative and stay "
               "inside)";
      break;
    case msg::FILE_DIRECTORY:
      break;
    default:
      return describe(e) + " is of an unknown kind";
    }
  }
  for (const auto& e : entries) {
    for (auto dir = parent_of(e.path()); !dir.empty(); dir = parent_of(dir)) {
      auto it = kinds.find(dir);
      if (it == kinds.end())
        return describe(e) + " lies in '" + std::string{dir} +
               "', which the tree does not list as a folder";
      if (it->second != msg::FILE_DIRECTORY)
        return describe(e) + " lies under '" + std::string{dir} +
               "', which is not a folder";
    }
  }
  return {};
}

std::vector<std::string>
missing_digests(const tree& entries,
                const std::function<bool(const std::string&)>& have) {
  std::vector<std::string> out;
  std::unordered_set<std::string_view> seen;
  for (const auto& e : entries)
    if (e.kind() == msg::FILE_REGULAR && seen.insert(e.digest()).second &&
        !have(e.digest()))
      out.push_back(e.digest());
  return out;
}

std::uint64_t blob_bytes(const tree& entries,
                         const std::vector<std::string>& digests) {
  std::unordered_set<std::string_view> wanted(digests.begin(), digests.end());
  std::uint64_t total = 0;
  for (const auto& e : entries)
    if (e.kind() == msg::FILE_REGULAR && wanted.erase(e.digest()) > 0)
      total += e.size();
  return total;
}

} // namespace actordev::remote
