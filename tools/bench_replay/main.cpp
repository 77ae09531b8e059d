// bench_replay: times reading and replaying the message log of a long
// generated session. See docs/performance.md ("Replay throughput").
#include "tools/bench_replay/options.hpp"
#include "tools/bench_replay/replay_passes.hpp"
#include "tools/bench_replay/report.hpp"
#include "tools/bench_replay/session_log.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <span>

using namespace actordev::bench;

namespace {

/// Exit statuses: only tools/ maps errors to them.
constexpr int exit_ok = 0;
constexpr int exit_check_failed = 1;
constexpr int exit_usage = 2;

bool write_log(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  return !out.fail();
}

/// Prints what is wrong with one pass; true when nothing is.
bool check(const char* name, const pass_timing& t, const session_stats& s) {
  std::string problem = t.median.problem;
  if (problem.empty() &&
      (t.median.events != s.events || t.median.decisions != s.decisions))
    problem =
        fmt::format("read {} events and {} decisions, not {} and {}",
                    t.median.events, t.median.decisions, s.events, s.decisions);
  if (problem.empty())
    return true;
  fmt::print(stderr, "bench_replay: {}: {}\n", name, problem);
  return false;
}

} // namespace

int main(int argc, char** argv) {
  auto parsed =
      parse_replay_options(std::span<char* const>(argv + 1, argv + argc));
  if (!parsed) {
    fmt::print(stderr, "bench_replay: {}\n\n{}", parsed.error(), replay_usage);
    return exit_usage;
  }
  const auto& opts = parsed.value();
  if (opts.help) {
    fmt::print("{}", replay_usage);
    return exit_ok;
  }
  replay_report r;
  r.shape.events = opts.events;
  r.runs = opts.runs;
  fmt::print(stderr, "bench_replay: generating {} events...\n", opts.events);
  auto start = std::chrono::steady_clock::now();
  auto log = generate_session(r.shape);
  r.generate_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  r.stats = log.stats;
  r.log_bytes = log.bytes.size();
  if (!opts.out.empty() && !write_log(opts.out, log.bytes)) {
    fmt::print(stderr, "bench_replay: cannot write the log to {}\n", opts.out);
    return exit_check_failed;
  }
  fmt::print(stderr, "bench_replay: timing {} runs of each pass...\n",
             opts.runs);
  auto t = time_passes(log.bytes, opts.runs);
  r.parse = t.parse;
  r.apply = t.apply;
  r.full = t.full;
  print_replay_report(r, opts.markdown);
  bool ok = check("parse only", r.parse, r.stats);
  ok = check("apply only", r.apply, r.stats) && ok;
  ok = check("full replay", r.full, r.stats) && ok;
  return ok ? exit_ok : exit_check_failed;
}
