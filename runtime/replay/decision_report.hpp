#pragma once

#include "actordev/msg/replay.pb.h"
#include "runtime/engine.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace actordev::replay {

/// The identifiers of build_reason flags, in Tilt's order: "initial",
/// "files-changed", "deps-changed", "config-changed", "triggered".
std::vector<std::string> reason_ids(unsigned reasons);

/// True when a decision may have something to say: it granted a build or
/// listed its holds. A cheap test before report_decision, so that a long
/// log's quiet decisions cost nothing.
inline bool may_report(const msg::DecisionPoint& point) {
  return !point.granted().empty() || !point.holds_unchanged();
}

/// What the engine decided at `point`, its last decision: the grants with
/// their reasons, the holds that are new or changed since the decision
/// before, and the holds that ended without a grant. Empty (no grants, no
/// holds) when nothing changed.
msg::DecisionReport report_decision(const engine& en,
                                    const msg::DecisionPoint& point);

/// Two holds the engine made are the same: manifest, reason and what they
/// wait on. Field by field, without reflection (a long replay compares
/// many); holds read from a log may carry unknown fields this ignores.
bool same_hold(const msg::Hold& a, const msg::Hold& b);

/// True when the report says nothing.
bool empty(const msg::DecisionReport& r);

} // namespace actordev::replay
