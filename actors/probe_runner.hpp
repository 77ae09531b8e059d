#pragma once

#include "actors/process_runner.hpp" // stop_atom
#include "runtime/config/probe_spec.hpp"

#include <caf/actor.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace actordev {

/// (probe_result_atom, bool ready, std::string detail): a probe runner's
/// report to its owner that the server became ready (true) or unready
/// (false); `detail` is what the last check saw, e.g.
/// "GET http://127.0.0.1:8765/ answered 503".
using probe_result_atom = caf::atom_constant<caf::atom("probe_res")>;

/// What a probe runner checks, where, and whom it tells.
struct probe_runner_spec {
  config::probe_spec probe;
  std::string dir;                        ///< exec probes run here
  std::map<std::string, std::string> env; ///< added to exec probes' env
  caf::actor owner;                       ///< receives probe_result_atom
  std::string resource;                   ///< names the server in logs
};

/// Runs one readiness probe with Kubernetes' semantics: after
/// `initial_delay`, a check every `period` (start to start), each bounded
/// by `timeout`; `success_threshold` passes in a row make the server ready,
/// `failure_threshold` failures in a row unready. Sends the owner
/// (probe_result_atom, ready, detail) at each change, the first verdict
/// included (so a server that never comes up is reported unready, with the
/// reason).
///
/// An exec probe runs in `dir` with `env` added, its argv (if written as a
/// list) quoted by config::shell_line.
///
/// Spawn it detached: a check blocks its thread for up to `timeout`.
/// Between checks it waits on its mailbox (the next check is a delayed
/// message to itself), so (stop_atom) or an exit message ends it at once,
/// or after the check under way. It monitors its owner and quits when the
/// owner goes down; it never sends anything else.
class probe_runner : public caf::event_based_actor {
public:
  probe_runner(caf::actor_config& cfg, probe_runner_spec spec);

  caf::behavior make_behavior() override;
  /// Drops its actor handles: actors that hold each other never die.
  void on_exit() override;
  const char* name() const override { return "actordev.probe_runner"; }

private:
  void check_once();
  /// Counts the result; the readiness to report when it changed.
  std::optional<bool> tally(bool passed);

  probe_runner_spec spec_;
  int passes_ = 0;   ///< in a row
  int failures_ = 0; ///< in a row
  std::optional<bool> reported_;
};

} // namespace actordev
