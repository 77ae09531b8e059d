#pragma once

// The pods and containers a manifest's runtime reports, as the engine keeps
// them. Every running pod is reported again and again, and each report is
// copied over what was kept: as Protobuf messages that copy went through a
// separate heap object for every message and string, and missed the cache
// for each. These keep a pod's fields in place (short strings inside their
// std::string), so copying a report touches a few cache lines.

#include "actordev/msg/events.pb.h"

#include <cstdint>
#include <string>
#include <vector>

namespace actordev {

/// A msg::Container's fields.
struct container_state {
  std::string name;
  std::string id;
  std::string image; ///< the image target it runs (by name)
  msg::ContainerState state = msg::CONTAINER_WAITING;
  bool ready = false;
  std::int32_t restarts = 0;
  std::int32_t exit_code = 0;   ///< when terminated
  std::string reason;           ///< e.g. CrashLoopBackOff, ErrImagePull
  bool has_healthcheck = false; ///< compose
  bool healthy = false;         ///< compose

  bool operator==(const container_state&) const = default;
};

/// A msg::Pod's fields but `deleting`: pods being deleted are not kept.
struct pod_state {
  std::string name;
  std::int64_t created_us = 0;
  msg::PodPhase phase = msg::POD_PENDING;
  std::vector<container_state> containers;

  bool operator==(const pod_state&) const = default;
};

/// Copies `from` over `to`, reusing its strings.
void assign(const msg::Container& from, container_state& to);

/// Copies `from` over `to`, reusing its strings and containers.
void assign(const msg::Pod& from, pod_state& to);

/// Copies `from` over `to`, reusing its elements.
void assign(const google::protobuf::RepeatedPtrField<msg::Container>& from,
            std::vector<container_state>& to);

} // namespace actordev
