#pragma once

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>

namespace actordev {

/// What a builder needs.
struct builder_options {
  /// Told of every process group started and ended (see run_recorder);
  /// may be empty.
  caf::actor recorder;
  /// SIGTERM to SIGKILL when a RunCommand does not say.
  std::chrono::milliseconds default_grace{5000};
  /// The remote builders (build_pool); empty: every command runs here.
  caf::actor pool;
};

/// Runs commands for the manifest actors (DESIGN.md §3). It is reached only
/// through messages, so a later builder can live on another machine:
/// - msg::RunCommand from X: starts the command in a detached
///   process_runner whose output (msg::LogLine) and end (one
///   msg::ProcessExited with the request's run_id) go to X, and answers
///   with the runner, which takes `stop_atom`. One with `remote` set goes
///   to a remote_runner, which runs it on a builder through `pool` (or
///   here, when the pool says so), with the same protocol.
/// The runner stops its process when X dies, so nothing outlives the
/// actor that asked for it.
class builder_actor : public caf::event_based_actor {
public:
  builder_actor(caf::actor_config& cfg, builder_options opts);

  caf::behavior make_behavior() override;
  /// Drops its actor handles: actors that hold each other never die.
  void on_exit() override;
  const char* name() const override { return "actordev.builder"; }

private:
  builder_options opts_;
};

} // namespace actordev
