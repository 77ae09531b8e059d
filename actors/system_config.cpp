#include "actors/system_config.hpp"

#include <caf/actor_system_config.hpp>
#include <caf/io/middleman.hpp>

#include "messages/caf_types.hpp"

namespace actordev {

void init_system_config(caf::actor_system_config& cfg,
                        const system_options& opts) {
  add_message_types(cfg);
  cfg.load<caf::io::middleman>();
  if (opts.max_threads > 0)
    cfg.set("scheduler.max-threads", opts.max_threads);
  if (opts.relaxed_sleep.count() > 0)
    cfg.set("work-stealing.relaxed-sleep-duration", opts.relaxed_sleep);
  if (opts.moderate_polls > 0)
    cfg.set("work-stealing.moderate-poll-attempts", opts.moderate_polls);
  if (opts.heartbeat_interval.count() > 0)
    cfg.set("middleman.heartbeat-interval", opts.heartbeat_interval);
  if (opts.connection_timeout.count() > 0)
    cfg.set("middleman.connection-timeout", opts.connection_timeout);
}

} // namespace actordev
