#pragma once

#include "actordev/msg/events.pb.h"

#include <cstdint>
#include <functional>
#include <string>

namespace actordev {

/// Event time: microseconds since the Unix epoch. The engine's only time;
/// it comes from events, never from a clock.
using time_us = std::int64_t;

/// Names one thing a manifest is made of or waits on: an image, a deploy
/// target, another manifest, the config file or a cluster.
struct target_ref {
  msg::TargetType type = msg::TARGET_TYPE_UNSPECIFIED;
  std::string name;

  friend bool operator==(const target_ref&, const target_ref&) = default;
};

inline target_ref manifest_ref(std::string name) {
  return {msg::TARGET_MANIFEST, std::move(name)};
}
inline target_ref image_ref(std::string name) {
  return {msg::TARGET_IMAGE, std::move(name)};
}
inline target_ref cluster_ref(std::string name) {
  return {msg::TARGET_CLUSTER, std::move(name)};
}

/// "image:web", "manifest:db", "cluster:default": how users see a ref.
std::string to_string(const target_ref& ref);

/// Conversions from and to the message form (the one place for them).
target_ref from_proto(const msg::TargetRef& ref);
msg::TargetRef to_proto(const target_ref& ref); ///< see from_proto
/// The same into `out`, reusing its strings.
void to_proto(const target_ref& ref, msg::TargetRef& out);

} // namespace actordev
