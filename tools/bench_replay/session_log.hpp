#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace actordev::bench {

/// The shape of a generated session: what `generate_session` simulates.
struct session_shape {
  std::size_t manifests = 1'000;
  std::uint64_t events = 1'000'000; ///< exactly this many event records
  std::uint64_t seed = 20'261'121;
  /// Each batch of events before a decision has 1 to this many events,
  /// uniformly (mean (1 + max_batch) / 2).
  std::size_t max_batch = 9;
  /// The config file is edited and reloaded once per this many events.
  std::uint64_t events_per_config_edit = 100'000;
};

/// Counts the generator keeps while it writes, for the report.
struct session_stats {
  std::uint64_t events = 0;
  std::uint64_t decisions = 0;
  std::uint64_t grants = 0;
  std::uint64_t failed_builds = 0;
  /// Decisions that list their holds (the holds changed, or a config was
  /// loaded); the others are recorded with holds_unchanged.
  std::uint64_t decisions_with_holds = 0;
  std::uint64_t holds_written = 0; ///< holds in those decisions, in all
  /// Builds running when each decision was made, summed (mean: / decisions).
  std::uint64_t building_at_decisions = 0;
  /// Event records by msg::Event kind field number less 10 (config_loaded
  /// first, enable_changed last).
  std::array<std::uint64_t, 10> by_kind = {};
};

/// A generated binary message log, as `up` writes it, and what is in it.
struct session_log {
  std::string bytes;
  session_stats stats;
};

/// Drives an engine through a long `up` session on a synthetic project of
/// `shape.manifests` manifests, deterministically from `shape.seed`, and
/// records every event and every decision with the log encoder. See
/// docs/performance.md ("Replay throughput") for the stream it makes.
session_log generate_session(const session_shape& shape);

} // namespace actordev::bench
