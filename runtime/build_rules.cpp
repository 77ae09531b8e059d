// Rules 1-10, 12 and 14 of the build decision. The live update rules (11,
// 13) are in live_update_rules.cpp.
#include "runtime/build_rules.hpp"

#include "runtime/remote/build_place.hpp"

#include <algorithm>

namespace actordev::rules {

namespace {

/// The first of `building` whose trait is set.
std::optional<std::size_t> first_of(const engine_state& s,
                                    const manifest_list& building,
                                    bool manifest_traits::*trait) {
  for (auto i : building)
    if (s.manifests.traits(i).*trait)
      return i;
  return std::nullopt;
}

/// Tilt's canReuseImageTargetHeuristic.
bool reusable_image(const target_build_status& t) {
  return t.target.type == msg::TARGET_IMAGE && !t.has_pending_files() &&
         !t.has_pending_dep_change() && t.last_result == msg::RESULT_IMAGE;
}

} // namespace

manifest_list building_manifests(const engine_state& s) {
  return s.building_now;
}

std::string_view cluster_of(const msg::ManifestSpec& m) {
  if (!m.cluster().empty() || is_local(m) || is_container(m))
    return m.cluster();
  return is_k8s(m) ? "default" : "docker";
}

// The reducer keeps the answer (see engine_state::wants_build).
manifest_list targets_needing_any_build(const engine_state& s) {
  return s.wanting_build;
}

bool hold_for_config_reload(const engine_state& s, const manifest_list& c,
                            hold_set& h) {
  if (!s.config.pending_change)
    return false;
  h.fill(s, c,
         {msg::HOLD_CONFIG_RELOAD, {{msg::TARGET_CONFIG, s.config.path}}});
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

bool hold_for_building_local(const engine_state& s,
                             const manifest_list& building,
                             const manifest_list& c, hold_set& h) {
  auto local = first_of(s, building, &manifest_traits::unparallelizable_local);
  if (!local)
    return false;
  h.fill(s, c,
         {msg::HOLD_WAITING_FOR_LOCAL,
          {manifest_ref(s.manifests[*local].name())}});
  return true;
}

void hold_unparallelizable_locals(const engine_state& s,
                                  const manifest_list& building,
                                  const manifest_list& c, hold_set& h) {
  if (building.empty())
    return;
  for (auto i : c)
    if (s.manifests.traits(i).unparallelizable_local)
      h.overwrite(s, i, {msg::HOLD_IS_UNPARALLELIZABLE_LOCAL, {}});
}

void hold_k8s_for_uncategorized(const engine_state& s,
                                const manifest_list& building,
                                const manifest_list& c, hold_set& h) {
  if (!first_of(s, building, &manifest_traits::uncategorized))
    return;
  for (auto i : c)
    if (s.manifests.traits(i).k8s)
      h.add(s, i,
            {msg::HOLD_WAITING_FOR_UNCATEGORIZED,
             {manifest_ref(std::string{uncategorized_name})}});
}

// Only images can be shared: a deploy target belongs to one manifest, and a
// building manifest is never held. So Tilt's "building targets" reduce to
// the images building manifests cannot reuse.
void hold_building_components(const engine_state& s,
                              const manifest_list& building,
                              const manifest_list& c, hold_set& h) {
  std::vector<const std::string*> images;
  for (auto i : building) {
    const auto& b = s.builds[i];
    for (const auto& t : b.targets)
      if (t.target.type == msg::TARGET_IMAGE && !reusable_image(t))
        images.push_back(&t.target.name);
    // Unlike Tilt: a build consumes its changes when it starts, so an image
    // it is rebuilding would otherwise look reusable.
    for (const auto& t : b.current->rebuilding)
      if (t.type == msg::TARGET_IMAGE)
        images.push_back(&t.name);
  }
  if (images.empty())
    return;
  auto is_building = [&](const std::string& image) {
    return std::any_of(images.begin(), images.end(),
                       [&](const auto* name) { return *name == image; });
  };
  for (auto i : c) {
    if (!s.manifests.traits(i).has_images)
      continue;
    hold held{msg::HOLD_BUILDING_COMPONENT, {}};
    for (const auto& t : s.builds[i].targets)
      if (t.target.type == msg::TARGET_IMAGE && !reusable_image(t) &&
          is_building(t.target.name))
        held.waiting_on.push_back(t.target);
    if (!held.waiting_on.empty())
      h.add(s, i, std::move(held));
  }
}

void hold_waiting_on_deps(const engine_state& s, const manifest_list& c,
                          hold_set& h) {
  for (auto i : c) {
    const auto& deps = s.manifests.deps_of(i);
    if (deps.empty() || s.builds[i].started_first_build())
      continue;
    auto waiting = [&](const manifest_table::dependency& d) {
      return d.index == manifest_table::no_manifest || !s.ever_ready[d.index];
    };
    auto n = std::count_if(deps.begin(), deps.end(), waiting);
    if (n == 0)
      continue;
    hold held{msg::HOLD_WAITING_FOR_DEP, {}};
    held.waiting_on.reserve(static_cast<std::size_t>(n));
    for (const auto& d : deps)
      if (waiting(d))
        held.waiting_on.push_back(d.ref);
    h.add(s, i, std::move(held));
  }
}

void hold_waiting_on_cluster(const engine_state& s, const manifest_list& c,
                             hold_set& h) {
  // Most manifests share a cluster: look each up once in a row.
  std::string_view last;
  bool last_ok = true;
  for (auto i : c) {
    auto name = cluster_of(s.manifests[i]);
    if (name.empty())
      continue;
    if (name != last) {
      auto cl = s.clusters.find(std::string{name});
      last = name;
      last_ok = cl != s.clusters.end() && cl->second.ok();
    }
    if (!last_ok)
      h.add(s, i,
            {msg::HOLD_WAITING_FOR_CLUSTER, {cluster_ref(std::string{name})}});
  }
}

void hold_waiting_for_builder(const engine_state& s, const manifest_list& c,
                              hold_set& h) {
  for (auto i : c) {
    if (s.manifests.traits(i).build_on != msg::BUILD_ON_REMOTE ||
        remote::place_build(s, i).at != remote::choice::where::wait)
      continue;
    // The busy ones when some are connected, else all: what it waits on.
    bool any_connected = false;
    for (const auto& b : s.builders)
      any_connected = any_connected || b.connected;
    hold waiting{msg::HOLD_WAITING_FOR_BUILDER, {}};
    for (const auto& b : s.builders)
      if (b.connected || !any_connected)
        waiting.waiting_on.push_back({msg::TARGET_BUILDER, b.address});
    h.add(s, i, std::move(waiting));
  }
}

std::optional<std::size_t> next_unbuilt(const engine_state& s,
                                        const manifest_list& eligible) {
  manifest_list unbuilt;
  for (auto i : eligible)
    if (auto_initial(s.manifests.traits(i).trigger) &&
        !s.builds[i].started_first_build())
      unbuilt.push_back(i);
  if (unbuilt.empty())
    return std::nullopt;
  auto first = [&](bool manifest_traits::*trait) -> std::optional<std::size_t> {
    auto it = std::find_if(unbuilt.begin(), unbuilt.end(), [&](auto i) {
      return s.manifests.traits(i).*trait;
    });
    return it == unbuilt.end() ? std::nullopt : std::optional{*it};
  };
  if (auto i = first(&manifest_traits::local))
    return i;
  if (auto i = first(&manifest_traits::uncategorized))
    return i;
  if (auto i = first(&manifest_traits::deploy_only_k8s))
    return i;
  return unbuilt.front();
}

std::optional<std::size_t> next_triggered(const engine_state& s,
                                          const manifest_list& c,
                                          const hold_set& h) {
  for (auto i : s.triggers.order())
    if (std::find(c.begin(), c.end(), i) != c.end() && h.eligible(s, i))
      return i;
  return std::nullopt;
}

std::optional<std::size_t> earliest_pending(const engine_state& s,
                                            const manifest_list& eligible) {
  std::optional<std::size_t> choice;
  std::optional<time_us> earliest;
  for (auto i : eligible) {
    if (!auto_on_change(s.manifests.traits(i).trigger))
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
