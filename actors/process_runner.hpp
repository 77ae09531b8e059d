#pragma once

#include "actors/atoms.hpp"
#include "adapters/process.hpp"

#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace actordev {

// (stop_atom, actors/atoms.hpp): stop the process (SIGTERM, then SIGKILL
// after the grace).
/// (group_started_atom, resource, pgid) and (group_ended_atom, pgid): sent
/// to the runner's recorder, which keeps the record `actordev down` reads.
using group_started_atom = caf::atom_constant<caf::atom("grpstart")>;
using group_ended_atom = caf::atom_constant<caf::atom("grpend")>;

/// What a process runner runs and where its output goes.
struct runner_spec {
  std::string resource;           ///< names the output
  adapters::process_spec process; ///< the command, its folder and env
  caf::actor sink;                ///< receives LogLine and ProcessExited
  std::uint64_t run_id = 0;       ///< echoed in ProcessExited
  caf::actor recorder;            ///< optional: told of the process group
  std::chrono::milliseconds grace{5000};
  std::chrono::milliseconds poll_interval{20};
};

/// Owns one child process. Spawn it detached: it blocks in poll() for at
/// most `poll_interval`, and sends itself the next poll, so a stop request
/// is handled between polls. Sends msg::LogLine for every line and exactly
/// one msg::ProcessExited (with `error` set when it could not start), then
/// quits. It watches the sink: when the sink dies, it stops the process.
/// Whatever happens, the process group dies with the runner.
class process_runner : public caf::event_based_actor {
public:
  process_runner(caf::actor_config& cfg, runner_spec spec);

  caf::behavior make_behavior() override;
  /// Drops its actor handles: actors that hold each other never die.
  void on_exit() override;
  const char* name() const override { return "actordev.process_runner"; }

private:
  void poll_once();
  void forward(const std::vector<adapters::output_line>& lines);
  void finish(const adapters::exit_status& status);
  void stop();

  runner_spec spec_;
  std::optional<adapters::process> process_;
};

} // namespace actordev
