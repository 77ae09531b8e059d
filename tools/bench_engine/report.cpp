#include "report.hpp"
#include "with_commas.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <thread>

namespace actordev::bench {

namespace {

constexpr std::size_t label_width = 34;
constexpr std::size_t cell_width = 18;

/// Three significant digits or so: 0.412, 4.12, 41.2, 412, 4120.
std::string format_us(double us) {
  if (us < 1)
    return fmt::format("{:.3f}", us);
  if (us < 10)
    return fmt::format("{:.2f}", us);
  if (us < 100)
    return fmt::format("{:.1f}", us);
  return fmt::format("{:.0f}", us);
}

std::string cell(const timing& t) {
  return fmt::format("{} ({})", format_us(t.median_us), format_us(t.p99_us));
}

std::string read_cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  constexpr std::string_view key = "model name";
  for (std::string line; std::getline(in, line);) {
    auto colon = line.find(':');
    if (line.starts_with(key) && colon != std::string::npos)
      return line.substr(std::min(colon + 2, line.size()));
  }
  return "unknown CPU";
}

void print_text_table(const std::vector<size_result>& results) {
  fmt::print("{:<{}}", "operation", label_width);
  for (const auto& r : results)
    fmt::print("{:>{}}", with_commas(r.manifests), cell_width);
  fmt::print("\n");
  for (std::size_t op = 0; op < operation_count; ++op) {
    fmt::print("{:<{}}", describe(operation{op}), label_width);
    for (const auto& r : results)
      fmt::print("{:>{}}", cell(r.timings[op]), cell_width);
    fmt::print("\n");
  }
}

void print_markdown_table(const std::vector<size_result>& results) {
  fmt::print("| operation |");
  for (const auto& r : results)
    fmt::print(" {} |", with_commas(r.manifests));
  fmt::print("\n|---|");
  for (std::size_t i = 0; i < results.size(); ++i)
    fmt::print("--:|");
  fmt::print("\n");
  for (std::size_t op = 0; op < operation_count; ++op) {
    fmt::print("| {} |", describe(operation{op}));
    for (const auto& r : results)
      fmt::print(" {} |", cell(r.timings[op]));
    fmt::print("\n");
  }
}

void print_scenarios(const std::vector<size_result>& results,
                     std::string_view bullet) {
  for (const auto& r : results) {
    fmt::print("{}{} manifests, steady: {}\n", bullet,
               with_commas(r.manifests), r.steady_summary);
    fmt::print("{}{} manifests, cold start: {}\n", bullet,
               with_commas(r.manifests), r.cold_summary);
  }
}

/// The verdict on the decision target, or nothing without that size.
std::string verdict(const std::vector<size_result>& results) {
  auto at = std::find_if(results.begin(), results.end(), [](const auto& r) {
    return r.manifests == decision_target_size;
  });
  if (at == results.end())
    return fmt::format("no run at {} manifests: the {} µs target was not "
                       "checked",
                       with_commas(decision_target_size), decision_target_us);
  const auto& steady = (*at)[operation::decide_steady];
  const auto& cold = (*at)[operation::decide_cold];
  double worst = std::max(steady.median_us, cold.median_us);
  return fmt::format(
    "next_target_to_build at {} manifests: steady {} µs (p99 {}), cold "
    "start {} µs (p99 {}); target under {} µs: {}",
    with_commas(decision_target_size), format_us(steady.median_us),
    format_us(steady.p99_us), format_us(cold.median_us),
    format_us(cold.p99_us), decision_target_us,
    worst < decision_target_us ? "met" : "NOT met");
}

} // namespace

run_context describe_machine(const sampling_plan& plan) {
  run_context ctx;
  ctx.cores = std::thread::hardware_concurrency();
  ctx.cpu_model = read_cpu_model();
  ctx.timer_overhead_us = measure(plan, [] { return std::size_t{0}; }).median_us;
  ctx.plan = plan;
  return ctx;
}

void print_report(const std::vector<size_result>& results,
                  const run_context& ctx, report_format format) {
  bool md = format == report_format::markdown;
  auto budget_ms =
    std::chrono::duration_cast<std::chrono::milliseconds>(ctx.plan.budget);
  fmt::print("{}median (p99) µs per operation, by number of manifests\n",
             md ? "" : "bench_engine: ");
  fmt::print("{}{} cores, {}; timer overhead {} µs; {} ms and at least {} "
             "samples per cell\n\n",
             md ? "" : "machine: ", ctx.cores, ctx.cpu_model,
             format_us(ctx.timer_overhead_us), budget_ms.count(),
             ctx.plan.min_samples);
  if (md)
    print_markdown_table(results);
  else
    print_text_table(results);
  fmt::print("\n");
  print_scenarios(results, md ? "- " : "");
  fmt::print("\n{}\n", verdict(results));
}

} // namespace actordev::bench
