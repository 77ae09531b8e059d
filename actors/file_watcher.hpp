#pragma once

#include "actors/atoms.hpp"
#include "adapters/inotify_watcher.hpp"
#include "runtime/config/project_config.hpp"
#include "runtime/watch/window_batcher.hpp"

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace actordev {

// (update_atom, config_ptr): the config changed; the watcher flushes its
// open batches, rebuilds its map and windows and adds or removes roots.
// Answers a request with an empty message once the new roots are watched.
/// (config_changed_atom, int64_t first_event_time_us): sent to the config
/// listener when a batch touches the config target (actordev.yaml or
/// .actordevignore); the time is the batch's first change, wall-clock
/// microseconds since the epoch.
using config_changed_atom = caf::atom_constant<caf::atom("cfgchange")>;

/// A config as sent between local actors: shared, never copied per
/// message. CAF 0.17 wants every message type inspectable; this one is
/// whitelisted below instead, so it can never cross the network.
using config_ptr = std::shared_ptr<const config::project_config>;

/// What a file watcher watches and whom it tells.
struct file_watcher_spec {
  /// The config to watch: `path` and the resources' deps are absolute.
  config::project_config config;
  caf::actor scheduler;       ///< receives one msg::Event per batch
  caf::actor config_listener; ///< receives config_changed_atom
  caf::actor log; ///< receives msg::LogLine (LOG_SYSTEM); may be null
  /// The longest the actor waits in poll() before checking its mailbox.
  std::chrono::milliseconds poll_interval{50};
  /// The inotify system calls; null: the kernel's. Tests pass one that
  /// injects faults; it must outlive the actor.
  adapters::inotify_api* inotify = nullptr;
};

/// Watches the deps of every resource and the config files, and sends
/// each coalesced batch of changes as one msg::Event (files_changed: a
/// TargetFiles per target, TARGET_LOCAL by resource name, TARGET_CONFIG by
/// config path; time_us: the batch's latest change, wall clock) to the
/// scheduler. Ignore rules, routing and per-resource quiet windows are
/// runtime/watch's `window_batcher`; this actor feeds it what inotify says.
///
/// Spawn it detached: it blocks in poll() for at most `poll_interval` (less
/// when a batch closes sooner) and sends itself the next poll, so update
/// and exit messages are handled between polls. A dep that does not exist
/// yet is tried again on every poll and reported as created when it
/// appears. Watch errors (the inotify watch limit, with the sysctl that
/// raises it) and invalid ignore patterns go to `log`; a root that failed
/// for another reason than being missing is tried again on the next
/// update. Protocol: update_atom (above), and caf::get_atom, answered with
/// the watched roots (a std::vector<std::string>), for tests and tools.
class file_watcher : public caf::event_based_actor {
public:
  file_watcher(caf::actor_config& cfg, file_watcher_spec spec);

  caf::behavior make_behavior() override;
  /// Drops its actor handles: actors that hold each other never die.
  void on_exit() override;
  const char* name() const override { return "actordev.file_watcher"; }

private:
  void poll_once();
  std::chrono::milliseconds poll_timeout() const;
  void feed(const adapters::watch_batch& batch);
  void send_due();
  void send_batch(const watch::routed_batch& batch);

  void rebuild();
  std::string read_ignore_file();
  void sync_roots();
  void add_root(const std::string& root, bool report_created);
  void retry_missing();
  void note_gone(const adapters::watch_event& e);

  void log(const std::string& text);

  file_watcher_spec spec_;
  std::optional<adapters::inotify_watcher> inotify_;
  std::optional<watch::window_batcher> batcher_;
  std::vector<std::string> watched_; ///< roots inotify watches
  std::vector<std::string> missing_; ///< roots that do not exist (yet)
  std::vector<std::string> failed_;  ///< roots that could not be watched
};

} // namespace actordev

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actordev::config_ptr)
