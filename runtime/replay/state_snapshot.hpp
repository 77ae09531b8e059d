#pragma once

#include "actordev/msg/replay.pb.h"
#include "runtime/engine.hpp"
#include "runtime/runtime_state.hpp"

#include <cstdint>

namespace actordev::replay {

/// Everything the engine knows after record `seq`, as `replay --state-at`
/// shows it: the config, each manifest (kind, enable state, running and
/// last build, pending changes, runtime, hold in the last decision), the
/// clusters, live updates and the trigger queue. Maps come out sorted, so
/// equal states give equal snapshots.
msg::StateSnapshot snapshot(const engine& en, std::uint64_t seq);

/// A manifest's runtime as the engine sees it (derived for pods and
/// containers).
msg::RuntimeSnapshot to_snapshot(const runtime_state& rt);

} // namespace actordev::replay
