#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace actordev::adapters {

/// True when `path` is `dir` or lies below it ("/a/b" is under "/a", not
/// under "/ab"). Both are absolute and normalized, without a trailing '/'
/// (except the root "/").
bool is_under(const std::string& path, const std::string& dir);

/// Which directory each inotify watch descriptor stands for, both ways.
/// Pure bookkeeping for `inotify_watcher`: it makes no system call, so the
/// caller removes the kernel watches of the descriptors it drops.
class inotify_watch_table {
public:
  /// Records that `wd` watches `dir`. A descriptor the kernel hands back
  /// for a directory it already watches under another path (moved, or
  /// reached twice) now stands for `dir`. Returns the descriptor `dir` had
  /// before, if different: it is stale and forgotten.
  std::optional<int> assign(const std::string& dir, int wd);

  /// The directory `wd` stands for, or null for an unknown descriptor
  /// (one already dropped: its late events are to be ignored).
  const std::string* dir_of(int wd) const;

  /// The descriptor watching `dir`, if any.
  std::optional<int> wd_of(const std::string& dir) const;

  /// Forgets `wd` (the kernel sent IN_IGNORED: the watch is gone).
  void erase(int wd);

  /// Forgets `dir` and every directory below it; returns their descriptors.
  std::vector<int> erase_under(const std::string& dir);

  /// Every watched directory, sorted.
  std::vector<std::string> dirs() const;

  std::size_t size() const { return by_wd_.size(); }

private:
  std::unordered_map<int, std::string> by_wd_;
  std::map<std::string, int> by_dir_; // sorted: a subtree is a range
};

} // namespace actordev::adapters
