#pragma once

#include "actordev/msg/replay.pb.h"
#include "runtime/target_ref.hpp"

#include <string>
#include <vector>

namespace actordev::replay {

/// "22:13:20.005": the time of day (UTC) of an event time, to the
/// millisecond.
std::string clock_text(time_us t);

/// "2023-11-14 22:13:20.005 UTC".
std::string date_time_text(time_us t);

/// A state snapshot as lines for a person: a heading, the config, one
/// block per manifest in config order, then clusters, live updates and the
/// trigger queue.
std::vector<std::string> state_lines(const msg::StateSnapshot& s);

} // namespace actordev::replay
