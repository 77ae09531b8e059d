#pragma once

#include "tools/bench_replay/replay_passes.hpp"
#include "tools/bench_replay/session_log.hpp"

#include <cstddef>

namespace actordev::bench {

/// The targets, in events per second.
inline constexpr double apply_target_per_s = 1'000'000;
inline constexpr double replay_target_per_s = 200'000;

/// Everything one run of bench_replay found.
struct replay_report {
  session_shape shape;
  session_stats stats;
  std::size_t log_bytes = 0;
  double generate_s = 0; ///< wall time of generating the log
  std::size_t runs = 0;  ///< rounds of the three passes
  pass_timing parse;
  pass_timing apply;
  pass_timing full;
};

/// Prints the log's facts, the passes' table and the verdict on stdout,
/// as text or as the markdown of docs/performance.md.
void print_replay_report(const replay_report& r, bool markdown);

} // namespace actordev::bench
