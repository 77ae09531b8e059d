#pragma once

#include "actordev/msg/decision.pb.h"
#include "actordev/msg/events.pb.h"
#include "actordev/msg/message_log.pb.h"
#include "runtime/engine_state.hpp"
#include "runtime/hold_set.hpp"

#include <cstdint>
#include <vector>

namespace actordev {

/// The scheduler's logic without the actor: one engine state, the events
/// applied to it in order, and a decision after each batch of them. The
/// scheduler actor and `actordev replay` both drive this class, so a replay
/// decides exactly as the recorded run did (DESIGN.md §5).
class engine {
public:
  /// Applies one event, already stamped with its sequence number and time.
  void apply(const msg::Event& e);

  /// Decides at `time`: chooses the builds to start with the free build
  /// slots, starts each (applies BuildStarted at `time`: intent before
  /// effect) and returns the decision as the log records it, numbered
  /// `seq`. Its holds are left out (holds_unchanged) when they equal the
  /// previous decision's and no config was loaded since. The decision is
  /// the engine's, good until the next call.
  const msg::DecisionPoint& decide(std::uint64_t seq, time_us time);

  const engine_state& state() const { return state_; }
  /// The last decision in full: its grants and every hold.
  const msg::Decision& last_decision() const { return last_; }
  /// The full decision before the last one whose holds changed: with
  /// last_decision(), what a decision that changed the holds changed.
  const msg::Decision& decision_before() const { return before_; }
  /// Why each of the last decision's grants was built (build_reason flags,
  /// as next_build_reason said just before it started), in grant order.
  const std::vector<unsigned>& last_grant_reasons() const { return reasons_; }

private:
  engine_state state_;
  hold_set last_holds_;
  msg::Decision last_;
  msg::Decision before_;
  msg::DecisionPoint point_; ///< what decide returned last
  std::vector<unsigned> reasons_;
  bool config_loaded_ = false; ///< since the last decision
};

} // namespace actordev
