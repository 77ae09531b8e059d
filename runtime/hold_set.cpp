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

std::size_t hold_set::slot(std::size_t i) const {
  if (!slot_.empty())
    return slot_[i];
  for (std::size_t k = 0; k < held_.size(); ++k)
    if (held_[k].first == i)
      return k + 1;
  return 0;
}

void hold_set::set(std::size_t i, hold h) {
  if (auto k = slot(i)) {
    held_[k - 1].second = std::move(h);
    return;
  }
  held_.emplace_back(i, std::move(h));
  if (!slot_.empty()) {
    slot_[i] = static_cast<std::uint32_t>(held_.size());
  } else if (held_.size() == indexed_from) {
    slot_.assign(manifests_, 0);
    for (std::size_t k = 0; k < held_.size(); ++k)
      slot_[held_[k].first] = static_cast<std::uint32_t>(k + 1);
  }
}

void hold_set::add(const engine_state& s, std::size_t i, hold h) {
  if (h && slot(i) == 0 && holdable(s, i))
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
  return slot(i) == 0 && holdable(s, i);
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
