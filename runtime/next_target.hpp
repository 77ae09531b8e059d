#pragma once

#include "runtime/engine_state.hpp"
#include "runtime/hold_set.hpp"

#include <cstddef>
#include <optional>

namespace actordev {

/// What to build next, and why every other candidate waits.
struct decision {
  std::optional<std::size_t> next; ///< index into s.manifests
  hold_set holds;
};

/// Tilt's NextTargetToBuild: applies the 14 rules of DESIGN.md §4 in order.
/// Pure: the same state gives the same decision. O(manifests).
decision next_target_to_build(const engine_state& s);

} // namespace actordev
