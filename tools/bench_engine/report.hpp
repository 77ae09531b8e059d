#pragma once

#include "bench_size.hpp"
#include "sampler.hpp"

#include <string>
#include <vector>

namespace actordev::bench {

/// The target for one decision at 1,000 manifests, in µs.
inline constexpr double decision_target_us = 50;
inline constexpr std::size_t decision_target_size = 1'000;

/// Where and how the numbers were taken.
struct run_context {
  unsigned cores = 0;
  std::string cpu_model = {};
  double timer_overhead_us = 0;  ///< median of timing an empty call
  sampling_plan plan = {};
};

/// Reads the core count and the CPU model (/proc/cpuinfo, when present).
run_context describe_machine(const sampling_plan& plan);

enum class report_format { text, markdown };

/// Prints the results table, the scenarios and the verdict on stdout.
void print_report(const std::vector<size_result>& results,
                  const run_context& ctx, report_format format);

} // namespace actordev::bench
