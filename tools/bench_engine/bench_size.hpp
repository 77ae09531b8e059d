#pragma once

#include "sampler.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace actordev::bench {

/// What the benchmark times: one row of the report each.
enum class operation : std::size_t {
  decide_steady,
  decide_cold,
  plan_steady,
  plan_cold,
  apply_files_changed,
  apply_build_pair,
  apply_runtime_changed,
  /// Not an engine call: plan_builds makes one copy per grant, and this
  /// shows what that costs.
  copy_state,
};
inline constexpr std::size_t operation_count = 8;

/// The row label of an operation.
std::string_view describe(operation op);

/// What one project size measured, and what its scenarios looked like.
struct size_result {
  std::size_t manifests = 0;
  std::array<timing, operation_count> timings = {};
  std::string steady_summary = {};  ///< building, pending, held, next
  std::string cold_summary = {};    ///< candidates, held, next, plan
  std::vector<std::string> problems = {};  ///< empty: every check passed

  const timing& operator[](operation op) const {
    return timings[static_cast<std::size_t>(op)];
  }
  timing& operator[](operation op) {
    return timings[static_cast<std::size_t>(op)];
  }
};

/// Builds the cold-start and steady scenarios for a project of `manifests`
/// (at least 10), checks that they decide what they should, and times
/// every operation.
size_result bench_size(std::size_t manifests, std::uint64_t seed,
                       const sampling_plan& plan);

} // namespace actordev::bench
