#pragma once

// The events the benchmark sends, built as the adapters would send them.

#include "actordev/msg/events.pb.h"
#include "runtime/engine_state.hpp"
#include "runtime/target_ref.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace actordev::bench {

/// Stamps events with a sequence number and an event time, as the
/// scheduler does: each event 1 ms after the previous one unless the clock
/// is moved on.
class event_clock {
public:
  /// Stamps `e` with the next sequence number and time.
  msg::Event stamp(msg::Event e);
  /// Moves the clock forward, for a change that arrives later.
  void advance(time_us dt) { now_ += dt; }

private:
  time_us now_ = 1'700'000'000'000'000;  ///< an arbitrary epoch time
  std::uint64_t seq_ = 0;
};

/// Stamps events with one clock and applies them to one engine state.
class event_feed {
public:
  event_feed(engine_state& s, event_clock& clock) : s_(s), clock_(clock) {}

  void send(msg::Event e);
  event_clock& clock() { return clock_; }
  const engine_state& state() const { return s_; }

private:
  engine_state& s_;
  event_clock& clock_;
};

msg::Event config_loaded_event(const msg::ConfigLoaded& config);
msg::Event cluster_healthy_event(const std::string& cluster);
msg::Event build_started_event(const std::string& manifest);
/// A successful build of `manifest` that produced `built`.
msg::Event build_finished_event(const std::string& manifest,
                                const std::vector<target_ref>& built);
/// One running, ready pod whose container runs `image`.
msg::Event pod_ready_event(const std::string& manifest,
                           const std::string& image);
/// One running compose container of `image`.
msg::Event container_running_event(const std::string& manifest,
                                   const std::string& image);
/// A local server reported ready by its readiness probe.
msg::Event local_ready_event(const std::string& manifest);
msg::Event files_changed_event(const target_ref& target, std::string path);
/// A healthy live updater of `image` that handles that image's changes.
msg::Event live_update_healthy_event(const std::string& image);
msg::Event trigger_event(const std::string& manifest);

} // namespace actordev::bench
