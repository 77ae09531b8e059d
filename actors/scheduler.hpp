#pragma once

#include "actordev/msg/decision.pb.h"
#include "actordev/msg/events.pb.h"
#include "actors/atoms.hpp"
#include "actors/log_writer.hpp"
#include "runtime/engine.hpp"

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
  /// Where every applied event and every decision is recorded (the
  /// message log); empty: nowhere.
  log_sink log;
};

/// The one owner of the engine state (DESIGN.md §3). Protocol:
/// - msg::Event: applied in arrival order. Events without a time get the
///   clock's; every event gets the next sequence number.
/// - once the events queued so far are applied, the engine decides (one
///   decision per batch, with the next sequence number and the clock's
///   time): each granted build is started in the engine (intent before
///   effect), then msg::BuildGrant goes to that manifest's actor.
/// - every Decision that differs from the last is sent to subscribers, and
///   every applied event to event watchers (after it was applied; a grant
///   as a BuildStarted with the decision's number).
/// - the message log gets every event and every decision, in one batch per
///   decision; when the writer is too far behind, the batch is dropped and
///   the next one starts with a RecordsDropped.
/// - (stop_atom): after the messages queued before it, sends the message
///   log what it has not yet sent (events applied since the last decision,
///   a RecordsDropped for what was dropped; beyond the backlog limit, once),
///   then log_close_atom, and quits. Killed by an exit message instead, it
///   does the same on its way out, so the writer always ends.
/// Never blocks, does no I/O.
class scheduler_actor : public caf::event_based_actor {
public:
  scheduler_actor(caf::actor_config& cfg, scheduler_options opts);

  caf::behavior make_behavior() override;
  /// Drops its actor handles: actors that hold each other never die.
  void on_exit() override;
  const char* name() const override { return "actordev.scheduler"; }

private:
  /// Stamps and applies one event, and asks for a decision.
  void apply_event(msg::Event e);
  /// Decides, hands out build tokens and publishes the decision.
  void dispatch();
  /// Hands manifest its build token, for `builder` ("" for here).
  void grant(const std::string& manifest, const msg::DecisionPoint& point,
             const std::string& builder);
  void notify_watchers(const msg::Event& e);
  /// Sends the records of this batch to the message log, or drops them
  /// when the writer is behind (never when `closing`).
  void flush_log(bool closing = false);
  /// Flushes what is left and closes the message log; does nothing twice.
  void close_log();

  scheduler_options opts_;
  engine engine_;
  std::uint64_t seq_ = 0;
  bool dispatch_pending_ = false;
  std::string log_batch_;
  std::uint64_t batch_records_ = 0;
  std::uint64_t batch_first_seq_ = 0;
  std::uint64_t dropped_ = 0; ///< records dropped, not yet reported
  std::uint64_t dropped_first_seq_ = 0;
  time_us dropped_time_ = 0;
  std::unordered_map<std::string, caf::actor> manifests_;
  std::vector<caf::actor> subscribers_;
  std::vector<caf::actor> event_watchers_;
  msg::Decision published_;
};

} // namespace actordev
