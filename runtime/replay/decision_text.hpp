#pragma once

#include "actordev/msg/replay.pb.h"
#include "runtime/replay/replayer.hpp"

#include <string>
#include <vector>

namespace actordev::replay {

/// "web waiting-for-dep on manifest:api", "db waiting-for-slot": a hold as
/// replay prints it, with the reason's stable identifier.
std::string hold_text(const msg::Hold& h);

/// hold_text without the manifest: "waiting-for-dep on manifest:api".
std::string hold_why(const msg::Hold& h);

/// "api (files-changed, triggered)": a grant and its reasons.
std::string grant_text(const msg::GrantReport& g);

/// A decision report as lines, grants first: "#41 grant api (initial)",
/// "#41 hold web waiting-for-dep on manifest:api", "#45 release web (was
/// waiting-for-slot)".
std::vector<std::string> decision_lines(const msg::DecisionReport& r);

/// The first divergence for a person: a heading, then the recorded and the
/// replayed version of the decision, each with its grants and only the
/// holds that differ between the two.
std::vector<std::string> divergence_lines(const divergence& d);

/// The divergence as replay -o json prints it.
msg::DivergenceReport to_report(const divergence& d);

} // namespace actordev::replay
