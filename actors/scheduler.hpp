#pragma once

#include "actordev/msg/decision.pb.h"
#include "actordev/msg/events.pb.h"
#include "runtime/engine_state.hpp"

#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace actordev {

/// (register_atom, name, actor): the manifest actor for resource `name`.
using register_atom = caf::atom_constant<caf::atom("register")>;
/// (subscribe_atom, actor): send every new Decision to `actor`.
using subscribe_atom = caf::atom_constant<caf::atom("subscribe")>;
/// (watch_events_atom, actor): send every event, as applied (stamped with
/// its sequence number and time), to `actor`.
using watch_events_atom = caf::atom_constant<caf::atom("watchevts")>;

/// What the scheduler needs from outside.
struct scheduler_options {
  /// The wall clock, in microseconds since the epoch: stamps events that
  /// arrive without a time. Tests pass a fake.
  std::function<time_us()> clock;
};

/// The one owner of the engine state (DESIGN.md §3). Protocol:
/// - msg::Event: applied in arrival order. Events without a time get the
///   clock's; every event gets the next sequence number.
/// - after each event, build tokens are handed out: for each manifest
///   plan_builds chooses, the scheduler first applies BuildStarted (intent
///   before effect), then sends msg::BuildGrant to that manifest's actor.
/// - every Decision that differs from the last is sent to subscribers, and
///   every applied event to event watchers (after it was applied).
/// Never blocks, does no I/O.
class scheduler_actor : public caf::event_based_actor {
public:
  scheduler_actor(caf::actor_config& cfg, scheduler_options opts);

  caf::behavior make_behavior() override;
  /// Drops its actor handles: actors that hold each other never die.
  void on_exit() override;
  const char* name() const override { return "actordev.scheduler"; }

private:
  /// Stamps and applies one event.
  void apply_event(msg::Event e);
  /// Hands out build tokens and publishes the decision.
  void dispatch();
  void grant(const std::string& manifest);

  scheduler_options opts_;
  engine_state state_;
  std::uint64_t seq_ = 0;
  std::unordered_map<std::string, caf::actor> manifests_;
  std::vector<caf::actor> subscribers_;
  std::vector<caf::actor> event_watchers_;
  msg::Decision published_;
};

} // namespace actordev
