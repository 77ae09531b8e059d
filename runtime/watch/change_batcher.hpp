#pragma once

#include "runtime/config/project_config.hpp"
#include "runtime/watch/path_kind.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actordev::watch {

/// One entry of a batch: this path, and everything below it, may have
/// changed.
struct changed_path {
  std::string path; ///< absolute
  path_kind kind = path_kind::file;

  bool operator==(const changed_path&) const = default;
};

/// Changes coalesced over one burst.
struct change_batch {
  /// Sorted by path, each once; none lies below another.
  std::vector<changed_path> changes;
  /// Whether an event queue overflowed: some entries stand for a whole
  /// watched root.
  bool overflow = false;
  std::int64_t first_us = 0; ///< time of the batch's first event
  std::int64_t last_us = 0;  ///< time of its latest event

  bool operator==(const change_batch&) const = default;
};

/// Coalesces raw change events into batches (watchman's settle, Tilt's
/// coalescing; STYLE rule 6). The file watcher actor feeds it every event
/// that belongs to some target, calls `due` when the timer set for
/// `next_deadline()` fires, and sends each batch as one message.
///
/// A batch closes once no event arrived for `quiet`, or `max_batch` after
/// its first event, whichever comes first. Times are microseconds from
/// any fixed origin, passed in by the caller, non-decreasing; an event
/// that arrives after the deadline but before `due` is called joins the
/// open batch.
///
/// Paths mean "this path and everything below it": a path below one
/// already in the batch is dropped, and adding a folder drops the entries
/// below it. So report a folder only when its whole content may be new
/// (created, moved in, removed) and the files inside it otherwise.
class change_batcher {
public:
  explicit change_batcher(
      std::chrono::milliseconds quiet = std::chrono::milliseconds{20},
      std::chrono::milliseconds max_batch = std::chrono::milliseconds{10000});
  /// With the windows of `settings.watch`.
  explicit change_batcher(const config::watch_settings& settings)
      : change_batcher(settings.quiet, settings.max_batch) {}

  /// Records that `path` changed at `time_us`.
  void add(std::string_view path, std::int64_t time_us,
           path_kind kind = path_kind::file);
  /// Records that the event queue for `root` overflowed at `time_us`:
  /// everything under `root` may have changed.
  void overflow(std::string_view root, std::int64_t time_us);

  /// The batch, if one is open and its deadline is at or before `now_us`;
  /// the batcher is then empty.
  std::optional<change_batch> due(std::int64_t now_us);
  /// When the open batch closes; nothing when none is open. Changes with
  /// every `add`, so re-arm the timer after each.
  std::optional<std::int64_t> next_deadline() const;

  /// Applies new windows (after a config reload), to the open batch too.
  void set_windows(std::chrono::milliseconds quiet,
                   std::chrono::milliseconds max_batch);

  /// How many paths the open batch holds (after pruning).
  std::size_t size() const noexcept { return pending_.size(); }
  bool empty() const noexcept { return pending_.empty(); }

private:
  void touch(std::int64_t time_us);
  bool covered(std::string_view path) const;
  void erase_below(const std::string& path);

  std::int64_t quiet_us_;
  std::int64_t max_batch_us_;
  std::map<std::string, path_kind, std::less<>> pending_;
  bool overflow_ = false;
  std::int64_t first_us_ = 0;
  std::int64_t last_us_ = 0;
};

} // namespace actordev::watch
