#pragma once

// A file watcher on a real actor system over a temp project folder, with
// scoped actors standing in for the scheduler, the config listener and the
// log. Every wait is bounded; none sleeps.

#include "actors/file_watcher.hpp"
#include "messages/caf_types.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actordev::test {

/// How long a test waits for a message it expects before failing.
/// Generous: a loaded machine is slow, and a passing test never waits this
/// long.
inline constexpr std::chrono::seconds expect_within{10};

/// The kernel's inotify, except that watching anything at or below
/// `limited` fails as if the watch limit were reached (ENOSPC).
class limited_inotify_api final : public adapters::inotify_api {
public:
  std::string limited;

  int init() override { return real_.init(); }
  int add_watch(int fd, const std::string& path, std::uint32_t mask) override;
  int rm_watch(int fd, int wd) override { return real_.rm_watch(fd, wd); }
  int wait_readable(int fd, std::chrono::milliseconds timeout) override {
    return real_.wait_readable(fd, timeout);
  }
  std::ptrdiff_t read(int fd, char* buf, std::size_t size) override {
    return real_.read(fd, buf, size);
  }
  void close(int fd) override { real_.close(fd); }
  std::optional<long> read_limit(const std::string& name) override {
    return real_.read_limit(name);
  }

private:
  adapters::inotify_api& real_ = adapters::real_inotify_api();
};

class file_watcher_fixture {
public:
  file_watcher_fixture();
  /// Stops the watcher (the actor system waits for detached actors) and
  /// removes the folder.
  ~file_watcher_fixture();

  /// The absolute path of `rel` in the project folder.
  std::string path(std::string_view rel) const;
  /// Creates or truncates `rel` (and its folders) and writes `content`.
  void write(std::string_view rel, std::string_view content = "x");
  /// mkdir -p `rel`.
  void make_dirs(std::string_view rel);

  /// Writes `yaml` as actordev.yaml and loads it (it must be valid).
  config::project_config write_config(std::string_view yaml);
  /// Spawns the watcher on `write_config(yaml)`; returns once it watches.
  /// Watching fails with the watch limit below `limited` (relative), if
  /// given.
  void start(std::string_view yaml, std::string_view limited = {});
  /// Sends (update_atom, config) and waits for the answer.
  void update(std::string_view yaml);
  /// The roots the watcher reports as watched, relative to the folder.
  std::vector<std::string> watched();

  /// The next Event the scheduler stand-in receives; fails the test when
  /// none comes within `expect_within`.
  msg::Event next_event();
  /// `next_event()`'s files, one line per target: "api: src/a.c src/b.c"
  /// ("config: actordev.yaml" for the config), paths relative.
  std::vector<std::string> next_batch();
  /// The time of the next config_changed_atom to the listener stand-in.
  std::int64_t next_config_change();
  /// The text of the next LogLine to the log stand-in (checks that it is a
  /// LOG_SYSTEM line of "actordev").
  std::string next_log_line();

  /// `e`'s files as `next_batch` shows them.
  std::vector<std::string> describe(const msg::Event& e) const;

private:
  std::string root_;
  limited_inotify_api inotify_; // outlives the actor system
  caf::actor_system_config cfg_;
  std::unique_ptr<caf::actor_system> sys_;
  std::unique_ptr<caf::scoped_actor> scheduler_;
  std::unique_ptr<caf::scoped_actor> listener_;
  std::unique_ptr<caf::scoped_actor> log_;
  std::unique_ptr<caf::scoped_actor> driver_;
  caf::actor watcher_;
};

} // namespace actordev::test
