#include "runtime/next_target.hpp"

#include "runtime/build_rules.hpp"

namespace actordev {

decision next_target_to_build(const engine_state& s) {
  using namespace rules;
  decision d{std::nullopt, hold_set{s.manifests.size()}};
  auto& h = d.holds;
  auto targets = targets_needing_any_build(s); // 1
  h.reserve(targets.size());
  auto building = building_manifests(s);
  if (hold_for_config_reload(s, targets, h)                // 2
      || hold_for_pending_enable(s, targets, h)            // 3
      || hold_for_building_local(s, building, targets, h)) // 4
    return d;
  hold_unparallelizable_locals(s, building, targets, h); // 5
  hold_k8s_for_uncategorized(s, building, targets, h);   // 6
  hold_building_components(s, building, targets, h);     // 7
  hold_waiting_on_deps(s, targets, h);                   // 8
  hold_waiting_on_cluster(s, targets, h);                // 9
  hold_waiting_for_builder(s, targets, h);               // 9b
  targets = h.eligible_only(s, targets);
  if ((d.next = next_unbuilt(s, targets))) // 10
    return d;
  hold_reconciling(s, targets, h);              // 11
  if ((d.next = next_triggered(s, targets, h))) // 12
    return d;
  hold_waiting_for_deploy(s, targets, h);                    // 13
  d.next = earliest_pending(s, h.eligible_only(s, targets)); // 14
  return d;
}

} // namespace actordev
