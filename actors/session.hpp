#pragma once

#include "actors/cli_manifest.hpp"
#include "actors/log_writer.hpp"
#include "actors/manifest.hpp"
#include "runtime/ci_outcome.hpp"
#include "runtime/config/config_error.hpp"
#include "runtime/config/project_config.hpp"

#include <caf/actor.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace actordev {

/// (shutdown_atom): stop every resource, then every actor of the session.
using shutdown_atom = caf::atom_constant<caf::atom("shutdown")>;

/// What the CLI's main thread learns from a running session. Written by the
/// session actor, read by the main thread.
struct session_outcome {
  /// Set once every process the session started has ended.
  std::atomic<bool> stopped{false};

  /// The `ci` verdict, once there is one.
  std::optional<ci_result> ci() const;
  /// What `ci` still waits for ("web (not ready)").
  std::vector<std::string> waiting() const;

  void set(const ci_tracker& t);

private:
  mutable std::mutex mutex_;
  std::optional<ci_result> ci_;
  std::vector<std::string> waiting_;
};

/// What a session runs.
struct session_options {
  config::project_config config;  ///< valid, with an absolute path
  std::string shown_path;         ///< the config path as the user wrote it
  std::vector<std::string> names; ///< the selection; empty: everything
  caf::actor console;             ///< receives LogLine, Event and Decision
  std::shared_ptr<session_outcome> outcome;
  std::chrono::milliseconds grace{5000};
  /// The message log's writer, handed to the scheduler; empty: none.
  log_sink log;
};

/// One `actordev up` or `ci`: spawns the scheduler, the builder, the run
/// recorder, the file watcher, one manifest actor per resource (a
/// container_manifest for a container resource) and one live updater per
/// image with a live_update that a container runs, and wires them
/// (DESIGN.md §3). Live updaters are started anew on every reload. It reloads
/// the config when the watcher says it changed: a good config is diffed against
/// the running one (new resources get an actor, removed ones are stopped,
/// changed ones get their new config; the scheduler rebuilds only those); a bad
/// one is reported and the last good one keeps running. On `shutdown_atom` it
/// stops every resource (each with its grace), then stops the scheduler with
/// `stop_atom` (after the events the resources sent while stopping, so the
/// scheduler hands the message log its last records and closes it), marks
/// the outcome stopped and quits.
class session_actor : public caf::event_based_actor {
public:
  session_actor(caf::actor_config& cfg, session_options opts);

  caf::behavior make_behavior() override;
  /// Drops its actor handles: actors that hold each other never die.
  void on_exit() override;
  const char* name() const override { return "actordev.session"; }

private:
  /// What a compose or Kubernetes manifest of resource `r` is given.
  cli_options cli_options_for(const config::project_config& cfg,
                              const config::local_resource& r);
  /// Spawns the actor of resource `r` of `cfg` and registers it.
  void start_manifest(const config::project_config& cfg,
                      const config::local_resource& r);
  /// Registers the actor of resource `name` with the scheduler and keeps it.
  void adopt(const std::string& name, caf::actor manifest);
  /// (Re)starts one live updater per image with a live_update that a
  /// container resource runs.
  void start_live_updaters();
  /// Starts the connection to cluster `name` ("docker") once.
  void start_cluster(const std::string& name);
  void reload();
  void install(config::project_config next, msg::ConfigLoaded loaded);
  void report_failure(std::vector<config::config_error> errors,
                      std::int64_t read_us);
  void shutdown();
  void finish();

  session_options opts_;
  caf::actor scheduler_;
  caf::actor builder_;
  caf::actor pool_; ///< remote builders; empty without `builders:`
  caf::actor recorder_;
  caf::actor watcher_;
  std::map<std::string, caf::actor> manifests_;
  std::vector<caf::actor> live_updaters_;
  std::map<std::string, caf::actor> clusters_; ///< connections, by cluster
  ci_tracker ci_;
  bool stopping_ = false;
  std::size_t stops_pending_ = 0;
};

} // namespace actordev
