#include "runtime/engine_state.hpp"

#include <algorithm>

namespace actordev {

std::vector<std::string> engine_state::triggered_names() const {
  std::vector<std::string> out;
  for (auto i : triggers.order())
    out.push_back(manifests[i].name());
  return out;
}

unsigned engine_state::next_build_reason(std::size_t i) const {
  const auto& b = builds[i];
  unsigned reason = reason_none;
  if (b.has_pending_files())
    reason |= reason_changed_files;
  if (b.has_pending_dep_changes())
    reason |= reason_changed_deps;
  if (b.pending_config_change)
    reason |= reason_config;
  if (!b.started_first_build() && auto_initial(manifests.traits(i).trigger))
    reason |= reason_init;
  if (triggers.contains(i))
    reason |= reason_trigger;
  return reason;
}

int engine_state::building_count() const {
  return static_cast<int>(building_now.size());
}

namespace {

/// Puts manifest i into the sorted list, or takes it out.
void keep_listed(std::vector<std::size_t>& list, std::size_t i, bool listed) {
  auto at = std::lower_bound(list.begin(), list.end(), i);
  bool there = at != list.end() && *at == i;
  if (listed && !there)
    list.insert(at, i);
  else if (!listed && there)
    list.erase(at);
}

} // namespace

void engine_state::refresh(std::size_t i) {
  manifest_flags f{builds[i].building(), wants_build(i)};
  if (f.building != flags[i].building)
    keep_listed(building_now, i, f.building);
  if (f.wants_build != flags[i].wants_build)
    keep_listed(wanting_build, i, f.wants_build);
  flags[i] = f;
}

void engine_state::refresh_all() {
  flags.assign(manifests.size(), {});
  wanting_build.clear();
  building_now.clear();
  for (std::size_t i = 0; i < flags.size(); ++i)
    refresh(i);
}

} // namespace actordev
