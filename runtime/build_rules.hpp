#pragma once

#include "runtime/engine_state.hpp"
#include "runtime/hold_set.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The scheduling rules of DESIGN.md §4, one function each, in the order
/// next_target_to_build applies them. A `hold_*` rule adds holds through
/// hold_set (so the first hold wins); rules that "hold all and choose none"
/// return true when they did. Indexes are positions in s.manifests.
namespace actordev::rules {

using manifest_list = std::vector<std::size_t>;

/// The cluster a manifest runs on: its spec's, or "default" for Kubernetes
/// and "docker" for compose; empty for local resources.
std::string_view cluster_of(const msg::ManifestSpec& m);

/// The manifests building now, in config order. Computed once per
/// decision and handed to the rules that care (4 to 7).
manifest_list building_manifests(const engine_state& s);

/// Rule 1. Enabled manifests that need a build: never built and
/// auto-initial, or triggered, or with pending changes and auto-on-change.
manifest_list targets_needing_any_build(const engine_state& s);

/// Rule 2. The config file has an unloaded edit: hold all (config-reload).
bool hold_for_config_reload(const engine_state& s, const manifest_list& c,
                            hold_set& h);

/// Rule 3. A candidate's enable state is pending: hold all on those.
bool hold_for_pending_enable(const engine_state& s, const manifest_list& c,
                             hold_set& h);

/// Rule 4. An unparallelizable local resource is building: hold all on it
/// (waiting-for-local).
bool hold_for_building_local(const engine_state& s,
                             const manifest_list& building,
                             const manifest_list& c, hold_set& h);

/// Rule 5. Anything is building: hold unparallelizable local candidates
/// (is-unparallelizable-local). The one rule that replaces earlier holds.
void hold_unparallelizable_locals(const engine_state& s,
                                  const manifest_list& building,
                                  const manifest_list& c, hold_set& h);

/// Rule 6. Uncategorized YAML is building: hold Kubernetes candidates.
void hold_k8s_for_uncategorized(const engine_state& s,
                                const manifest_list& building,
                                const manifest_list& c, hold_set& h);

/// Rule 7. Hold candidates that share a target (say a base image) with a
/// building manifest, unless that image can be reused: it was built, and has
/// no pending changes.
void hold_building_components(const engine_state& s,
                              const manifest_list& building,
                              const manifest_list& c, hold_set& h);

/// Rule 8. First builds only: hold candidates whose resource_deps have never
/// been ready or succeeded.
void hold_waiting_on_deps(const engine_state& s, const manifest_list& c,
                          hold_set& h);

/// Rule 9. Hold candidates on a cluster with an error or an unknown
/// architecture.
void hold_waiting_on_cluster(const engine_state& s, const manifest_list& c,
                             hold_set& h);

/// Rule 9b (actordev's own). Hold candidates with `build_on: remote`
/// images while no builder has a free slot for them, waiting on every
/// builder.
void hold_waiting_for_builder(const engine_state& s, const manifest_list& c,
                              hold_set& h);

/// Rule 10. Among eligible never-built auto-initial manifests: local ones
/// first, then uncategorized YAML, then deploy-only Kubernetes, then config
/// order. Nothing when none is unbuilt.
std::optional<std::size_t> next_unbuilt(const engine_state& s,
                                        const manifest_list& eligible);

/// Rule 11. Hold candidates whose changes a healthy live updater is
/// handling (reconciling).
void hold_reconciling(const engine_state& s, const manifest_list& c,
                      hold_set& h);

/// Rule 12. The first eligible manifest in the trigger queue.
std::optional<std::size_t> next_triggered(const engine_state& s,
                                          const manifest_list& c,
                                          const hold_set& h);

/// Rule 13. Hold live-update candidates whose only reason is changed files,
/// all synced and none a fall_back_on, while their container is still
/// starting (waiting-for-deploy).
void hold_waiting_for_deploy(const engine_state& s, const manifest_list& c,
                             hold_set& h);

/// Rule 14. The auto-on-change manifest with the earliest pending change
/// (ties: config order).
std::optional<std::size_t> earliest_pending(const engine_state& s,
                                            const manifest_list& eligible);

} // namespace actordev::rules
