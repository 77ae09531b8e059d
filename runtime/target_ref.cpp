#include "runtime/target_ref.hpp"

namespace actordev {

namespace {

const char* prefix(msg::TargetType type) {
  switch (type) {
  case msg::TARGET_MANIFEST:
    return "manifest";
  case msg::TARGET_IMAGE:
    return "image";
  case msg::TARGET_LOCAL:
    return "local";
  case msg::TARGET_K8S:
    return "k8s";
  case msg::TARGET_COMPOSE:
    return "compose";
  case msg::TARGET_CONFIG:
    return "config";
  case msg::TARGET_CLUSTER:
    return "cluster";
  case msg::TARGET_BUILDER:
    return "builder";
  default:
    return "unknown";
  }
}

} // namespace

std::string to_string(const target_ref& ref) {
  return std::string{prefix(ref.type)} + ":" + ref.name;
}

target_ref from_proto(const msg::TargetRef& ref) {
  return {ref.type(), ref.name()};
}

msg::TargetRef to_proto(const target_ref& ref) {
  msg::TargetRef out;
  to_proto(ref, out);
  return out;
}

void to_proto(const target_ref& ref, msg::TargetRef& out) {
  out.set_type(ref.type);
  out.set_name(ref.name);
}

} // namespace actordev
