#pragma once

#include "runtime/result.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace actordev::bench {

/// The command line of bench_replay.
struct replay_options {
  std::uint64_t events = 1'000'000; ///< events in the generated log
  std::size_t runs = 5;             ///< rounds of the three passes
  bool quick = false;               ///< 100,000 events, 3 rounds
  bool markdown = false;            ///< the report as markdown
  std::string out = {};             ///< also write the log here
  bool help = false;
};

/// What `--help` prints.
extern const std::string_view replay_usage;

/// Parses the arguments after the program name. The error says which
/// argument was wrong and what was expected.
result<replay_options, std::string>
parse_replay_options(std::span<char* const> args);

} // namespace actordev::bench
