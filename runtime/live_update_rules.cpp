// Rules 11 (reconciling) and 13 (waiting-for-deploy): how live updates
// interact with full builds. Tilt's build_control.go is the reference.
#include "runtime/build_rules.hpp"
#include "runtime/live_update_plan.hpp"

#include <algorithm>

namespace actordev::rules {

namespace {

/// A live-update-eligible build reason: only changed files, or (for a
/// manifest that does not build on change) a trigger plus changed files.
bool live_update_eligible(const engine_state& s, std::size_t i) {
  unsigned reason = s.next_build_reason(i);
  if (!(reason & reason_trigger))
    return reason == reason_changed_files;
  return (reason & ~reason_trigger) == reason_changed_files &&
         !auto_on_change(s.manifests.traits(i).trigger);
}

/// The live updaters of manifest i that handle changes of `changed`.
std::vector<const live_update_state*>
handlers_of(const engine_state& s, std::size_t i, const std::string& changed) {
  std::vector<const live_update_state*> out;
  for (const auto& name : s.manifests[i].images()) {
    const auto* img = s.manifests.image(name);
    if (!img || !has_live_update(*img))
      continue;
    auto lu = s.live_updates.find(name);
    if (lu == s.live_updates.end())
      continue;
    const auto& src = lu->second.sources;
    if (std::find(src.begin(), src.end(), changed) != src.end())
      out.push_back(&lu->second);
  }
  return out;
}

bool all_handled_by_live_update(const engine_state& s, std::size_t i) {
  for (const auto& t : s.builds[i].targets) {
    if (t.target.type != msg::TARGET_IMAGE || !t.has_pending_files())
      continue;
    auto handlers = handlers_of(s, i, t.target.name);
    if (handlers.empty())
      return false;
    for (const auto* lu : handlers)
      if (!lu->failed.empty())
        return false;
  }
  return true;
}

bool deploy_target_changed(const engine_state& s, std::size_t i) {
  const auto* t = s.builds[i].find(deploy_target(s.manifests[i]));
  return t && t->has_pending_files();
}

/// Every pending file is under a sync and none under a fall_back_on path.
bool files_live_updatable(const target_build_status& t,
                          const msg::ImageSpec* img) {
  if (!img)
    return false;
  const auto& lu = img->live_update();
  return std::all_of(
      t.pending_files.begin(), t.pending_files.end(), [&](const auto& change) {
        return synced(lu, change.first) && !fall_back_root(lu, change.first);
      });
}

/// Tilt's RunningContainersForOnePod, as a count: the running containers of
/// `image` in the one active pod; nothing when more than one pod is active.
std::optional<std::size_t>
running_containers(const std::vector<pod_state>& pods,
                   const std::string& image) {
  const pod_state* active = nullptr;
  for (const auto& p : pods) {
    if (p.phase == msg::POD_SUCCEEDED || p.phase == msg::POD_FAILED)
      continue;
    if (active)
      return std::nullopt;
    active = &p;
  }
  std::size_t n = 0;
  if (!active)
    return n;
  for (const auto& c : active->containers) {
    if (c.image != image)
      continue;
    if (c.id.empty() || c.name.empty() || c.state != msg::CONTAINER_RUNNING)
      return 0;
    ++n;
  }
  return n;
}

/// The Kubernetes half of rule 13: is the container for `image` still
/// being deployed?
bool k8s_container_pending(const runtime_state& rt, const std::string& image) {
  if (!rt.pods)
    return true; // wait for the resource to appear
  auto running = running_containers(*rt.pods, image);
  if (!running || *running > 0)
    return false;
  if (const auto* pod = most_recent_pod(*rt.pods)) {
    for (const auto& c : pod->containers)
      if (c.restarts > 0)
        return false; // a crash loop will not become healthy by waiting
    if (pod->phase == msg::POD_SUCCEEDED || pod->phase == msg::POD_FAILED)
      return false;
  }
  return true;
}

/// Compose and the local container runtime: no container was seen yet.
bool compose_container_pending(const runtime_state& rt) {
  return std::none_of(rt.containers.begin(), rt.containers.end(),
                      [](const auto& c) { return !c.id.empty(); });
}

/// Rule 13's test for one manifest (Tilt's IsLiveUpdateTargetWaitingOnDeploy).
bool live_update_waiting_on_deploy(const engine_state& s, std::size_t i) {
  if (s.next_build_reason(i) != reason_changed_files)
    return false;
  const auto& last = s.builds[i].last;
  if (!last || !last->error.empty())
    return false;
  const auto& rt = s.runtimes[i];
  if (rt.status == msg::RUNTIME_ERROR)
    return false;
  const auto& spec = s.manifests[i];
  for (const auto& t : s.builds[i].targets) {
    if (!t.has_pending_files())
      continue;
    if (t.target.type != msg::TARGET_IMAGE ||
        !files_live_updatable(t, s.manifests.image(t.target.name)))
      return false;
    if (is_k8s(spec)) {
      if (!k8s_container_pending(rt, t.target.name))
        return false;
    } else if (!runs_containers(spec) || !compose_container_pending(rt)) {
      return false;
    }
  }
  return true;
}

} // namespace

void hold_reconciling(const engine_state& s, const manifest_list& c,
                      hold_set& h) {
  for (auto i : c)
    if (live_update_eligible(s, i) && !deploy_target_changed(s, i) &&
        all_handled_by_live_update(s, i))
      h.add(s, i, {msg::HOLD_RECONCILING, {}});
}

void hold_waiting_for_deploy(const engine_state& s, const manifest_list& c,
                             hold_set& h) {
  for (auto i : c)
    if (live_update_waiting_on_deploy(s, i))
      h.add(s, i, {msg::HOLD_WAITING_FOR_DEPLOY, {}});
}

} // namespace actordev::rules
