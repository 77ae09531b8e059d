#pragma once

// The events of a long session that bench_engine's engine_events.hpp does
// not build: pods starting and crashing, failed builds, config edits. Built
// as the adapters would send them.

#include "actordev/msg/events.pb.h"
#include "runtime/target_ref.hpp"

#include <string>
#include <vector>

namespace actordev::bench {

/// How a reported pod's one container is doing.
enum class pod_health {
  creating, ///< pending, its container waiting (ContainerCreating)
  ready,    ///< running and ready
  crashing, ///< running, its container waiting in CrashLoopBackOff
};

/// One pod named `pod` of `manifest`, whose container runs `image` and has
/// restarted `restarts` times.
msg::Event pod_event(const std::string& manifest, const std::string& pod,
                     const std::string& image, pod_health health, int restarts);

/// The compose container of `image` exited (killed, code 137).
msg::Event container_exited_event(const std::string& manifest,
                                  const std::string& image);

/// A local server whose readiness probe failed.
msg::Event local_not_ready_event(const std::string& manifest);

/// A failed build of `manifest` that still produced `built` (an image may
/// be built before the deploy fails).
msg::Event build_failed_event(const std::string& manifest,
                              const std::vector<target_ref>& built);

/// The config file at `path` was edited.
msg::Event config_edited_event(const std::string& path);

/// `manifest` was enabled or disabled.
msg::Event enable_event(const std::string& manifest, msg::EnableState state);

} // namespace actordev::bench
