#pragma once

#include <chrono>
#include <cstddef>

#include <caf/fwd.hpp>
#include <caf/timespan.hpp>

namespace actordev {

/// The CAF settings actordev exposes. Zero means "CAF's default".
struct system_options {
  /// `scheduler.max-threads`; 0: CAF's default, max(hardware threads, 4).
  size_t max_threads = 0;

  /// `work-stealing.relaxed-sleep-duration`: how long an idle worker sleeps
  /// between attempts to steal work; 0: CAF's default (10 ms). A worker is
  /// woken at once when work is queued for it, so a longer sleep costs no
  /// latency and saves idle wake-ups.
  caf::timespan relaxed_sleep{0};

  /// `work-stealing.moderate-poll-attempts`: how often a worker that just
  /// ran out of work polls (every 50 us) before it sleeps; 0: CAF's default
  /// (500, i.e. 25 ms of polling after every burst of messages).
  size_t moderate_polls = 0;

  /// `middleman.heartbeat-interval`; 0: no heartbeats. Set it (and
  /// `connection_timeout`) on BOTH nodes, or healthy idle links get dropped.
  caf::timespan heartbeat_interval{0};

  /// `middleman.connection-timeout`: a peer silent for longer is declared
  /// dead; 0: never. Ignored unless heartbeats are on.
  caf::timespan connection_timeout{0};
};

/// Prepares `cfg` for an actordev node: registers every message type
/// (`add_message_types`), loads the io middleman and applies `opts`. Never
/// parses argv nor reads caf-application.ini: our CLI is parsed by tools/.
/// Call once on a fresh config, before building the `caf::actor_system`.
void init_system_config(caf::actor_system_config& cfg,
                        const system_options& opts = {});

} // namespace actordev
