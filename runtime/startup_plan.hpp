#pragma once

#include "actordev/msg/decision.pb.h"
#include "runtime/engine_state.hpp"

#include <vector>

namespace actordev {

/// One round of a simulated start-up: the builds granted together, and the
/// holds on everything still waiting at that moment.
struct startup_step {
  msg::Decision decision;
};

/// How start-up would go if every build succeeded and every resource became
/// ready as soon as it was deployed: the engine's own decisions, round by
/// round, until nothing more starts. What `actordev up` prints as its plan
/// before resources run. Bounded by the number of manifests.
std::vector<startup_step> simulate_startup(engine_state s);

} // namespace actordev
