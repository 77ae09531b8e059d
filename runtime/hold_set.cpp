#include "runtime/hold_set.hpp"

namespace actordev {

namespace {

// Rule 1's candidates all need a build: for them the flags answer.
bool holdable(const engine_state& s, std::size_t i) {
  const auto& f = s.flags[i];
  return !f.building && (f.wants_build || s.needs_build(i));
}

} // namespace

const hold hold_set::no_hold{};

void hold_set::set(std::size_t i, hold h) {
  if (slot_[i] != 0) {
    held_[slot_[i] - 1].second = std::move(h);
    return;
  }
  held_.emplace_back(i, std::move(h));
  slot_[i] = static_cast<std::uint32_t>(held_.size());
}

void hold_set::add(const engine_state& s, std::size_t i, hold h) {
  if (h && slot_[i] == 0 && holdable(s, i))
    set(i, std::move(h));
}

void hold_set::fill(const engine_state& s,
                    const std::vector<std::size_t>& targets, const hold& h) {
  for (auto i : targets)
    add(s, i, h);
}

void hold_set::overwrite(const engine_state& s, std::size_t i, hold h) {
  if (h && holdable(s, i))
    set(i, std::move(h));
}

bool hold_set::eligible(const engine_state& s, std::size_t i) const {
  return slot_[i] == 0 && holdable(s, i);
}

std::vector<std::size_t>
hold_set::eligible_only(const engine_state& s,
                        const std::vector<std::size_t>& targets) const {
  std::vector<std::size_t> out;
  out.reserve(targets.size());
  for (auto i : targets)
    if (eligible(s, i))
      out.push_back(i);
  return out;
}

bool operator==(const hold_set& a, const hold_set& b) {
  if (a.size() != b.size() || a.held() != b.held())
    return false;
  for (const auto& [i, h] : a.held_)
    if (b[i] != h)
      return false;
  return true;
}

} // namespace actordev
