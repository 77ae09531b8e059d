#pragma once

// Scenario helpers for engine tests: build a config, drive the engine with
// events (so the reducer is exercised too), and assert on the decision.

#include "runtime/build_plan.hpp"
#include "runtime/engine_state.hpp"
#include "runtime/hold.hpp"
#include "runtime/next_target.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace actordev::test {

struct manifest_opts {
  std::vector<std::string> deps = {}; ///< resource_deps
  bool allow_parallel = false;
  msg::TriggerMode trigger = msg::TRIGGER_AUTO;
  msg::PodReadiness readiness = msg::POD_READINESS_WAIT;
  std::vector<std::string> images = {};
  bool probe = false; ///< local: has a readiness probe
  std::string cluster = {};
};

struct image_opts {
  std::vector<std::string> image_deps = {};
  std::vector<std::string> syncs = {}; ///< local paths, synced to /app
  std::vector<std::string> fall_back_on = {};
};

/// An engine driven by events; every event advances the clock by 1 ms.
class engine_fixture {
public:
  /// Like Tilt's fixture, the "default" and "docker" clusters start healthy.
  engine_fixture();

  void upsert_local(const std::string& name, manifest_opts o = {});
  void upsert_k8s(const std::string& name, manifest_opts o = {});
  void upsert_compose(const std::string& name, manifest_opts o = {});
  /// A container of the local container runtime (no cluster).
  void upsert_container(const std::string& name, manifest_opts o = {});
  void upsert_image(const std::string& name, image_opts o = {});
  /// Replaces a manifest's resource_deps and reloads the config.
  void set_resource_deps(const std::string& name,
                         std::vector<std::string> deps);
  /// Sends the ConfigLoaded for everything upserted so far, as read at
  /// `read_us` (0: after every edit).
  void load_config(std::vector<std::string> disabled = {}, time_us read_us = 0);

  void start_build(const std::string& name);
  /// Finishes the build; on success reports every target of the manifest
  /// as built.
  void finish_build(const std::string& name, const std::string& error = {});
  /// start_build then finish_build.
  void build(const std::string& name) {
    start_build(name);
    finish_build(name);
  }
  void change_files(msg::TargetType type, const std::string& target,
                    std::vector<std::string> paths);
  void change_image_files(const std::string& image,
                          std::vector<std::string> paths) {
    change_files(msg::TARGET_IMAGE, image, std::move(paths));
  }
  void change_local_files(const std::string& name,
                          std::vector<std::string> paths = {"/src/a.txt"}) {
    change_files(msg::TARGET_LOCAL, name, std::move(paths));
  }
  void change_config();
  void fail_config();
  void set_pods(const std::string& name, std::vector<msg::Pod> pods);
  void set_local_runtime(const std::string& name, msg::RuntimeStatus status,
                         bool ready, bool succeeded);
  void set_compose_container(const std::string& name, msg::Container c);
  void set_cluster(const std::string& name, const std::string& arch,
                   const std::string& error = {});
  void set_live_update(const std::string& image,
                       std::vector<std::string> sources,
                       const std::string& failed = {});
  void trigger(const std::string& name);
  void set_enable(const std::string& name, msg::EnableState state);
  void set_max_parallel(int n);

  void send(msg::Event e);

  const engine_state& state() const { return state_; }
  decision decide() const { return next_target_to_build(state_); }
  build_plan plan() const { return plan_builds(state_); }

  void assert_next(const std::string& name) const;
  void assert_no_next() const;
  void assert_hold(const std::string& name, msg::HoldReason reason,
                   std::vector<target_ref> on = {}) const;
  void assert_no_hold(const std::string& name) const;

private:
  void upsert(msg::ManifestSpec spec);

  engine_state state_;
  time_us clock_ = 1'700'000'000'000'000;
  std::uint64_t seq_ = 0;
  std::vector<msg::ManifestSpec> specs_;
  std::vector<msg::ImageSpec> images_;
  int max_parallel_ = 3;
};

/// The name of the chosen manifest, or "" for none.
std::string next_name(const engine_state& s, const decision& d);

// Pods in the shapes of Tilt's tests: one container "c" running `image`.
msg::Pod ready_pod(const std::string& pod, const std::string& image);
msg::Pod pending_pod(const std::string& pod, const std::string& image);
msg::Pod crashing_pod(const std::string& pod, const std::string& image);
msg::Pod crashed_in_the_past_pod(const std::string& pod,
                                 const std::string& image);
msg::Pod sidecar_crashed_pod(const std::string& pod, const std::string& image);
msg::Pod completed_pod(const std::string& pod, const std::string& image);

} // namespace actordev::test
