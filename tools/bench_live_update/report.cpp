#include "tools/bench_live_update/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace actordev::bench {

namespace {

double nearest_rank(const std::vector<double>& sorted, std::size_t p) {
  auto rank = std::max<std::size_t>(1, (sorted.size() * p + 99) / 100);
  return sorted[rank - 1];
}

/// The values of one field over the samples that have it.
std::vector<double> values(const std::vector<edit_sample>& samples,
                           std::optional<double> edit_sample::*field) {
  std::vector<double> out;
  for (const auto& s : samples)
    if (s.*field)
      out.push_back(*(s.*field));
  return out;
}

struct row {
  const char* name;
  distribution d;
};

void print_table(const std::array<row, 4>& rows, bool markdown) {
  if (markdown)
    fmt::print("| measure | edits | p50 ms | p90 ms | p99 ms | min ms | "
               "max ms |\n|---|--:|--:|--:|--:|--:|--:|\n");
  else
    fmt::print("{:<50} {:>5} {:>8} {:>8} {:>8} {:>8} {:>8}\n", "measure",
               "edits", "p50 ms", "p90 ms", "p99 ms", "min ms", "max ms");
  for (const auto& [name, d] : rows)
    if (markdown)
      fmt::print("| {} | {} | {:.1f} | {:.1f} | {:.1f} | {:.1f} | {:.1f} |\n",
                 name, d.count, d.p50, d.p90, d.p99, d.min, d.max);
    else
      fmt::print("{:<50} {:>5} {:>8.1f} {:>8.1f} {:>8.1f} {:>8.1f} {:>8.1f}\n",
                 name, d.count, d.p50, d.p90, d.p99, d.min, d.max);
}

bool is_odd(const edit_sample& s) {
  return !s.served_ms || s.live_updates != 1 || s.fell_back || s.builds > 0 ||
         !s.kept;
}

void print_anomalies(const std::vector<edit_sample>& samples) {
  std::size_t missed = 0, not_one = 0, fell_back = 0, built = 0, lost = 0;
  for (const auto& s : samples) {
    missed += !s.served_ms;
    not_one += s.live_updates != 1;
    fell_back += s.fell_back;
    built += s.builds > 0;
    lost += s.served_ms && !s.kept;
  }
  fmt::print("\nmissed (no token within the timeout): {}; edits without "
             "exactly one \"live update:\" line: {}; fell back to a "
             "rebuild: {}; built the image: {}; token gone by the end of the "
             "pause: {}\n",
             missed, not_one, fell_back, built, lost);
  for (const auto& s : samples) {
    if (!is_odd(s))
      continue;
    fmt::print("edit {} ({}), its console from the save on:\n", s.number,
               s.served_ms ? fmt::format("served in {:.1f} ms", *s.served_ms)
                           : std::string{"missed"});
    for (const auto& line : s.console)
      fmt::print("  {}\n", line);
  }
}

} // namespace

distribution distribution_of(std::vector<double> v) {
  if (v.empty())
    return {};
  std::sort(v.begin(), v.end());
  return {v.size(),
          nearest_rank(v, 50),
          nearest_rank(v, 90),
          nearest_rank(v, 99),
          v.front(),
          v.back()};
}

std::size_t anomalies(const std::vector<edit_sample>& samples) {
  return static_cast<std::size_t>(
      std::count_if(samples.begin(), samples.end(), [](const auto& s) {
        return !s.served_ms || s.live_updates != 1 || s.fell_back ||
               s.builds > 0 || !s.kept;
      }));
}

void print_live_update_report(const std::vector<edit_sample>& samples,
                              const run_conditions& c, bool markdown) {
  std::size_t gets = 0;
  for (const auto& s : samples)
    gets += s.gets;
  fmt::print("live-update latency: {} edits of app/handler.py ({}), a {} ms "
             "pause after each is served, {} ms between GETs ({:.1f} per "
             "edit); warm-up edit {}; load average {:.2f} before, {:.2f} "
             "after; python3: {}\n\n",
             samples.size(),
             c.in_place ? "written in place" : "temporary file + rename",
             c.pause_ms, c.poll_ms,
             samples.empty() ? 0.0
                             : static_cast<double>(gets) /
                                   static_cast<double>(samples.size()),
             c.warm_up_ms ? fmt::format("{:.1f} ms", *c.warm_up_ms)
                          : std::string{"missed"},
             c.load_before, c.load_after, c.python);
  print_table({row{"save → token served (synced, restarted, ready)",
                   distribution_of(values(samples, &edit_sample::served_ms))},
               row{"save → console's \"live update:\" line",
                   distribution_of(values(samples, &edit_sample::line_ms))},
               row{"sync + restart as that line reports it",
                   distribution_of(values(samples, &edit_sample::reported_ms))},
               row{"save → server's \"serving on\" line",
                   distribution_of(values(samples, &edit_sample::serving_ms))}},
              markdown);
  print_anomalies(samples);
  fmt::print("actordev {}\n", c.stopped);
}

} // namespace actordev::bench
