#include "scenarios.hpp"

#include "random_source.hpp"

#include <chrono>
#include <optional>
#include <unordered_set>

namespace actordev::bench {

namespace {

/// One queued trigger per this many manifests (at least one).
constexpr std::size_t manifests_per_trigger = 200;
/// One pending file change per this many manifests (at least min_pending).
constexpr std::size_t manifests_per_pending = 50;
constexpr std::size_t min_pending = 4;
/// File changes arrive 1 to this many seconds apart.
constexpr std::size_t max_change_gap_s = 30;

/// The kinds that get pending changes, in turn.
constexpr manifest_kind pending_kinds[] = {
  manifest_kind::k8s, manifest_kind::k8s_live_update, manifest_kind::local,
  manifest_kind::parallel_local};

const std::string& name_of(const synthetic_project& p, std::size_t i) {
  return p.spec(i).name();
}

bool builds_on_change_and_start(const synthetic_project& p, std::size_t i) {
  return p.spec(i).trigger_mode() == msg::TRIGGER_AUTO;
}

bool is_k8s_kind(manifest_kind k) {
  return k == manifest_kind::k8s || k == manifest_kind::k8s_live_update;
}

void load(const synthetic_project& p, event_feed& feed) {
  feed.send(config_loaded_event(p.config));
  feed.send(cluster_healthy_event("default"));
  feed.send(cluster_healthy_event("docker"));
}

/// The targets of manifest i, less the images another build produced.
std::vector<target_ref> targets_to_build(const engine_state& s, std::size_t i,
                                         std::unordered_set<std::string>& done) {
  std::vector<target_ref> out;
  for (auto& t : s.manifests.targets_of(i))
    if (t.type != msg::TARGET_IMAGE || done.insert(t.name).second)
      out.push_back(std::move(t));
  return out;
}

/// What the runtime adapters report once manifest i is deployed.
void report_running(const synthetic_project& p, std::size_t i,
                    event_feed& feed) {
  const auto& name = name_of(p, i);
  std::string image{p.own_image(i)};
  switch (p.kinds[i]) {
    case manifest_kind::k8s:
    case manifest_kind::k8s_live_update:
      return feed.send(pod_ready_event(name, image));
    case manifest_kind::compose:
      return feed.send(container_running_event(name, image));
    case manifest_kind::local:
    case manifest_kind::parallel_local:
      if (p.spec(i).has_readiness_probe())
        feed.send(local_ready_event(name));
      return;
    case manifest_kind::uncategorized: return;
  }
}

/// Builds, in config order (dependencies first), every manifest that
/// builds at start.
void build_everything(const synthetic_project& p, event_feed& feed) {
  std::unordered_set<std::string> built_images;
  for (std::size_t i = 0; i < p.kinds.size(); ++i) {
    if (!auto_initial(p.spec(i).trigger_mode()))
      continue;
    const auto& name = name_of(p, i);
    feed.send(build_started_event(name));
    feed.send(build_finished_event(
      name, targets_to_build(feed.state(), i, built_images)));
    report_running(p, i, feed);
  }
}

void report_live_updates(const synthetic_project& p, event_feed& feed) {
  for (auto i : p.of_kind(manifest_kind::k8s_live_update))
    feed.send(live_update_healthy_event(std::string{p.own_image(i)}));
}

/// Hands out manifests of a kind at random, each at most once.
class role_picker {
public:
  role_picker(const synthetic_project& p, random_source& rng)
    : p_(p), rng_(rng), taken_(p.kinds.size(), false) {}

  /// A manifest of `kind` not taken yet for which `fits(i)` holds.
  template <class Fits>
  std::optional<std::size_t> take(manifest_kind kind, Fits fits) {
    auto pool = p_.of_kind(kind);
    if (pool.empty())
      return std::nullopt;
    auto start = rng_.below(pool.size());
    for (std::size_t n = 0; n < pool.size(); ++n) {
      auto i = pool[(start + n) % pool.size()];
      if (!taken_[i] && fits(i)) {
        taken_[i] = true;
        return i;
      }
    }
    return std::nullopt;
  }

private:
  const synthetic_project& p_;
  random_source& rng_;
  std::vector<bool> taken_;
};

void take_into(std::vector<std::size_t>& out, std::optional<std::size_t> i) {
  if (i)
    out.push_back(*i);
}

steady_roles pick_roles(const synthetic_project& p, random_source& rng) {
  role_picker pick(p, rng);
  auto auto_mode = [&](std::size_t i) {
    return builds_on_change_and_start(p, i);
  };
  auto any = [](std::size_t) { return true; };
  steady_roles r;
  take_into(r.building, pick.take(manifest_kind::k8s, auto_mode));
  take_into(r.building, pick.take(manifest_kind::parallel_local, auto_mode));
  r.probe = pick.take(manifest_kind::k8s, auto_mode);
  auto size = p.kinds.size();
  for (std::size_t n = 0; n < std::max(size / manifests_per_trigger,
                                       std::size_t{1}); ++n)
    take_into(r.triggered, pick.take(manifest_kind::local, any));
  for (std::size_t n = 0; n < std::max(size / manifests_per_pending,
                                       min_pending); ++n)
    take_into(r.pending,
              pick.take(pending_kinds[n % std::size(pending_kinds)],
                        auto_mode));
  return r;
}

/// A source file of manifest i changed: its own image's for a workload,
/// its own for a local resource. Live-updated images get a synced path.
msg::Event change_in(const synthetic_project& p, std::size_t i) {
  const auto& name = name_of(p, i);
  if (is_k8s_kind(p.kinds[i]))
    return files_changed_event(image_ref(std::string{p.own_image(i)}),
                               "/src/" + name + "/main.go");
  return files_changed_event({msg::TARGET_LOCAL, name},
                             "/src/" + name + "/main.c");
}

void change_files(const synthetic_project& p,
                  const std::vector<std::size_t>& which, random_source& rng,
                  event_feed& feed) {
  for (auto i : which) {
    auto gap = std::chrono::seconds(1 + rng.below(max_change_gap_s));
    feed.clock().advance(std::chrono::microseconds(gap).count());
    feed.send(change_in(p, i));
  }
}

} // namespace

scenario cold_start(const synthetic_project& p) {
  scenario out;
  event_feed feed(out.state, out.clock);
  load(p, feed);
  return out;
}

steady_scenario steady_state(const synthetic_project& p, std::uint64_t seed) {
  steady_scenario out;
  event_feed feed(out.state, out.clock);
  load(p, feed);
  build_everything(p, feed);
  report_live_updates(p, feed);
  random_source rng(seed);
  out.roles = pick_roles(p, rng);
  change_files(p, out.roles.pending, rng, feed);
  for (auto i : out.roles.triggered)
    feed.send(trigger_event(name_of(p, i)));
  for (auto i : out.roles.building)
    feed.send(build_started_event(name_of(p, i)));
  return out;
}

} // namespace actordev::bench
