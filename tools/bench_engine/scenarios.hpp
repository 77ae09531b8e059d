#pragma once

// The engine states the benchmark measures, each made only by applying
// events to an empty state.

#include "engine_events.hpp"
#include "synthetic_project.hpp"

#include "runtime/engine_state.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace actordev::bench {

/// An engine state and the clock that stamped its events, so events made
/// later carry later times.
struct scenario {
  engine_state state;
  event_clock clock;
};

/// The manifests the steady state gave a role (indexes in config order).
struct steady_roles {
  std::vector<std::size_t> building;   ///< started and not finished
  std::vector<std::size_t> pending;    ///< a file change not built yet
  std::vector<std::size_t> triggered;  ///< in the trigger queue
  /// An idle Kubernetes workload with no role: the apply benchmarks send
  /// their events about it.
  std::optional<std::size_t> probe;
};

struct steady_scenario : scenario {
  steady_roles roles;
};

/// The config just loaded and the clusters healthy: nothing built, every
/// manifest that builds at start is a candidate.
scenario cold_start(const synthetic_project& p);

/// A project at work: everything that builds at start was built and is
/// running (a shared base image built once, by its first user), live
/// updaters report healthy, then some files change at various times, a few
/// local resources are triggered and two manifests start building (one
/// Kubernetes workload and one allow_parallel local, within
/// max_parallel_updates). A role that finds no manifest to fill it stays
/// empty; with ten manifests or more every role is filled.
steady_scenario steady_state(const synthetic_project& p, std::uint64_t seed);

} // namespace actordev::bench
