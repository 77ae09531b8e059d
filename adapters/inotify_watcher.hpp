#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "adapters/inotify_api.hpp"
#include "adapters/inotify_error.hpp"
#include "adapters/inotify_event.hpp"
#include "adapters/inotify_watch_table.hpp"

namespace actordev::adapters {

/// Recursive inotify watches over directory trees and single files: the OS
/// edge of the file watcher. It reports what the kernel says, nothing more:
/// no ignore rules, no globbing, no coalescing (the actor adds those).
///
/// Roots:
/// - A directory: every directory below it is watched, including ones
///   created later (mkdir, mkdir -p, a directory moved in). A new
///   directory is listed after its watch is in place and everything found
///   is reported as `created`, so files written before the watch existed
///   are not missed; duplicates are possible, gaps are not. Directories
///   deleted or moved away lose their watches. Symlinks below the root are
///   reported but not followed.
/// - A file: its parent directory is watched and only events naming the
///   file are reported, so a file replaced by rename (editors' atomic
///   save) keeps being seen.
/// A root whose own directory is deleted or moved away is reported as
/// `deleted`/`moved_from` and stays registered; it is watched again when
/// it reappears inside another root, or after `add_root` is called again.
///
/// Events: IN_CREATE, IN_CLOSE_WRITE, IN_ATTRIB, IN_DELETE, IN_MOVED_FROM,
/// IN_MOVED_TO, and IN_DELETE_SELF/IN_MOVE_SELF for roots. Not IN_MODIFY:
/// a save is complete when the writer closes the file (or renames it into
/// place), while IN_MODIFY fires on every write(2) — a build would start
/// on a half-written file and a large write floods the kernel queue into
/// overflow. The cost: a file written through a descriptor that stays open
/// (an appending log, mmap) is reported only when closed. IN_EXCL_UNLINK
/// drops events on files already unlinked but still open.
///
/// IN_Q_OVERFLOW becomes one `overflow` event per root (the caller treats
/// the root as all changed) and a rescan that re-adds missing watches and
/// drops stale ones.
///
/// Threading: one owner thread (the file-watcher actor, detached, calling
/// `poll` with a short timeout and checking its mailbox in between). Never
/// throws; never waits longer than the timeout given to `poll` (listing a
/// large new tree is work, not waiting).
class inotify_watcher {
public:
  /// Opens an inotify instance. Fails with `instance_limit` when the user
  /// has too many (EMFILE), or `os_error`.
  static std::variant<inotify_watcher, watch_error>
  open(inotify_api& api = real_inotify_api());

  inotify_watcher(inotify_watcher&& other) noexcept;
  inotify_watcher& operator=(inotify_watcher&& other) noexcept;
  inotify_watcher(const inotify_watcher&) = delete;
  inotify_watcher& operator=(const inotify_watcher&) = delete;
  /// Closes the descriptor, which removes every watch.
  ~inotify_watcher();

  /// Starts watching `path` (a directory tree or one file; relative paths
  /// are made absolute against the working directory). Existing contents
  /// are not reported. Adding a root again re-scans it. Fails, leaving no
  /// watch for the root behind, when the path does not exist
  /// (`root_missing`), the watch limit is reached (`watch_limit`), or the
  /// root cannot be watched (`os_error`). A subdirectory that cannot be
  /// watched (permissions) does not fail the call: it comes out of the
  /// next `poll` as an error.
  std::optional<watch_error> add_root(const std::string& path);

  /// Stops watching `path` (as given to add_root) and drops the watches no
  /// other root needs.
  void remove_root(const std::string& path);

  /// Waits at most `timeout` for events, then drains what is queued (at
  /// most 1 MiB of kernel events per call) without waiting again. An
  /// empty batch means nothing happened.
  watch_batch poll(std::chrono::milliseconds timeout);

  /// How many kernel watches this instance holds (one per directory).
  std::size_t watch_count() const { return table_.size(); }

  /// The roots, absolute and normalized.
  std::vector<std::string> roots() const;

private:
  struct root {
    std::string path;
    bool is_dir = false;
  };

  inotify_watcher(inotify_api& api, int fd);

  std::optional<watch_error> watch_root(const root& r);
  std::optional<watch_error> watch_tree(const std::string& top,
                                        bool top_is_root,
                                        std::vector<watch_event>* found);
  int watch_dir(const std::string& dir, bool follow);
  void forget_tree(const std::string& dir);
  void prune(bool drop_missing);

  bool needed(const std::string& dir) const;
  bool reported(const std::string& path) const;
  bool in_tree_root(const std::string& path) const;

  void drain(watch_batch& out);
  void dispatch(std::size_t size, watch_batch& out);
  void handle(int wd, std::uint32_t mask, std::string_view name,
              watch_batch& out);
  void on_child(const std::string& path, std::uint32_t mask, watch_batch& out);
  void on_self(const std::string& dir, std::uint32_t mask, watch_batch& out);
  void on_overflow(watch_batch& out);
  void take_pending_errors(watch_batch& out);

  inotify_api* api_;
  int fd_;
  std::vector<root> roots_;
  inotify_watch_table table_;
  std::vector<watch_error> pending_errors_;
  std::vector<char> buf_;
};

} // namespace actordev::adapters
