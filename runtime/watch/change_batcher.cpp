#include "runtime/watch/change_batcher.hpp"

#include <algorithm>
#include <utility>

namespace actordev::watch {

namespace {

std::int64_t to_us(std::chrono::milliseconds ms) {
  return std::chrono::duration_cast<std::chrono::microseconds>(ms).count();
}

/// `path` without trailing separators ("/" stays).
std::string_view normalized(std::string_view path) {
  while (path.size() > 1 && path.ends_with('/'))
    path.remove_suffix(1);
  return path;
}

} // namespace

change_batcher::change_batcher(std::chrono::milliseconds quiet,
                               std::chrono::milliseconds max_batch)
    : quiet_us_(to_us(quiet))
    , max_batch_us_(to_us(max_batch)) {}

void change_batcher::add(std::string_view path, std::int64_t time_us,
                         path_kind kind) {
  touch(time_us);
  path = normalized(path);
  if (covered(path)) {
    // Already in the batch, or below a folder that is.
    auto it = pending_.find(path);
    if (it != pending_.end())
      it->second = kind;
    return;
  }
  std::string key{path};
  erase_below(key);
  pending_.emplace(std::move(key), kind);
}

void change_batcher::overflow(std::string_view root, std::int64_t time_us) {
  overflow_ = true;
  add(root, time_us, path_kind::directory);
}

std::optional<change_batch> change_batcher::due(std::int64_t now_us) {
  auto deadline = next_deadline();
  if (!deadline || now_us < *deadline)
    return std::nullopt;
  change_batch out{.changes = {},
                   .overflow = overflow_,
                   .first_us = first_us_,
                   .last_us = last_us_};
  out.changes.reserve(pending_.size());
  for (auto& [path, kind] : pending_)
    out.changes.push_back({.path = path, .kind = kind});
  pending_.clear();
  overflow_ = false;
  return out;
}

std::optional<std::int64_t> change_batcher::next_deadline() const {
  if (pending_.empty())
    return std::nullopt;
  return std::min(last_us_ + quiet_us_, first_us_ + max_batch_us_);
}

void change_batcher::set_windows(std::chrono::milliseconds quiet,
                                 std::chrono::milliseconds max_batch) {
  quiet_us_ = to_us(quiet);
  max_batch_us_ = to_us(max_batch);
}

void change_batcher::touch(std::int64_t time_us) {
  if (pending_.empty()) {
    first_us_ = time_us;
    last_us_ = time_us;
  }
  last_us_ = std::max(last_us_, time_us);
}

bool change_batcher::covered(std::string_view path) const {
  // The path itself, then each ancestor: "/a/b/c", "/a/b", "/a", "/".
  while (true) {
    if (pending_.find(path) != pending_.end())
      return true;
    std::size_t slash = path.rfind('/');
    if (slash == std::string_view::npos || path.size() == 1)
      return false;
    path = path.substr(0, slash == 0 ? 1 : slash);
  }
}

void change_batcher::erase_below(const std::string& path) {
  std::string prefix = path == "/" ? path : path + "/";
  auto it = pending_.lower_bound(prefix);
  while (it != pending_.end() && it->first.starts_with(prefix))
    it = pending_.erase(it);
}

} // namespace actordev::watch
