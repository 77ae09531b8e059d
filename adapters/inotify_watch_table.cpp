#include "adapters/inotify_watch_table.hpp"

namespace actordev::adapters {

bool is_under(const std::string& path, const std::string& dir) {
  if (dir == "/")
    return !path.empty() && path.front() == '/';
  return path.size() >= dir.size() && path.compare(0, dir.size(), dir) == 0 &&
         (path.size() == dir.size() || path[dir.size()] == '/');
}

std::optional<int> inotify_watch_table::assign(const std::string& dir, int wd) {
  if (auto old = by_wd_.find(wd); old != by_wd_.end() && old->second != dir)
    by_dir_.erase(old->second);
  std::optional<int> stale;
  if (auto old = by_dir_.find(dir); old != by_dir_.end() && old->second != wd) {
    stale = old->second;
    by_wd_.erase(old->second);
  }
  by_wd_[wd] = dir;
  by_dir_[dir] = wd;
  return stale;
}

const std::string* inotify_watch_table::dir_of(int wd) const {
  auto i = by_wd_.find(wd);
  return i == by_wd_.end() ? nullptr : &i->second;
}

std::optional<int> inotify_watch_table::wd_of(const std::string& dir) const {
  auto i = by_dir_.find(dir);
  if (i == by_dir_.end())
    return std::nullopt;
  return i->second;
}

void inotify_watch_table::erase(int wd) {
  auto i = by_wd_.find(wd);
  if (i == by_wd_.end())
    return;
  by_dir_.erase(i->second);
  by_wd_.erase(i);
}

std::vector<int> inotify_watch_table::erase_under(const std::string& dir) {
  std::vector<int> wds;
  // Every path below `dir` starts with it, so they all sit in the sorted
  // range of keys with that prefix; siblings such as "/a-b" (for "/a") sit
  // there too and are skipped.
  auto i = by_dir_.lower_bound(dir);
  while (i != by_dir_.end() && i->first.compare(0, dir.size(), dir) == 0) {
    if (is_under(i->first, dir)) {
      wds.push_back(i->second);
      by_wd_.erase(i->second);
      i = by_dir_.erase(i);
    } else {
      ++i;
    }
  }
  return wds;
}

std::vector<std::string> inotify_watch_table::dirs() const {
  std::vector<std::string> out;
  out.reserve(by_dir_.size());
  for (const auto& entry : by_dir_)
    out.push_back(entry.first);
  return out;
}

} // namespace actordev::adapters
