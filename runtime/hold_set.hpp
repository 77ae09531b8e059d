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
      : manifests_(manifests) {}

  /// The hold on manifest i; HOLD_NONE when it is not held.
  const hold& operator[](std::size_t i) const {
    auto k = slot(i);
    return k == 0 ? no_hold : held_[k - 1].second;
  }
  /// How many manifests the set covers.
  std::size_t size() const noexcept { return manifests_; }
  /// How many of them are held.
  std::size_t held() const noexcept { return held_.size(); }
  /// Makes room for `n` holds at once (one allocation, not one per
  /// doubling: a cold start holds hundreds).
  void reserve(std::size_t n) { held_.reserve(n); }

  /// Holds manifest i unless it is building, needs no build, or is held.
  void add(const engine_state& s, std::size_t i, hold h);
  /// `add` for each of `targets`.
  void fill(const engine_state& s, const std::vector<std::size_t>& targets,
            const hold& h);
  /// Holds manifest i, replacing any earlier hold (only rule 5 does this).
  /// Still never holds a building or reason-less manifest. Like `add`, a
  /// `h` of HOLD_NONE changes nothing.
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
  /// Holds this many, and manifests are found through slot_, not by
  /// looking through held_.
  static constexpr std::size_t indexed_from = 32;

  /// 0 when manifest i is not held, else 1 + where its hold is in held_.
  std::size_t slot(std::size_t i) const;
  void set(std::size_t i, hold h);

  std::size_t manifests_;
  std::vector<std::pair<std::size_t, hold>> held_; ///< (manifest, hold)
  /// By manifest, slot(i); empty while few are held.
  std::vector<std::uint32_t> slot_;
};

} // namespace actordev
