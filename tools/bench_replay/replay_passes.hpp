#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace actordev::bench {

/// One timed pass over a binary log and what it saw.
struct pass_result {
  std::chrono::nanoseconds elapsed{};
  std::uint64_t events = 0;
  std::uint64_t decisions = 0;
  /// Empty when the pass read the whole log and (full replay) every
  /// decision matched; else what went wrong, for a person.
  std::string problem = {};
};

/// Reads every record with read_binary and does nothing with it.
pass_result parse_only(std::string_view log);

/// Reads every record and applies every event to a fresh engine. Decisions
/// are not made: at a decision record the builds it granted are started
/// as recorded (the BuildStarted the live engine applied), so the events
/// after it meet the state they met when they were recorded.
pass_result apply_only(std::string_view log);

/// Feeds every record to a fresh replay::replayer: events applied, a
/// decision made and compared at each recorded one. A divergence or a
/// gap in the log is a problem.
pass_result full_replay(std::string_view log);

/// The median of several passes of one kind (with the problem of the first
/// that had one), and the fastest and slowest.
struct pass_timing {
  pass_result median;
  std::chrono::nanoseconds fastest{};
  std::chrono::nanoseconds slowest{};
};

/// The three passes, timed together.
struct replay_timings {
  pass_timing parse;
  pass_timing apply;
  pass_timing full;
};

/// Runs `runs` rounds (runs > 0) of the three passes over `log`, in turn
/// (parse, apply, full, parse...), so that any slow phase of the machine
/// falls on all three alike.
replay_timings time_passes(std::string_view log, std::size_t runs);

} // namespace actordev::bench
