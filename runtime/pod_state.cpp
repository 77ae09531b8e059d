#include "runtime/pod_state.hpp"

namespace actordev {

// pod_state_test sets every field of msg::Pod and msg::Container through
// reflection and fails on one that is not copied here.

void assign(const msg::Container& from, container_state& to) {
  to.name = from.name();
  to.id = from.id();
  to.image = from.image();
  to.state = from.state();
  to.ready = from.ready();
  to.restarts = from.restarts();
  to.exit_code = from.exit_code();
  to.reason = from.reason();
  to.has_healthcheck = from.has_healthcheck();
  to.healthy = from.healthy();
}

void assign(const google::protobuf::RepeatedPtrField<msg::Container>& from,
            std::vector<container_state>& to) {
  to.resize(static_cast<std::size_t>(from.size()));
  for (std::size_t k = 0; k < to.size(); ++k)
    assign(from[static_cast<int>(k)], to[k]);
}

void assign(const msg::Pod& from, pod_state& to) {
  to.name = from.name();
  to.created_us = from.created_us();
  to.phase = from.phase();
  assign(from.containers(), to.containers);
}

} // namespace actordev
