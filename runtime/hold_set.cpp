#include "runtime/hold_set.hpp"

namespace actordev {

namespace {

bool holdable(const engine_state& s, std::size_t i) {
  return !s.builds[i].building() && s.needs_build(i);
}

} // namespace

void hold_set::add(const engine_state& s, std::size_t i, hold h) {
  if (!holds_[i] && holdable(s, i))
    holds_[i] = std::move(h);
}

void hold_set::fill(const engine_state& s,
                    const std::vector<std::size_t>& targets, const hold& h) {
  for (auto i : targets)
    add(s, i, h);
}

void hold_set::overwrite(const engine_state& s, std::size_t i, hold h) {
  if (holdable(s, i))
    holds_[i] = std::move(h);
}

bool hold_set::eligible(const engine_state& s, std::size_t i) const {
  return !holds_[i] && holdable(s, i);
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

} // namespace actordev
