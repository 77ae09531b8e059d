#pragma once

// Where the engine sends a manifest's build when remote builders are
// configured: builder_choice over the builders as the engine knows them.

#include "runtime/engine_state.hpp"
#include "runtime/remote/builder_choice.hpp"

#include <cstddef>
#include <vector>

namespace actordev::remote {

/// The builders of `s` as choose_builder takes them: connected and slots as
/// last reported, busy with the builds the engine sent them that still run.
std::vector<builder_view> builder_views(const engine_state& s);

/// Where manifest i's build goes if it starts now: its `build_on`, then
/// choose_builder with the builder of its last build first. `local` for a
/// manifest whose images all build here.
choice place_build(const engine_state& s, std::size_t i);

} // namespace actordev::remote
