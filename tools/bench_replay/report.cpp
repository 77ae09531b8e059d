#include "tools/bench_replay/report.hpp"
#include "tools/bench_engine/with_commas.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <string>

namespace actordev::bench {

namespace {

/// Event kinds in msg::Event field order (config_loaded = field 10).
constexpr std::array<const char*, 10> kind_names{
    "ConfigLoaded",     "ConfigLoadFailed", "FilesChanged",  "BuildStarted",
    "BuildFinished",    "RuntimeChanged",   "ClusterStatus", "LiveUpdateStatus",
    "TriggerRequested", "EnableChanged"};

double seconds(std::chrono::nanoseconds d) {
  return std::chrono::duration<double>(d).count();
}

double per_second(const pass_timing& t) {
  return static_cast<double>(t.median.events) / seconds(t.median.elapsed);
}

double ratio(std::uint64_t a, std::uint64_t b) {
  return b == 0 ? 0 : static_cast<double>(a) / static_cast<double>(b);
}

std::string verdict(const pass_timing& t, double target) {
  return fmt::format("over {}/s: {}",
                     with_commas(static_cast<std::uint64_t>(target)),
                     per_second(t) > target ? "met" : "missed");
}

void print_facts(const replay_report& r) {
  const auto& s = r.stats;
  fmt::print("Log: {} events over {} manifests (seed {}), a decision after "
             "each batch of 1-{} events; generated in {:.1f} s.\n",
             with_commas(s.events), with_commas(r.shape.manifests),
             r.shape.seed, r.shape.max_batch, r.generate_s);
  fmt::print("- {} bytes ({:.0f} per record), {} decisions ({:.2f} events "
             "each)\n",
             with_commas(r.log_bytes),
             ratio(r.log_bytes, s.events + s.decisions),
             with_commas(s.decisions), ratio(s.events, s.decisions));
  fmt::print("- {} decisions list their holds ({:.1f} holds each), the "
             "rest are holds_unchanged\n",
             with_commas(s.decisions_with_holds),
             ratio(s.holds_written, s.decisions_with_holds));
  fmt::print("- {} builds granted, {} of them failed; {:.2f} builds running "
             "after a decision on average\n",
             with_commas(s.grants), with_commas(s.failed_builds),
             ratio(s.building_at_decisions, s.decisions));
  std::string kinds;
  for (std::size_t k = 0; k < kind_names.size(); ++k)
    if (s.by_kind[k] > 0)
      kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", kind_names[k],
                           with_commas(s.by_kind[k]));
  fmt::print("- events: {}\n\n", kinds);
}

struct row {
  const char* name;
  const pass_timing* timing;
  std::string target;
};

void print_table(const replay_report& r, bool markdown) {
  std::array rows{
      row{"parse only", &r.parse, ""},
      row{"apply only", &r.apply, verdict(r.apply, apply_target_per_s)},
      row{"full replay", &r.full, verdict(r.full, replay_target_per_s)}};
  if (markdown)
    fmt::print("| pass | time: median (min-max), s | events/s | µs per "
               "event | target |\n|---|--:|--:|--:|---|\n");
  else
    fmt::print("{:<12} {:>24} {:>12} {:>10}  {}\n", "pass",
               "median (min-max) s", "events/s", "µs/event", "target");
  for (const auto& x : rows) {
    const auto& t = *x.timing;
    auto time = fmt::format("{:.3f} ({:.3f}-{:.3f})", seconds(t.median.elapsed),
                            seconds(t.fastest), seconds(t.slowest));
    auto rate = with_commas(static_cast<std::uint64_t>(per_second(t)));
    auto us = 1e6 / per_second(t);
    if (markdown)
      fmt::print("| {} | {} | {} | {:.2f} | {} |\n", x.name, time, rate, us,
                 x.target);
    else
      fmt::print("{:<12} {:>24} {:>12} {:>10.2f}  {}\n", x.name, time, rate, us,
                 x.target);
  }
  fmt::print(
      "\nMedian of {} rounds of the three passes. Full replay minus apply "
      "only: {:.2f} µs per decision.\n",
      r.runs,
      (seconds(r.full.median.elapsed) - seconds(r.apply.median.elapsed)) * 1e6 /
          static_cast<double>(r.stats.decisions));
}

} // namespace

void print_replay_report(const replay_report& r, bool markdown) {
  print_facts(r);
  print_table(r, markdown);
}

} // namespace actordev::bench
