#pragma once

#include "runtime/engine_state.hpp"
#include "runtime/hold.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace actordev {

/// The hold on every manifest, indexed like engine_state::manifests.
/// Follows Tilt's HoldSet: the first hold wins, and building or
/// reason-less manifests are never held. Costs what is held, not what
/// could be: a decision makes several and compares them.
class hold_set {
public:
  explicit hold_set(std::size_t manifests = 0)
      : slot_(manifests, 0) {}

  /// The hold on manifest i; HOLD_NONE when it is not held.
  const hold& operator[](std::size_t i) const {
    return slot_[i] == 0 ? no_hold : held_[slot_[i] - 1].second;
  }
  /// How many manifests the set covers.
  std::size_t size() const noexcept { return slot_.size(); }
  /// How many of them are held.
  std::size_t held() const noexcept { return held_.size(); }

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

  /// The same manifests covered, and each held alike.
  friend bool operator==(const hold_set& a, const hold_set& b);

private:
  static const hold no_hold;
  void set(std::size_t i, hold h);

  /// By manifest: 0 when not held, else 1 + where its hold is in held_.
  std::vector<std::uint32_t> slot_;
  std::vector<std::pair<std::size_t, hold>> held_; ///< (manifest, hold)
};

} // namespace actordev
