#include "runtime/build_plan.hpp"

#include "runtime/build_rules.hpp"
#include "runtime/next_target.hpp"
#include "runtime/reducer.hpp"

#include <optional>

namespace actordev {

namespace {

/// Holds every eligible candidate waiting-for-slot, after the live update
/// rules had their say (rule 10 may have returned before them).
void hold_for_slots(const engine_state& s, hold_set& h) {
  auto rest = h.eligible_only(s, rules::targets_needing_any_build(s));
  rules::hold_reconciling(s, rest, h);
  rules::hold_waiting_for_deploy(s, rest, h);
  for (auto i : rest)
    h.add(s, i, {msg::HOLD_WAITING_FOR_SLOT, {}});
}

} // namespace

int free_build_slots(const engine_state& s) {
  return s.config.max_parallel_updates - s.building_count();
}

build_plan plan_builds(engine_state& s, int free_slots) {
  build_plan plan;
  auto d = next_target_to_build(s);
  // A start touches only that manifest's builds and the trigger queue:
  // keep those to put back.
  std::vector<std::pair<std::size_t, manifest_builds>> undo;
  auto triggers = s.triggers;
  while (d.next && free_slots-- > 0) {
    auto i = *d.next;
    undo.emplace_back(i, s.builds[i]);
    msg::BuildStarted started;
    started.set_manifest(s.manifests[i].name());
    plan.start.push_back(started.manifest());
    apply(s, started);
    d = next_target_to_build(s);
  }
  if (d.next)
    hold_for_slots(s, d.holds);
  plan.holds = std::move(d.holds);
  for (auto it = undo.rbegin(); it != undo.rend(); ++it)
    s.builds[it->first] = std::move(it->second);
  s.triggers = std::move(triggers);
  return plan;
}

build_plan plan_builds(const engine_state& s, int free_slots) {
  engine_state scratch = s;
  return plan_builds(scratch, free_slots);
}

build_plan plan_builds(const engine_state& s) {
  return plan_builds(s, free_build_slots(s));
}

} // namespace actordev
