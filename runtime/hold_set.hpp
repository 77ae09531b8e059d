#pragma once

#include "runtime/engine_state.hpp"
#include "runtime/hold.hpp"

#include <cstddef>
#include <vector>

namespace actordev {

/// The hold on every manifest, indexed like engine_state::manifests.
/// Follows Tilt's HoldSet: the first hold wins, and building or
/// reason-less manifests are never held.
class hold_set {
public:
  explicit hold_set(std::size_t manifests = 0)
      : holds_(manifests) {}

  /// The hold on manifest i; HOLD_NONE when it is not held.
  const hold& operator[](std::size_t i) const { return holds_[i]; }
  /// How many manifests the set covers.
  std::size_t size() const noexcept { return holds_.size(); }

  /// Holds manifest i unless it is building, needs no build, or is held.
  void add(const engine_state& s, std::size_t i, hold h);
  /// `add` for each of `targets`.
  void fill(const engine_state& s, const std::vector<std::size_t>& targets,
            const hold& h);
  /// Holds manifest i, replacing any earlier hold (only rule 5 does this).
  /// Still never holds a building or reason-less manifest.
  void overwrite(const engine_state& s, std::size_t i, hold h);

  /// Not held, not building, and needing a build.
  bool eligible(const engine_state& s, std::size_t i) const;
  /// The eligible ones among `targets`, in the same order.
  std::vector<std::size_t>
  eligible_only(const engine_state& s,
                const std::vector<std::size_t>& targets) const;

  friend bool operator==(const hold_set&, const hold_set&) = default;

private:
  std::vector<hold> holds_;
};

} // namespace actordev
