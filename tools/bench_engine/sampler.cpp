#include "sampler.hpp"

#include <algorithm>
#include <cmath>

namespace actordev::bench {

namespace {

volatile std::size_t sink = 0;

constexpr double tail_fraction = 0.99;

double to_us(bench_clock::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

/// The sample at `fraction` of the sorted samples (nearest rank).
bench_clock::duration rank(const std::vector<bench_clock::duration>& sorted,
                           double fraction) {
  auto n = static_cast<double>(sorted.size());
  auto r = static_cast<std::size_t>(std::ceil(fraction * n));
  return sorted[std::clamp<std::size_t>(r, 1, sorted.size()) - 1];
}

} // namespace

void keep(std::size_t value) { sink = sink ^ value; }

timing summarize(std::vector<bench_clock::duration> samples) {
  std::sort(samples.begin(), samples.end());
  return {to_us(rank(samples, 0.5)), to_us(rank(samples, tail_fraction)),
          samples.size()};
}

} // namespace actordev::bench
