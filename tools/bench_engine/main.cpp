// bench_engine: times the engine's decision and reducer on synthetic
// projects of growing size. See docs/performance.md.
#include "bench_size.hpp"
#include "options.hpp"
#include "report.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <span>

using namespace actordev::bench;

namespace {

/// Exit statuses: only tools/ maps errors to them.
constexpr int exit_ok = 0;
constexpr int exit_check_failed = 1;
constexpr int exit_usage = 2;

/// The seed of every synthetic project: runs are comparable.
constexpr std::uint64_t project_seed = 20'240'611;

sampling_plan plan_for(const options& o) {
  if (!o.quick)
    return {};
  return {.budget = std::chrono::milliseconds(10),
          .warmup_runs = 2,
          .min_samples = 5,
          .max_samples = 10'000};
}

/// Prints every failed check; true when there was none.
bool report_problems(const std::vector<size_result>& results) {
  bool ok = true;
  for (const auto& r : results)
    for (const auto& p : r.problems) {
      fmt::print(stderr, "bench_engine: {} manifests: {}\n", r.manifests, p);
      ok = false;
    }
  return ok;
}

} // namespace

int main(int argc, char** argv) {
  auto parsed = parse_options(std::span<char* const>(argv + 1, argv + argc));
  if (!parsed) {
    fmt::print(stderr, "bench_engine: {}\n\n{}", parsed.error(), usage);
    return exit_usage;
  }
  const auto& opts = parsed.value();
  if (opts.help) {
    fmt::print("{}", usage);
    return exit_ok;
  }
  auto plan = plan_for(opts);
  std::vector<size_result> results;
  for (auto size : opts.sizes) {
    fmt::print(stderr, "bench_engine: {} manifests...\n", size);
    results.push_back(bench_size(size, project_seed, plan));
  }
  print_report(results, describe_machine(plan),
               opts.markdown ? report_format::markdown : report_format::text);
  return report_problems(results) ? exit_ok : exit_check_failed;
}
