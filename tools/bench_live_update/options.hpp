#pragma once

#include "runtime/result.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace actordev::bench {

/// The command line of bench_live_update.
struct live_update_options {
  std::size_t edits = 100;        ///< measured edits (after one warm-up)
  std::size_t pause_ms = 500;     ///< quiet time after each edit is served
  std::size_t timeout_ms = 10000; ///< an edit not served by then is missed
  std::size_t poll_ms = 2;        ///< wait between two GETs of one edit
  bool in_place = false;          ///< write handler.py in place, no rename
  bool quick = false;             ///< 10 edits
  bool markdown = false;          ///< the report as markdown
  bool keep = false;              ///< keep the temporary project
  std::string actordev = {};      ///< the binary under test
  std::string example = {};       ///< the project copied
  bool help = false;
};

/// What `--help` prints.
extern const std::string_view live_update_usage;

/// Parses the arguments after the program name; fills in the defaults of
/// --actordev (beside this program) and --example (the source tree's). The
/// error says which argument was wrong and what was expected.
result<live_update_options, std::string>
parse_live_update_options(std::span<char* const> args);

} // namespace actordev::bench
