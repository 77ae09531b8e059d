#pragma once

#include "adapters/inotify_watcher.hpp"

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace actordev::adapters::inotify_test {

/// How long a test waits for an event it expects before failing. Generous:
/// a loaded CI machine is slow, and a passing test never waits this long.
inline constexpr std::chrono::milliseconds expect_within{5000};

/// A fresh directory under the temp folder (mkdtemp), removed with all
/// its contents at the end of the test.
class temp_tree {
public:
  temp_tree();
  ~temp_tree();
  temp_tree(const temp_tree&) = delete;
  temp_tree& operator=(const temp_tree&) = delete;

  const std::string& path() const { return path_; }
  /// The absolute path of `rel` inside the tree.
  std::string operator/(std::string_view rel) const;

private:
  std::string path_;
};

/// Creates or truncates `path` and writes `content` (open, write, close).
void write_file(const std::string& path, std::string_view content = "x");
/// mkdir -p.
void make_dirs(const std::string& path);
/// rename(2), failing the test if it fails.
void move_path(const std::string& from, const std::string& to);
/// rm -rf.
void remove_tree(const std::string& path);
/// The integer in /proc/sys/<name>, or -1.
long proc_sys(const std::string& name);

/// A watcher, failing the test if it cannot be opened.
inotify_watcher open_watcher(inotify_api& api = real_inotify_api());

/// Everything a watcher reported since the last `clear`, and bounded waits
/// for what a test expects: each polls in short steps until the
/// expectation holds or `within` passes, never longer. A wait that times
/// out attaches everything seen to the next assertion.
class event_log {
public:
  explicit event_log(inotify_watcher& w)
      : watcher_(&w) {}

  /// Waits for an event (already seen or new) satisfying `pred`.
  bool wait_for(const std::function<bool(const watch_event&)>& pred,
                std::chrono::milliseconds within = expect_within);
  /// Waits for `kind` on `path`.
  bool wait_for(change_kind kind, const std::string& path,
                std::chrono::milliseconds within = expect_within);
  /// Waits for any of `kinds` on `path`.
  bool wait_for_any(std::vector<change_kind> kinds, const std::string& path,
                    std::chrono::milliseconds within = expect_within);
  /// Waits for an error to be reported.
  bool wait_for_error(std::chrono::milliseconds within = expect_within);
  /// Waits until `cond()` holds (checked before each poll).
  bool wait_until(const std::function<bool()>& cond,
                  std::chrono::milliseconds within = expect_within);

  /// True when some seen event is `kind` on `path`.
  bool saw(change_kind kind, const std::string& path) const;
  /// True when some seen event names `path`, whatever its kind.
  bool saw_path(const std::string& path) const;

  const std::vector<watch_event>& events() const { return events_; }
  const std::vector<watch_error>& errors() const { return errors_; }
  /// The last 50 events and every error, one a line, for failure messages.
  std::string describe() const;
  void clear();

private:
  inotify_watcher* watcher_;
  std::vector<watch_event> events_;
  std::vector<watch_error> errors_;
};

} // namespace actordev::adapters::inotify_test
