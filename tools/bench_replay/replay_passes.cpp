#include "tools/bench_replay/replay_passes.hpp"

#include "runtime/engine.hpp"
#include "runtime/message_log/log_reader.hpp"
#include "runtime/replay/replayer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace actordev::bench {

namespace {

using pass_clock = std::chrono::steady_clock;

/// The reader's damage, if any, as a problem.
std::string damage_of(const message_log::log_reader& reader) {
  if (!reader.damage())
    return {};
  return "the log is damaged at " + reader.damage()->describe();
}

/// Starts the builds a recorded decision granted, as the live engine did.
void start_granted(engine& e, const msg::DecisionPoint& d) {
  for (const auto& name : d.granted()) {
    msg::Event started;
    started.set_seq(d.seq());
    started.set_time_us(d.time_us());
    started.mutable_build_started()->set_manifest(name);
    e.apply(started);
  }
}

} // namespace

pass_result parse_only(std::string_view log) {
  pass_result out;
  auto start = pass_clock::now();
  auto reader = message_log::read_binary(log);
  msg::LogRecord r;
  while (reader->next(r)) {
    if (r.has_event())
      ++out.events;
    else if (r.has_decision())
      ++out.decisions;
  }
  out.elapsed = pass_clock::now() - start;
  out.problem = damage_of(*reader);
  return out;
}

pass_result apply_only(std::string_view log) {
  pass_result out;
  auto start = pass_clock::now();
  auto reader = message_log::read_binary(log);
  engine e;
  msg::LogRecord r;
  while (reader->next(r)) {
    if (r.has_event()) {
      ++out.events;
      e.apply(r.event());
    } else if (r.has_decision()) {
      ++out.decisions;
      start_granted(e, r.decision());
    }
  }
  out.elapsed = pass_clock::now() - start;
  out.problem = damage_of(*reader);
  return out;
}

pass_result full_replay(std::string_view log) {
  pass_result out;
  auto start = pass_clock::now();
  auto reader = message_log::read_binary(log);
  replay::replayer replayer;
  msg::LogRecord r;
  auto result = replay::replayer::outcome::applied;
  while (reader->next(r)) {
    result = replayer.feed(r);
    if (result == replay::replayer::outcome::diverged ||
        result == replay::replayer::outcome::dropped)
      break;
  }
  out.elapsed = pass_clock::now() - start;
  out.events = replayer.events();
  out.decisions = replayer.decisions();
  out.problem = damage_of(*reader);
  if (result == replay::replayer::outcome::diverged)
    out.problem = fmt::format("the replay diverged at decision {}",
                              replayer.first_divergence()->seq);
  else if (result == replay::replayer::outcome::dropped)
    out.problem = fmt::format("the log dropped records at {}", replayer.seq());
  return out;
}

namespace {

pass_timing summarize(std::vector<pass_result> results) {
  std::string problem;
  for (const auto& r : results)
    if (problem.empty())
      problem = r.problem;
  std::sort(results.begin(), results.end(),
            [](const auto& a, const auto& b) { return a.elapsed < b.elapsed; });
  pass_timing out{results[results.size() / 2], results.front().elapsed,
                  results.back().elapsed};
  out.median.problem = std::move(problem);
  return out;
}

} // namespace

replay_timings time_passes(std::string_view log, std::size_t runs) {
  std::vector<pass_result> parse, apply, full;
  for (std::size_t i = 0; i < runs; ++i) {
    parse.push_back(parse_only(log));
    apply.push_back(apply_only(log));
    full.push_back(full_replay(log));
  }
  return {summarize(std::move(parse)), summarize(std::move(apply)),
          summarize(std::move(full))};
}

} // namespace actordev::bench
