#include "runtime/reducer.hpp"

#include "runtime/pod_state.hpp"

#include <algorithm>

namespace actordev {

namespace {

/// Every (manifest, target status) pair that a changed target belongs to:
/// an image may be shared by several manifests.
template <class F>
void for_each_status(engine_state& s, const target_ref& t, F&& f) {
  if (t.type == msg::TARGET_IMAGE) {
    for (auto i : s.manifests.users_of(t.name))
      if (auto* status = s.builds[i].find(t))
        f(i, *status);
    return;
  }
  auto i = s.manifests.find(t.name);
  if (!i)
    return;
  auto key =
      t.type == msg::TARGET_MANIFEST ? deploy_target(s.manifests[*i]) : t;
  if (auto* status = s.builds[*i].find(key))
    f(*i, *status);
}

/// Tilt's handleBuildResults for the other users of the images manifest
/// `built` just built (in a build started at `started`): a manifest that
/// already needs a build, and is not building, reuses the new image instead
/// of building it again, and what it builds on that image must rebuild.
/// Manifests with nothing to do are left alone, so shared images never make
/// manifests rebuild each other in turn.
void share_image_results(engine_state& s, std::size_t built,
                         const std::vector<std::string>& images,
                         time_us started) {
  std::vector<std::size_t> others;
  for (const auto& image : images)
    for (auto j : s.manifests.users_of(image))
      if (j != built &&
          std::find(others.begin(), others.end(), j) == others.end())
        others.push_back(j);
  for (auto j : others) {
    auto& b = s.builds[j];
    if (b.building() || !s.needs_build(j))
      continue;
    std::vector<std::string> updated;
    for (const auto& image : images)
      if (auto* status = b.find(image_ref(image))) {
        status->last_result = msg::RESULT_IMAGE;
        status->consume_changes_until(started);
        updated.push_back(image);
      }
    for (const auto& image : updated)
      for (const auto& dep : s.manifests.dependents_of(j, image)) {
        bool rebuilt = dep.type == msg::TARGET_IMAGE &&
                       std::find(updated.begin(), updated.end(), dep.name) !=
                           updated.end();
        auto* status = b.find(dep);
        if (!rebuilt && status && !status->pending_dep_change)
          status->pending_dep_change = started;
      }
    s.refresh(j);
  }
}

/// Remembers that manifest i was ready or succeeded, if it is now.
void note_readiness(engine_state& s, std::size_t i) {
  const auto& rt = s.runtimes[i];
  if (rt.ready || rt.succeeded)
    s.ever_ready[i] = 1;
}

void record_deploy(engine_state& s, std::size_t i) {
  record_deploy(s.runtimes[i], s.manifests[i]);
  note_readiness(s, i);
}

} // namespace

void apply(engine_state& s, const msg::Event& e) {
  s.now = std::max(s.now, e.time_us());
  switch (e.kind_case()) {
  case msg::Event::kConfigLoaded:
    return apply(s, e.config_loaded());
  case msg::Event::kConfigLoadFailed:
    return apply(s, e.config_load_failed());
  case msg::Event::kFilesChanged:
    return apply(s, e.files_changed());
  case msg::Event::kBuildStarted:
    return apply(s, e.build_started());
  case msg::Event::kBuildFinished:
    return apply(s, e.build_finished());
  case msg::Event::kRuntimeChanged:
    return apply(s, e.runtime_changed());
  case msg::Event::kClusterStatus:
    return apply(s, e.cluster_status());
  case msg::Event::kLiveUpdateStatus:
    return apply(s, e.live_update_status());
  case msg::Event::kTriggerRequested:
    return apply(s, e.trigger_requested());
  case msg::Event::kEnableChanged:
    return apply(s, e.enable_changed());
  case msg::Event::kBuilderStatus:
    return apply(s, e.builder_status());
  case msg::Event::KIND_NOT_SET:
    return;
  }
}

void apply(engine_state& s, const msg::FilesChanged& e) {
  for (const auto& change : e.changes()) {
    auto target = from_proto(change.target());
    if (target.type == msg::TARGET_CONFIG) {
      s.config.pending_change = s.now;
      continue;
    }
    for_each_status(s, target, [&](std::size_t i, auto& status) {
      for (const auto& path : change.paths())
        status.pending_files[path] = s.now;
      s.refresh(i);
    });
  }
}

void apply(engine_state& s, const msg::BuildStarted& e) {
  auto i = s.manifests.find(e.manifest());
  if (!i)
    return;
  auto& b = s.builds[*i];
  b.current = build_record{s.now, 0, e.kind(), {}, {}, e.builder()};
  for (auto& t : b.targets) {
    if (e.kind() == msg::BUILD_FULL &&
        (t.earliest_pending() || t.last_result == msg::RESULT_NONE))
      b.current->rebuilding.push_back(t.target);
    t.pending_files.clear();
    t.pending_dep_change.reset();
  }
  b.pending_config_change.reset();
  s.triggers.remove(*i);
  s.refresh(*i);
}

void apply(engine_state& s, const msg::BuildFinished& e) {
  auto i = s.manifests.find(e.manifest());
  if (!i || !s.builds[*i].building())
    return;
  auto& b = s.builds[*i];
  b.last = std::move(b.current);
  b.current.reset();
  b.last->finished = s.now;
  b.last->error = e.error();
  // As in Tilt, a failed build's results still count: an image may have
  // been built before the deploy failed.
  std::vector<std::string> images;
  for (const auto& r : e.results()) {
    auto target = from_proto(r.target());
    if (auto* status = b.find(target))
      status->last_result = r.kind();
    if (r.kind() == msg::RESULT_IMAGE)
      images.push_back(target.name);
  }
  share_image_results(s, *i, images, b.last->started);
  if (e.error().empty())
    // A rebuilt image is a fresh start for its live update: changes made
    // during the build are live-updated, not rebuilt again while the
    // updater's own "healthy" is on its way.
    for (const auto& name : images)
      if (auto lu = s.live_updates.find(name); lu != s.live_updates.end())
        lu->second.failed.clear();
  s.refresh(*i);
  if (e.error().empty())
    record_deploy(s, *i);
}

void apply(engine_state& s, const msg::RuntimeChanged& e) {
  auto i = s.manifests.find(e.manifest());
  if (!i)
    return;
  apply_runtime(s.runtimes[*i], s.manifests[*i], e);
  note_readiness(s, *i);
}

void apply(engine_state& s, const msg::ClusterStatus& e) {
  s.clusters[e.name()] = cluster_state{e.arch(), e.error()};
}

void apply(engine_state& s, const msg::BuilderStatus& e) {
  for (auto& b : s.builders)
    if (b.address == e.address()) {
      b.connected = e.connected();
      b.slots = e.slots();
      return;
    }
  s.builders.push_back({e.address(), e.connected(), e.slots()});
}

void apply(engine_state& s, const msg::LiveUpdateStatus& e) {
  s.live_updates[e.name()] =
      live_update_state{{e.sources().begin(), e.sources().end()}, e.failed()};
}

void apply(engine_state& s, const msg::TriggerRequested& e) {
  auto i = s.manifests.find(e.manifest());
  if (i && s.enable[*i] != msg::ENABLE_DISABLED) {
    s.triggers.push(*i);
    s.refresh(*i);
  }
}

void apply(engine_state& s, const msg::EnableChanged& e) {
  auto i = s.manifests.find(e.manifest());
  if (!i)
    return;
  s.enable[*i] = e.state();
  if (e.state() == msg::ENABLE_DISABLED) {
    // Disabling tears the resource down: enabled again, it builds as new.
    s.triggers.remove(*i);
    forget_builds(s.builds[*i]);
  }
  s.refresh(*i);
}

} // namespace actordev
