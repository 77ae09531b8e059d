#pragma once

#include "runtime/config/project_config.hpp"
#include "runtime/watch/change_batcher.hpp"
#include "runtime/watch/path_kind.hpp"
#include "runtime/watch/watch_map.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace actordev::watch {

/// When a batch closes: once no change arrived for `quiet`, or `max_batch`
/// after its first change.
struct batch_window {
  std::chrono::milliseconds quiet{20};
  std::chrono::milliseconds max_batch{10000};

  bool operator==(const batch_window&) const = default;
};

/// The window of resource `r`: its own `quiet`, else `settings.watch`'s,
/// with the global `max_batch`.
batch_window window_of(const config::local_resource& r,
                       const config::watch_settings& settings);

/// A batch ready to send as one FilesChanged: each target's share.
struct routed_batch {
  /// Resources in config order, then the config target; none empty.
  std::vector<target_changes> changes;
  bool overflow = false;     ///< some entry stands for a whole watched root
  std::int64_t first_us = 0; ///< time of the first change batched
  std::int64_t last_us = 0;  ///< time of the latest one

  bool operator==(const routed_batch&) const = default;
};

/// Change batching with a quiet window per target (a resource's
/// `quiet_ms`): one `change_batcher` per distinct window. A change joins
/// the open batch of each window used by a target it belongs to; a closed
/// batch is routed with the map, and each target gets only what its own
/// window batched, so a path of two resources with different windows is
/// reported once to each, in its own batch. Batches that close at the
/// same time are merged into one.
///
/// Times are microseconds from any fixed origin, non-decreasing, passed
/// in by the caller (the file watcher actor, its only user).
class window_batcher {
public:
  /// Batches for the targets of `map`, which `make_watch_map(config, ...)`
  /// built: each resource of `config` with `window_of`, the config target
  /// with `settings.watch`.
  window_batcher(watch_map map, const config::project_config& config);

  /// Records that `path` changed. Returns false, recording nothing, when
  /// no target wants it.
  bool add(std::string_view path, std::int64_t time_us,
           path_kind kind = path_kind::file);
  /// Records that the event queue for `root` overflowed: everything under
  /// it may have changed, for every target related to it.
  void overflow(std::string_view root, std::int64_t time_us);

  /// The earliest time at which a batch closes; nothing when none is open.
  /// Changes with every `add`.
  std::optional<std::int64_t> next_deadline() const;
  /// Every batch whose deadline is at or before `now_us`, routed and
  /// merged; nothing when none is due (or a due one has no share left).
  std::optional<routed_batch> due(std::int64_t now_us);
  /// Every open batch, due or not (before the map is replaced).
  std::optional<routed_batch> flush();

  const watch_map& map() const noexcept { return map_; }
  /// How many distinct windows (batchers) there are.
  std::size_t window_count() const noexcept { return windows_.size(); }

private:
  struct window_state {
    batch_window window;
    change_batcher batcher;
  };
  struct target_window {
    watch_target target;
    std::size_t window = 0; ///< index into windows_
  };

  std::size_t window_index(const batch_window& w);
  std::vector<std::size_t>
  windows_for(const std::vector<watch_target>& ts) const;
  const target_window* find(const watch_target& t) const;
  void take_share(std::size_t window, const change_batch& batch,
                  routed_batch& out) const;
  void sort_by_config_order(std::vector<target_changes>& changes) const;

  watch_map map_;
  std::vector<window_state> windows_;
  std::vector<target_window> targets_; ///< config order, config target last
};

} // namespace actordev::watch
