#pragma once

#include "actordev/msg/events.pb.h"
#include "runtime/build_status.hpp"
#include "runtime/manifest_table.hpp"
#include "runtime/runtime_state.hpp"
#include "runtime/trigger_queue.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace actordev {

/// The config file: where it is, whether an edit waits to be loaded, and
/// the errors of the last failed load.
struct config_state {
  std::string path;
  /// The latest edit not yet loaded: a load of the file read after it
  /// settles every edit.
  std::optional<time_us> pending_change;
  int max_parallel_updates = 3;
  std::vector<msg::ConfigError> last_errors;
};

/// A cluster connection as last reported.
struct cluster_state {
  std::string arch;  ///< empty: not known yet
  std::string error; ///< empty: reachable

  bool ok() const { return error.empty() && !arch.empty(); }
};

/// A remote builder as its link last reported (`builders:`).
struct builder_state {
  std::string address; ///< host:port as configured
  bool connected = false;
  int slots = 0; ///< builds it takes from us at once
};

/// A live updater as last reported.
struct live_update_state {
  std::vector<std::string> sources; ///< images whose changes it handles
  std::string failed;               ///< empty: healthy
};

/// The two things every decision asks of every manifest, kept apart from
/// the builds so that asking them of 1,000 manifests reads 2,000 bytes.
struct manifest_flags {
  bool building = false;    ///< builds[i].building()
  bool wants_build = false; ///< engine_state::wants_build(i)

  friend bool operator==(const manifest_flags&,
                         const manifest_flags&) = default;
};

/// Everything the engine knows. Split by concern; the per-manifest vectors
/// are indexed like `manifests` (config order). Written only by `apply`.
struct engine_state {
  time_us now = 0; ///< the time of the last event applied
  config_state config;
  manifest_table manifests;
  std::vector<manifest_builds> builds;
  std::vector<runtime_state> runtimes;
  /// Ready or succeeded at least once since start, by manifest: what
  /// resource_deps wait for; never reset. Apart from `runtimes` because
  /// every decision reads it for every dependency.
  std::vector<char> ever_ready;
  std::vector<msg::EnableState> enable;
  trigger_queue triggers;
  std::unordered_map<std::string, cluster_state> clusters;
  std::unordered_map<std::string, live_update_state> live_updates;
  /// In the order their first status came (never removed).
  std::vector<builder_state> builders;
  /// Derived from builds, enable, triggers and traits by `refresh`: what
  /// changes those calls it for each manifest it changed.
  std::vector<manifest_flags> flags;
  /// The manifests whose flags say so, in config order (rule 1's
  /// candidates and the builds running), kept with the flags.
  std::vector<std::size_t> wanting_build;
  std::vector<std::size_t> building_now; ///< see wanting_build

  /// The triggered manifests' names, oldest first.
  std::vector<std::string> triggered_names() const;
  /// Tilt's NextBuildReason for manifest i, as build_reason flags.
  unsigned next_build_reason(std::size_t i) const;
  /// next_build_reason(i) != reason_none, cheaply: asked for every
  /// candidate several times per decision.
  bool needs_build(std::size_t i) const {
    const auto& b = builds[i];
    return (!b.started_first_build() &&
            auto_initial(manifests.traits(i).trigger)) ||
           triggers.contains(i) || b.has_pending();
  }
  /// Rule 1, asked afresh: manifest i is enabled and needs a build its
  /// trigger mode acts on (its first, a trigger, or pending changes when
  /// builds are automatic). Decisions read the answer from flags[i].
  bool wants_build(std::size_t i) const {
    if (enable[i] == msg::ENABLE_DISABLED)
      return false;
    auto mode = manifests.traits(i).trigger;
    const auto& b = builds[i];
    return (auto_initial(mode) && !b.started_first_build()) ||
           triggers.contains(i) || (auto_on_change(mode) && b.has_pending());
  }
  /// How many manifests are building now.
  int building_count() const;

  /// Recomputes flags[i] after manifest i's builds, enable state or
  /// trigger changed.
  void refresh(std::size_t i);
  /// Recomputes every manifest's flags (after a config load).
  void refresh_all();
};

} // namespace actordev
