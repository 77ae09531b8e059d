#include "runtime/pod_assign.hpp"

namespace actordev {

namespace {

/// Unknown fields are rare (a newer writer): a message with any, on
/// either side, is copied whole.
bool has_unknown_fields(const google::protobuf::Message& m) {
  return !m.GetReflection()->GetUnknownFields(m).empty();
}

} // namespace

// Each field of Container and Pod is assigned below; pod_assign_test sets
// every field the messages have, through reflection, and fails on one
// that is missing here.

void assign(const msg::Container& from, msg::Container& to) {
  if (has_unknown_fields(from) || has_unknown_fields(to)) {
    to.CopyFrom(from);
    return;
  }
  to.set_name(from.name());
  to.set_id(from.id());
  to.set_image(from.image());
  to.set_state(from.state());
  to.set_ready(from.ready());
  to.set_restarts(from.restarts());
  to.set_exit_code(from.exit_code());
  to.set_reason(from.reason());
  to.set_has_healthcheck(from.has_healthcheck());
  to.set_healthy(from.healthy());
}

void assign(const msg::Pod& from, msg::Pod& to) {
  if (has_unknown_fields(from) || has_unknown_fields(to)) {
    to.CopyFrom(from);
    return;
  }
  to.set_name(from.name());
  to.set_created_us(from.created_us());
  to.set_phase(from.phase());
  to.set_deleting(from.deleting());
  auto& containers = *to.mutable_containers();
  int n = from.containers_size();
  for (int k = 0; k < n; ++k)
    assign(from.containers(k),
           k < containers.size() ? containers[k] : *containers.Add());
  while (containers.size() > n)
    containers.RemoveLast();
}

} // namespace actordev
