#pragma once

#include "runtime/engine_state.hpp"
#include "runtime/hold_set.hpp"

#include <string>
#include <vector>

namespace actordev {

/// The builds to start now and the holds on everything else.
struct build_plan {
  std::vector<std::string> start; ///< manifest names, in grant order
  /// Parallel to start: the remote builder each goes to; "" for here.
  std::vector<std::string> builders;
  hold_set holds; ///< as if the started ones were building

  /// Some build goes to a remote builder.
  bool any_remote() const;
};

/// Build tokens not in use: max_parallel_updates minus builds running.
int free_build_slots(const engine_state& s);

/// Every manifest to start now with `free_slots` tokens: applies the
/// decision repeatedly as if each chosen build had started. When tokens run
/// out while something is still eligible, every such candidate is held
/// `waiting-for-slot`. The scheduler actor only hands out the result.
///
/// Simulates the starts in `s` itself and undoes them before returning, so
/// `s` is left exactly as it was (and no copy of the state is made).
build_plan plan_builds(engine_state& s, int free_slots);

/// The same, on a copy of `s`.
build_plan plan_builds(const engine_state& s, int free_slots);

/// plan_builds with the state's own free slots.
build_plan plan_builds(const engine_state& s);

} // namespace actordev
