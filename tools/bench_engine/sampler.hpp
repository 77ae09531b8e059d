#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

namespace actordev::bench {

using bench_clock = std::chrono::steady_clock;

/// How long to measure one operation.
struct sampling_plan {
  /// Time spent taking samples, after the warm-up.
  std::chrono::nanoseconds budget = std::chrono::milliseconds(300);
  /// Untimed runs before sampling; cut short after a tenth of the budget.
  std::size_t warmup_runs = 20;
  /// Samples taken even when the budget runs out first.
  std::size_t min_samples = 50;
  /// Sampling stops here even when budget remains.
  std::size_t max_samples = 100'000;
};

/// The distribution of one operation's run time.
struct timing {
  double median_us = 0;
  double p99_us = 0;
  std::size_t samples = 0;
};

/// Folds `value` into a volatile sink in another translation unit, so the
/// compiler cannot drop the work that produced it.
void keep(std::size_t value);

/// The median and 99th percentile of `samples`. Precondition: not empty.
timing summarize(std::vector<bench_clock::duration> samples);

/// Times one call of `run` per sample. `run` returns a value derived from
/// its work; it is kept (outside the timed region) so the work stays.
template <class Run>
timing measure(const sampling_plan& plan, Run&& run) {
  auto warmup_end = bench_clock::now() + plan.budget / 10;
  for (std::size_t i = 0; i < plan.warmup_runs; ++i) {
    keep(run());
    if (bench_clock::now() > warmup_end)
      break;
  }
  std::vector<bench_clock::duration> samples;
  samples.reserve(plan.min_samples);
  auto deadline = bench_clock::now() + plan.budget;
  while (samples.size() < plan.max_samples
         && (samples.size() < plan.min_samples
             || bench_clock::now() < deadline)) {
    auto start = bench_clock::now();
    auto value = run();
    auto stop = bench_clock::now();
    keep(value);
    samples.push_back(stop - start);
  }
  return summarize(std::move(samples));
}

} // namespace actordev::bench
