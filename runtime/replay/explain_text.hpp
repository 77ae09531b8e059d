#pragma once

#include "actordev/msg/replay.pb.h"

#include <string>

namespace actordev::replay {

/// One explain entry as a line: "#3 api: added to the config", "#7 grant
/// api (initial)", "#4 hold api waiting-for-dep on manifest:db", "#9 api:
/// build failed (exit 2): compile error", "#10 api: runtime ok, ready".
std::string explain_line(const msg::ExplainEntry& e);

} // namespace actordev::replay
