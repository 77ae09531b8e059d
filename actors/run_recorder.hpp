#pragma once

#include "adapters/run_record.hpp"

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>

#include <string>

namespace actordev {

/// Keeps PROJECT/.actordev/processes true while `up` runs: the one writer of
/// the run record that `actordev down` reads. Takes (group_started_atom,
/// resource, pgid) and (group_ended_atom, pgid) from process runners. A
/// record that cannot be written is reported once, as a LogLine from
/// "actordev" to `log` (when set), and does not stop anything.
class run_recorder : public caf::event_based_actor {
public:
  run_recorder(caf::actor_config& cfg, std::string project_dir, caf::actor log);

  caf::behavior make_behavior() override;
  /// Drops its actor handles: actors that hold each other never die.
  void on_exit() override;
  const char* name() const override { return "actordev.run_recorder"; }

private:
  void report(const std::optional<adapters::record_error>& err);

  adapters::run_record record_;
  caf::actor log_;
  bool reported_ = false;
};

} // namespace actordev
