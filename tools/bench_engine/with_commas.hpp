#pragma once

#include <cstdint>
#include <string>

namespace actordev::bench {

/// 10000 as "10,000": how the benchmarks print counts.
std::string with_commas(std::uint64_t n);

} // namespace actordev::bench
