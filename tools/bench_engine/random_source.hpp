#pragma once

#include <cstddef>
#include <cstdint>

namespace actordev::bench {

/// splitmix64: a tiny generator whose sequence is the same with every
/// compiler and standard library (the std distributions are not), so a
/// seed always yields the same synthetic project.
class random_source {
public:
  explicit random_source(std::uint64_t seed) : state_(seed) {}

  /// The next 64 random bits.
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
  }

  /// A number in [0, n). Precondition: n > 0.
  std::size_t below(std::size_t n) { return next() % n; }

  /// True with a probability of `percent` in 100.
  bool chance(unsigned percent) { return below(100) < percent; }

private:
  std::uint64_t state_;
};

} // namespace actordev::bench
