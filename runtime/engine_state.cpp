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
  return static_cast<int>(
      std::count_if(flags.begin(), flags.end(),
                    [](const auto& f) { return f.building; }));
}

void engine_state::refresh_all() {
  flags.resize(manifests.size());
  for (std::size_t i = 0; i < flags.size(); ++i)
    refresh(i);
}

} // namespace actordev
