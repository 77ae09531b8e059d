#pragma once

// Before result.hpp, which uses size_t without including <cstddef>.
#include <cstddef>

#include "runtime/result.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace actordev::bench {

/// The command line of bench_engine.
struct options {
  std::vector<std::size_t> sizes = {};  ///< manifests per project
  bool quick = false;     ///< a smoke run: short budgets, sizes up to 1,000
  bool markdown = false;  ///< print the report as markdown
  bool help = false;
};

/// The smallest project size: the first ten manifests are a fixed mix.
inline constexpr std::size_t min_size = 10;

/// What `--help` prints.
extern const std::string_view usage;

/// Parses the arguments after the program name. The error says which
/// argument was wrong and what was expected.
result<options, std::string> parse_options(std::span<char* const> args);

} // namespace actordev::bench
