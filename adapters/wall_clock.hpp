#pragma once

#include <cstdint>

namespace actordev::adapters {

/// The wall clock in microseconds since the epoch: the time every message
/// carries (`time_us`).
std::int64_t wall_clock_us();

/// The monotonic clock in microseconds from an arbitrary origin: for
/// deadlines, never for times that leave the process.
std::int64_t steady_clock_us();

} // namespace actordev::adapters
