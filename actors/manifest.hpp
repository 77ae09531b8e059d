#pragma once

#include "actordev/msg/logs.pb.h"
#include "actors/atoms.hpp"
#include "actors/stop_answers.hpp"
#include "runtime/config/local_resource.hpp"
#include "runtime/restart_backoff.hpp"

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

namespace actordev {

// (update_atom, resource): the resource's new config, used from the next
// build on (the scheduler decides whether it needs one).
/// (restart_atom, generation): the backoff of a serve_cmd restart is over.
using restart_atom = caf::atom_constant<caf::atom("restart")>;

/// A resource's config as sent between local actors.
using resource_ptr = std::shared_ptr<const config::local_resource>;

/// What a manifest actor needs.
struct manifest_options {
  resource_ptr resource;
  caf::actor scheduler; ///< receives msg::Event
  caf::actor builder;   ///< runs the commands (msg::RunCommand)
  caf::actor log;       ///< receives msg::LogLine
  /// With builders: the project's folder, whose files a `cmd` with
  /// `build_on` takes to a builder. Empty: `cmd` runs here.
  std::string project_dir;
  std::chrono::milliseconds grace{5000};
  /// The first restart waits this long, each next one twice as long...
  std::chrono::milliseconds backoff{1000};
  /// ...up to this; a server that ran this long starts over at `backoff`.
  std::chrono::milliseconds backoff_cap{30000};
};

/// One local resource (DESIGN.md §3). On msg::BuildGrant it runs `cmd`
/// through the builder, then (re)starts `serve_cmd` and, when configured,
/// its readiness probe. It reports to the scheduler as events:
/// BuildFinished (error "exit 2" when cmd failed), and RuntimeChanged for the
/// server (pending until the probe passes, ready, exited) or the job
/// (succeeded). A server that exits is restarted per `restart`, with
/// exponential backoff. `stop_atom` stops everything it runs (SIGTERM, then
/// SIGKILL after the grace) and answers `stopped_atom` when all of it ended.
class manifest_actor : public caf::event_based_actor {
public:
  manifest_actor(caf::actor_config& cfg, manifest_options opts);

  caf::behavior make_behavior() override;
  /// Drops its actor handles: actors that hold each other never die.
  void on_exit() override;
  const char* name() const override { return "actordev.manifest"; }

private:
  /// A command handed to the builder.
  struct run {
    std::uint64_t id = 0;
    caf::actor runner; ///< empty until the builder answered
    std::chrono::steady_clock::time_point started;
  };

  void on_grant();
  void on_process_exit(const msg::ProcessExited& e);
  void on_build_exit(const msg::ProcessExited& e);
  void on_serve_exit(const msg::ProcessExited& e);
  void on_probe(bool ready, const std::string& detail);

  /// Asks the builder to run `command`; the answer fills in the runner.
  /// `remote`: the build's `cmd`, which may go to a builder (build_on).
  run start(const std::string& command, bool remote = false);
  void start_serve();
  /// Stops the server, then starts it again (a new build).
  void replace_serve();
  void start_probe();
  void stop_probe();
  void finish_build(const std::string& error, int exit_code);
  void report_runtime(int status, bool ready, bool succeeded,
                      const std::string& error);
  void note(const std::string& text);
  void maybe_stopped();

  manifest_options opts_;
  std::uint64_t next_id_ = 0;
  std::optional<run> build_;
  std::optional<run> serve_;
  caf::actor probe_;
  bool replacing_ = false;  ///< the server exits to be started anew
  restart_backoff backoff_; ///< when an exited server starts again
  std::uint64_t restart_gen_ = 0;
  bool stopping_ = false;
  std::string grant_builder_; ///< the builder of the last grant; "": here
  stop_answers stopped_;
};

} // namespace actordev

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actordev::resource_ptr)
