#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>

namespace actordev::cli {

/// A CLI11 check for a whole number of at least `min` (a sequence number,
/// a count), whose error says what to write instead of CLI11's
/// floating-point range.
CLI::Validator whole_number(std::uint64_t min);

} // namespace actordev::cli
