#pragma once

#include "actordev/msg/logs.pb.h"
#include "actors/process_runner.hpp"

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>

namespace actordev {

/// What a remote runner needs.
struct remote_runner_options {
  runner_spec local; ///< the command, and how it runs here if it must
  msg::RemoteRun remote;
  caf::actor pool; ///< the build pool
};

/// A local resource's `cmd` with `build_on`, run on a remote builder: to
/// its manifest it is a process_runner (msg::LogLine, then one
/// msg::ProcessExited with the run's id, to the sink; `stop_atom` stops
/// it). It hands the command to the build pool with the resource's deps as
/// its files, on the builder the engine chose; when the pool says to run
/// it here (`build_on: any`, no builder free), it runs a process_runner
/// here instead and passes `stop_atom` on. Nothing comes back from the
/// builder but the output and the exit.
class remote_runner : public caf::event_based_actor {
public:
  remote_runner(caf::actor_config& cfg, remote_runner_options opts);

  caf::behavior make_behavior() override;
  void on_exit() override;
  const char* name() const override { return "actordev.remote_runner"; }

private:
  /// Ends it: the sink gets ProcessExited with `code`, `signal`, `error`.
  void exit_with(int code, int signal, const std::string& error);
  void run_here();

  remote_runner_options opts_;
  caf::actor here_; ///< the process_runner, once it runs here
  bool sent_ = false;
};

} // namespace actordev
