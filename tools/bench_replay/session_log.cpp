#include "tools/bench_replay/session_log.hpp"

#include "runtime/engine.hpp"
#include "runtime/message_log/log_encoder.hpp"
#include "tools/bench_engine/engine_events.hpp"
#include "tools/bench_engine/random_source.hpp"
#include "tools/bench_engine/synthetic_project.hpp"
#include "tools/bench_replay/session_events.hpp"

#include <fmt/format.h>

#include <map>
#include <utility>

namespace actordev::bench {

namespace {

/// A number of events (or µs) drawn uniformly from [min, max].
struct span {
  std::uint64_t min;
  std::uint64_t max;
};

// How long things take, in events: what follows a grant or a crash comes
// back this many events later.
constexpr span local_build_events{3, 30};
constexpr span workload_build_events{10, 80};
constexpr span pod_creating_after{1, 4};
constexpr span pod_ready_after{5, 20};
constexpr span running_after{1, 10}; ///< compose and local servers
constexpr span recovery_after{3, 30};
constexpr span re_enable_after{20, 200};
constexpr span config_load_after{2, 5};
constexpr span burst_spacing{1, 2};
constexpr span fix_after{20, 300}; ///< a failed build's fix is saved
constexpr unsigned failure_percent = 8;

// What an event that nothing scheduled is, in parts per 10,000; the rest
// (94.25%) are runtime reports of deployed manifests.
constexpr std::size_t per_10k = 10'000;
constexpr std::size_t burst_per_10k = 500;  ///< a burst of saves starts
constexpr std::size_t cluster_per_10k = 50; ///< a cluster health report
constexpr std::size_t trigger_per_10k = 20; ///< a manual trigger
constexpr std::size_t enable_per_10k = 5;   ///< a resource is disabled
/// Runtime reports that are a crash; the others report the current state.
constexpr unsigned crash_percent = 10;
/// Distinct changed files per target, so pending paths stay bounded.
constexpr std::uint64_t files_per_target = 20;

// Time: events of a batch are 1 µs-2 ms apart, batches up to 0.5 s apart
// (a mean gap of 250 ms between batches: 1,000,000 events span ~14 hours).
constexpr span gap_in_batch_us{1, 2'000};
constexpr span gap_between_batches_us{1'000, 500'000};
constexpr span decide_after_us{1, 200};
constexpr time_us session_start_us = 1'795'132'800'000'000; // 2026-11-20 UTC

const std::string config_path = "/project/actordev.yaml";

/// What emitting a scheduled event tells the generator.
enum class on_emit { nothing, deployed, healthy, enabled };

/// An event that comes later, with what it means for the generator.
struct later_event {
  msg::Event event;
  std::size_t manifest = 0;
  on_emit effect = on_emit::nothing;
};

class session_generator {
public:
  explicit session_generator(const session_shape& shape)
      : shape_(shape)
      , project_(make_project(shape.manifests, shape.seed))
      , rng_(shape.seed)
      , deployed_(shape.manifests, 0)
      , healthy_(shape.manifests, 1)
      , disabled_(shape.manifests, 0)
      , restarts_(shape.manifests, 0)
      , pod_generation_(shape.manifests, 0)
      , next_config_edit_(shape.events_per_config_edit / 2) {}

  session_log run() {
    msg::LogHeader header;
    header.set_actordev_version("0.1.0");
    header.set_started_us(session_start_us);
    header.set_command("up");
    header.set_config_path(config_path);
    out_.bytes = message_log::encode_start(header);
    emit(config_loaded_event(project_.config));
    emit(cluster_healthy_event("default"));
    emit(cluster_healthy_event("docker"));
    decide();
    while (events() < shape_.events) {
      now_ += draw(gap_between_batches_us);
      auto batch = 1 + rng_.below(shape_.max_batch);
      for (std::size_t k = 0; k < batch && events() < shape_.events; ++k)
        next_event();
      decide();
    }
    return std::move(out_);
  }

private:
  std::uint64_t events() const { return out_.stats.events; }
  std::uint64_t draw(span s) { return s.min + rng_.below(s.max - s.min + 1); }
  const std::string& name_of(std::size_t i) const {
    return project_.spec(i).name();
  }
  std::size_t any_manifest() { return rng_.below(project_.kinds.size()); }

  /// Stamps `e` as the scheduler does, applies it, records it.
  void emit(msg::Event e) {
    now_ += static_cast<time_us>(draw(gap_in_batch_us));
    e.set_seq(++seq_);
    e.set_time_us(now_);
    engine_.apply(e);
    message_log::append_event(out_.bytes, e);
    ++out_.stats.events;
    ++out_.stats.by_kind[static_cast<std::size_t>(e.kind_case()) - 10];
  }

  /// Decides after a batch, records the decision, schedules each grant's end.
  void decide() {
    now_ += static_cast<time_us>(draw(decide_after_us));
    const auto& point = engine_.decide(++seq_, now_);
    message_log::append_decision(out_.bytes, point);
    auto& s = out_.stats;
    ++s.decisions;
    s.grants += static_cast<std::uint64_t>(point.granted_size());
    s.building_at_decisions +=
        static_cast<std::uint64_t>(engine_.state().building_count());
    if (!point.holds_unchanged()) {
      ++s.decisions_with_holds;
      s.holds_written += static_cast<std::uint64_t>(point.holds_size());
    }
    for (const auto& name : point.granted())
      finish_later(*engine_.state().manifests.find(name));
  }

  void schedule(std::uint64_t after, later_event e) {
    later_.emplace(std::pair{events() + after, ++scheduled_}, std::move(e));
  }

  /// The next event: one that is due, a config edit, or a spontaneous one.
  void next_event() {
    if (!later_.empty() && later_.begin()->first.first <= events()) {
      auto node = later_.extract(later_.begin());
      return emit_later(std::move(node.mapped()));
    }
    if (events() >= next_config_edit_) {
      next_config_edit_ += shape_.events_per_config_edit;
      return edit_config();
    }
    spontaneous();
  }

  void emit_later(later_event e) {
    if (e.effect == on_emit::deployed && !deployed_[e.manifest]) {
      deployed_[e.manifest] = 1;
      deployed_list_.push_back(e.manifest);
    }
    if (e.effect == on_emit::enabled)
      disabled_[e.manifest] = 0;
    else if (e.effect != on_emit::nothing)
      healthy_[e.manifest] = 1;
    emit(std::move(e.event));
  }

  void spontaneous() {
    auto roll = rng_.below(per_10k);
    if (roll < burst_per_10k)
      return change_files();
    roll -= burst_per_10k;
    if (roll < trigger_per_10k)
      return emit(trigger_event(name_of(any_manifest())));
    roll -= trigger_per_10k;
    if (roll < enable_per_10k)
      return toggle_enable();
    roll -= enable_per_10k;
    if (roll < cluster_per_10k || deployed_list_.empty())
      return emit(
          cluster_healthy_event(rng_.chance(50) ? "default" : "docker"));
    report_runtime();
  }

  /// A build granted now ends some events later: mostly a success, which
  /// the runtime then reports; sometimes a failure.
  void finish_later(std::size_t i) {
    auto kind = project_.kinds[i];
    bool local =
        kind == manifest_kind::local || kind == manifest_kind::parallel_local;
    auto after = draw(local ? local_build_events : workload_build_events);
    auto built = engine_.state().manifests.targets_of(i);
    if (rng_.chance(failure_percent)) {
      ++out_.stats.failed_builds;
      built.pop_back(); // the images were built, the deploy failed
      schedule(after, {build_failed_event(name_of(i), built)});
      return fix_later(i, after + draw(fix_after));
    }
    schedule(after, {build_finished_event(name_of(i), built)});
    report_deploy(i, after);
  }

  /// What the runtime adapters report after a successful deploy.
  void report_deploy(std::size_t i, std::uint64_t after) {
    const auto& name = name_of(i);
    std::string image{project_.own_image(i)};
    switch (project_.kinds[i]) {
    case manifest_kind::uncategorized:
    case manifest_kind::k8s:
    case manifest_kind::k8s_live_update: {
      auto pod = fmt::format("{}-{}", name, ++pod_generation_[i]);
      restarts_[i] = 0;
      schedule(after + draw(pod_creating_after),
               {pod_event(name, pod, image, pod_health::creating, 0)});
      return schedule(after + draw(pod_ready_after),
                      {pod_event(name, pod, image, pod_health::ready, 0), i,
                       on_emit::deployed});
    }
    case manifest_kind::compose:
      return schedule(
          after + draw(running_after),
          {container_running_event(name, image), i, on_emit::deployed});
    case manifest_kind::local:
    case manifest_kind::parallel_local:
      if (project_.spec(i).has_readiness_probe())
        schedule(after + draw(running_after),
                 {local_ready_event(name), i, on_emit::deployed});
      return;
    }
  }

  /// A deployed manifest's runtime reports again: unchanged mostly (a pod
  /// watch reports every status change), or it crashes and recovers later.
  void report_runtime() {
    auto i = deployed_list_[rng_.below(deployed_list_.size())];
    bool crash = healthy_[i] && rng_.chance(crash_percent);
    if (crash) {
      healthy_[i] = 0;
      ++restarts_[i];
    }
    emit(runtime_report(i, healthy_[i] != 0));
    if (crash)
      schedule(draw(recovery_after),
               {runtime_report(i, true), i, on_emit::healthy});
  }

  msg::Event runtime_report(std::size_t i, bool healthy) {
    const auto& name = name_of(i);
    std::string image{project_.own_image(i)};
    switch (project_.kinds[i]) {
    case manifest_kind::compose:
      return healthy ? container_running_event(name, image)
                     : container_exited_event(name, image);
    case manifest_kind::local:
    case manifest_kind::parallel_local:
      return healthy ? local_ready_event(name) : local_not_ready_event(name);
    case manifest_kind::uncategorized:
    case manifest_kind::k8s:
    case manifest_kind::k8s_live_update:
      break;
    }
    auto pod = fmt::format("{}-{}", name, pod_generation_[i]);
    return pod_event(name, pod, image,
                     healthy ? pod_health::ready : pod_health::crashing,
                     restarts_[i]);
  }

  /// A burst of saves in one manifest's sources: 1-7 file changes, one
  /// now and the rest in the next few events.
  void change_files() {
    auto i = any_manifest();
    auto target = changed_target(i);
    auto burst = 1 + rng_.below(3) + (rng_.chance(30) ? rng_.below(4) : 0);
    emit(files_changed_event(target, changed_path(i)));
    std::uint64_t after = 0;
    for (std::size_t k = 1; k < burst; ++k) {
      after += draw(burst_spacing);
      schedule(after, {files_changed_event(target, changed_path(i))});
    }
  }

  /// The developer saves a fix of manifest i's own sources (its own image,
  /// or its files for a local resource).
  void fix_later(std::size_t i, std::uint64_t after) {
    auto targets = engine_.state().manifests.targets_of(i);
    auto target = targets[targets.size() > 1 ? targets.size() - 2 : 0];
    schedule(after, {files_changed_event(target, changed_path(i))});
  }

  /// Workloads: mostly their own image, sometimes the shared base image or
  /// their Kubernetes YAML. Local resources: their own files.
  target_ref changed_target(std::size_t i) {
    auto targets = engine_.state().manifests.targets_of(i);
    if (targets.size() == 1)
      return targets.back();
    auto roll = rng_.below(100);
    if (roll < 5)
      return targets.back(); // the deploy target
    if (roll < 10)
      return targets.front(); // a base image when there is one
    return targets[targets.size() - 2];
  }

  std::string changed_path(std::size_t i) {
    return fmt::format("/src/{}/file{}.go", name_of(i),
                       rng_.below(files_per_target));
  }

  void toggle_enable() {
    auto i = any_manifest();
    if (disabled_[i])
      return emit(cluster_healthy_event("default"));
    disabled_[i] = 1;
    emit(enable_event(name_of(i), msg::ENABLE_DISABLED));
    schedule(
        draw(re_enable_after),
        {enable_event(name_of(i), msg::ENABLE_ENABLED), i, on_emit::enabled});
  }

  /// The config file is saved with one resource's settings changed; the
  /// config actor loads it a few events later.
  void edit_config() {
    emit(config_edited_event(config_path));
    auto* m =
        project_.config.mutable_manifests(static_cast<int>(any_manifest()));
    m->set_config_hash(fmt::format("{:016x}", rng_.next()));
    schedule(draw(config_load_after), {config_loaded_event(project_.config)});
  }

  session_shape shape_;
  synthetic_project project_;
  random_source rng_;
  engine engine_;
  session_log out_;
  std::uint64_t seq_ = 0;
  time_us now_ = session_start_us;
  /// Events to come, by (due event count, order scheduled).
  std::map<std::pair<std::uint64_t, std::uint64_t>, later_event> later_;
  std::uint64_t scheduled_ = 0;
  std::vector<char> deployed_; ///< by manifest: reported running once
  std::vector<std::size_t> deployed_list_;
  std::vector<char> healthy_; ///< by manifest: not crashed
  std::vector<char> disabled_;
  std::vector<int> restarts_;
  std::vector<int> pod_generation_;
  std::uint64_t next_config_edit_;
};

} // namespace

session_log generate_session(const session_shape& shape) {
  return session_generator(shape).run();
}

} // namespace actordev::bench
