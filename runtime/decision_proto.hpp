#pragma once

#include "actordev/msg/decision.pb.h"
#include "runtime/build_plan.hpp"
#include "runtime/engine_state.hpp"

namespace actordev {

/// The plan as the Decision message that the scheduler publishes and the
/// message log records: grants in order, holds in config order.
msg::Decision to_proto(const engine_state& s, const build_plan& plan);

/// The same into `out`, reusing the messages and strings it holds (the
/// replay makes one per decision whose holds changed).
void to_proto(const engine_state& s, const build_plan& plan,
              msg::Decision& out);

} // namespace actordev
