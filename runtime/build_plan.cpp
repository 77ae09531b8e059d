#include "runtime/build_plan.hpp"

#include "runtime/build_rules.hpp"
#include "runtime/next_target.hpp"
#include "runtime/reducer.hpp"
#include "runtime/remote/build_place.hpp"

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

/// Undoes simulated build starts when it goes out of scope. A start touches
/// only that manifest's builds, its flags and the trigger queue (see the
/// BuildStarted handler), so those are what it keeps.
class undo_starts {
public:
  explicit undo_starts(engine_state& s)
      : s_(s) {}
  undo_starts(const undo_starts&) = delete;
  undo_starts& operator=(const undo_starts&) = delete;
  ~undo_starts() {
    if (saved_.empty())
      return;
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it)
      s_.builds[it->first] = std::move(it->second);
    s_.triggers = std::move(*triggers_);
    for (const auto& kept : saved_)
      s_.refresh(kept.first);
  }

  /// Call before starting manifest i.
  void keep(std::size_t i) {
    if (!triggers_)
      triggers_ = s_.triggers;
    saved_.emplace_back(i, s_.builds[i]);
  }

private:
  engine_state& s_;
  std::optional<trigger_queue> triggers_; ///< as before the first start
  std::vector<std::pair<std::size_t, manifest_builds>> saved_;
};

} // namespace

bool build_plan::any_remote() const {
  for (const auto& b : builders)
    if (!b.empty())
      return true;
  return false;
}

int free_build_slots(const engine_state& s) {
  return s.config.max_parallel_updates - s.building_count();
}

build_plan plan_builds(engine_state& s, int free_slots) {
  build_plan plan;
  auto d = next_target_to_build(s);
  undo_starts undo(s);
  while (d.next && free_slots-- > 0) {
    auto i = *d.next;
    undo.keep(i);
    msg::BuildStarted started;
    started.set_manifest(s.manifests[i].name());
    // Rule 9b held a build that must wait for a builder.
    if (auto at = remote::place_build(s, i);
        at.at == remote::choice::where::builder)
      started.set_builder(s.builders[at.builder].address);
    plan.start.push_back(started.manifest());
    plan.builders.push_back(started.builder());
    apply(s, started);
    d = next_target_to_build(s);
  }
  if (d.next)
    hold_for_slots(s, d.holds);
  plan.holds = std::move(d.holds);
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
