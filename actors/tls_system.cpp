#include "actors/tls_system.hpp"

#include <caf/actor_system_config.hpp>
#include <caf/openssl/manager.hpp>
#include <caf/timespan.hpp>

namespace actordev {

void use_tls(caf::actor_system_config& cfg, const adapters::tls_files& files) {
  cfg.load<caf::openssl::manager>();
  cfg.openssl_certificate = files.cert;
  cfg.openssl_key = files.key;
  cfg.openssl_cafile = files.ca;
  cfg.set("middleman.heartbeat-interval", caf::timespan{link_heartbeat});
  cfg.set("middleman.connection-timeout", caf::timespan{link_timeout});
}

} // namespace actordev
