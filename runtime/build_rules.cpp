// Rules 1-10, 12 and 14 of the build decision. The live update rules (11,
// 13) are in live_update_rules.cpp.
#include "runtime/build_rules.hpp"

#include <algorithm>
#include <unordered_set>

namespace actordev::rules {

namespace {

bool is_unparallelizable_local(const msg::ManifestSpec& m) {
  return is_local(m) && !m.allow_parallel();
}

std::optional<std::size_t> first_building(const engine_state& s, auto pred) {
  for (std::size_t i = 0; i < s.builds.size(); ++i)
    if (s.builds[i].building() && pred(s.manifests[i]))
      return i;
  return std::nullopt;
}

bool any_building(const engine_state& s) {
  return first_building(s, [](const auto&) { return true; }).has_value();
}

/// Tilt's canReuseImageTargetHeuristic.
bool reusable_image(const target_build_status& t) {
  return t.target.type == msg::TARGET_IMAGE && !t.has_pending_files()
         && !t.has_pending_dep_change() && t.last_result == msg::RESULT_IMAGE;
}

struct ref_hash {
  std::size_t operator()(const target_ref& r) const {
    return std::hash<std::string>{}(r.name) ^ static_cast<std::size_t>(r.type);
  }
};

} // namespace

std::string cluster_of(const msg::ManifestSpec& m) {
  if (!m.cluster().empty() || is_local(m))
    return m.cluster();
  return is_k8s(m) ? "default" : "docker";
}

manifest_list targets_needing_any_build(const engine_state& s) {
  manifest_list out;
  for (std::size_t i = 0; i < s.manifests.size(); ++i) {
    if (s.enable[i] == msg::ENABLE_DISABLED)
      continue;
    const auto& m = s.manifests[i];
    const auto& b = s.builds[i];
    if ((!b.started_first_build() && auto_initial(m.trigger_mode()))
        || s.in_trigger_queue(m.name())
        || (b.earliest_pending() && auto_on_change(m.trigger_mode())))
      out.push_back(i);
  }
  return out;
}

bool hold_for_config_reload(const engine_state& s, const manifest_list& c,
                            hold_set& h) {
  if (!s.config.pending_change)
    return false;
  h.fill(s, c, {msg::HOLD_CONFIG_RELOAD, {{msg::TARGET_CONFIG, s.config.path}}});
  return true;
}

bool hold_for_pending_enable(const engine_state& s, const manifest_list& c,
                             hold_set& h) {
  hold pending{msg::HOLD_CONFIG_RELOAD, {}};
  for (auto i : c)
    if (s.enable[i] == msg::ENABLE_PENDING)
      pending.waiting_on.push_back(manifest_ref(s.manifests[i].name()));
  if (pending.waiting_on.empty())
    return false;
  h.fill(s, c, pending);
  return true;
}

bool hold_for_building_local(const engine_state& s, const manifest_list& c,
                             hold_set& h) {
  auto local = first_building(s, is_unparallelizable_local);
  if (!local)
    return false;
  h.fill(s, c, {msg::HOLD_WAITING_FOR_LOCAL,
                {manifest_ref(s.manifests[*local].name())}});
  return true;
}

void hold_unparallelizable_locals(const engine_state& s,
                                  const manifest_list& c, hold_set& h) {
  if (!any_building(s))
    return;
  for (auto i : c)
    if (is_unparallelizable_local(s.manifests[i]))
      h.overwrite(s, i, {msg::HOLD_IS_UNPARALLELIZABLE_LOCAL, {}});
}

void hold_k8s_for_uncategorized(const engine_state& s, const manifest_list& c,
                                hold_set& h) {
  if (!first_building(s, is_uncategorized))
    return;
  for (auto i : c)
    if (is_k8s(s.manifests[i]))
      h.add(s, i, {msg::HOLD_WAITING_FOR_UNCATEGORIZED,
                   {manifest_ref(std::string{uncategorized_name})}});
}

void hold_building_components(const engine_state& s, const manifest_list& c,
                              hold_set& h) {
  std::unordered_set<target_ref, ref_hash> building;
  for (std::size_t i = 0; i < s.builds.size(); ++i) {
    if (!s.builds[i].building())
      continue;
    building.insert(manifest_ref(s.manifests[i].name()));
    for (const auto& t : s.builds[i].targets)
      if (!reusable_image(t))
        building.insert(t.target);
    // Unlike Tilt: a build consumes its changes when it starts, so an image
    // it is rebuilding would otherwise look reusable.
    for (const auto& t : s.builds[i].current->rebuilding)
      building.insert(t);
  }
  if (building.empty())
    return;
  for (auto i : c) {
    bool self = building.count(manifest_ref(s.manifests[i].name())) > 0;
    hold held{msg::HOLD_BUILDING_COMPONENT, {}};
    for (const auto& t : s.builds[i].targets)
      if (!reusable_image(t) && building.count(t.target))
        held.waiting_on.push_back(t.target);
    if (self || !held.waiting_on.empty())
      h.add(s, i, std::move(held));
  }
}

void hold_waiting_on_deps(const engine_state& s, const manifest_list& c,
                          hold_set& h) {
  for (auto i : c) {
    if (s.builds[i].started_first_build())
      continue;
    hold held{msg::HOLD_WAITING_FOR_DEP, {}};
    for (const auto& dep : s.manifests[i].resource_deps()) {
      auto d = s.manifests.find(dep);
      if (!d || !s.runtimes[*d].ever_ready_or_succeeded)
        held.waiting_on.push_back(manifest_ref(dep));
    }
    if (!held.waiting_on.empty())
      h.add(s, i, std::move(held));
  }
}

void hold_waiting_on_cluster(const engine_state& s, const manifest_list& c,
                             hold_set& h) {
  for (auto i : c) {
    auto name = cluster_of(s.manifests[i]);
    if (name.empty())
      continue;
    auto cl = s.clusters.find(name);
    if (cl == s.clusters.end() || !cl->second.ok())
      h.add(s, i, {msg::HOLD_WAITING_FOR_CLUSTER, {cluster_ref(name)}});
  }
}

std::optional<std::size_t> next_unbuilt(const engine_state& s,
                                        const manifest_list& eligible) {
  manifest_list unbuilt;
  for (auto i : eligible)
    if (!s.builds[i].started_first_build()
        && auto_initial(s.manifests[i].trigger_mode()))
      unbuilt.push_back(i);
  if (unbuilt.empty())
    return std::nullopt;
  auto first = [&](auto pred) -> std::optional<std::size_t> {
    auto it = std::find_if(unbuilt.begin(), unbuilt.end(),
                           [&](auto i) { return pred(s.manifests[i]); });
    return it == unbuilt.end() ? std::nullopt : std::optional{*it};
  };
  if (auto i = first(is_local))
    return i;
  if (auto i = first(is_uncategorized))
    return i;
  if (auto i = first([](const auto& m) {
        return is_k8s(m) && m.images_size() == 0;
      }))
    return i;
  return unbuilt.front();
}

std::optional<std::size_t> next_triggered(const engine_state& s,
                                          const manifest_list& c,
                                          const hold_set& h) {
  for (const auto& name : s.trigger_queue) {
    auto i = s.manifests.find(name);
    if (i && std::find(c.begin(), c.end(), *i) != c.end()
        && h.eligible(s, *i))
      return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> earliest_pending(const engine_state& s,
                                            const manifest_list& eligible) {
  std::optional<std::size_t> choice;
  std::optional<time_us> earliest;
  for (auto i : eligible) {
    if (!auto_on_change(s.manifests[i].trigger_mode()))
      continue;
    auto t = s.builds[i].earliest_pending();
    if (t && (!earliest || *t < *earliest)) {
      choice = i;
      earliest = t;
    }
  }
  return choice;
}

} // namespace actordev::rules
