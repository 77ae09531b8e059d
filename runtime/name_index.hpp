#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actordev {

/// Names to their positions 0..n-1, looked up by string_view. An
/// open-addressing table of (hash, position) pairs, at most half full, over
/// a copy of the names: a lookup hashes once and almost always compares one
/// name, with no node to chase. Every event names its manifest, so replaying
/// a long log looks names up millions of times.
class name_index {
public:
  /// Replaces the index: names[i] maps to i. A repeated name keeps its
  /// first position.
  void assign(const std::vector<std::string_view>& names);

  /// The position of `name`, or nothing.
  std::optional<std::size_t> find(std::string_view name) const;

private:
  struct slot {
    std::uint64_t hash = 0;
    std::uint32_t position = empty; ///< into names_
  };
  static constexpr std::uint32_t empty = UINT32_MAX;

  std::vector<std::string> names_;
  std::vector<slot> slots_; ///< a power of two in size, or none
};

} // namespace actordev
