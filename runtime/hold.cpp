#include "runtime/hold.hpp"

#include <array>
#include <utility>

namespace actordev {

namespace {

constexpr std::array<std::pair<msg::HoldReason, std::string_view>, 11> ids{{
    {msg::HOLD_CONFIG_RELOAD, "config-reload"},
    {msg::HOLD_WAITING_FOR_LOCAL, "waiting-for-local"},
    {msg::HOLD_IS_UNPARALLELIZABLE_LOCAL, "is-unparallelizable-local"},
    {msg::HOLD_WAITING_FOR_UNCATEGORIZED, "waiting-for-uncategorized"},
    {msg::HOLD_BUILDING_COMPONENT, "building-component"},
    {msg::HOLD_WAITING_FOR_DEP, "waiting-for-dep"},
    {msg::HOLD_WAITING_FOR_CLUSTER, "waiting-for-cluster"},
    {msg::HOLD_RECONCILING, "reconciling"},
    {msg::HOLD_WAITING_FOR_DEPLOY, "waiting-for-deploy"},
    {msg::HOLD_WAITING_FOR_SLOT, "waiting-for-slot"},
    {msg::HOLD_WAITING_FOR_BUILDER, "waiting-for-builder"},
}};

std::string names(const std::vector<target_ref>& refs) {
  std::string out;
  for (const auto& r : refs) {
    if (!out.empty())
      out += ", ";
    out += r.type == msg::TARGET_MANIFEST ? r.name : to_string(r);
  }
  return out;
}

} // namespace

std::string_view hold_reason_id(msg::HoldReason reason) {
  for (const auto& [r, id] : ids)
    if (r == reason)
      return id;
  return {};
}

msg::HoldReason hold_reason_from_id(std::string_view id) {
  for (const auto& [r, name] : ids)
    if (name == id)
      return r;
  return msg::HOLD_NONE;
}

std::string describe(const hold& h) {
  auto on = names(h.waiting_on);
  switch (h.reason) {
  case msg::HOLD_NONE:
    return {};
  case msg::HOLD_CONFIG_RELOAD:
    return on.empty() ? "waiting for the config to reload"
                      : "waiting for the config to reload (" + on + ")";
  case msg::HOLD_IS_UNPARALLELIZABLE_LOCAL:
    return "waiting for other builds to finish (not allow_parallel)";
  case msg::HOLD_WAITING_FOR_CLUSTER: {
    std::string out = "waiting for cluster";
    for (const auto& r : h.waiting_on)
      out += " " + r.name;
    return out;
  }
  case msg::HOLD_RECONCILING:
    return "live update in progress";
  case msg::HOLD_WAITING_FOR_DEPLOY:
    return "waiting for the container to start before live update";
  case msg::HOLD_WAITING_FOR_SLOT:
    return "waiting for a free build slot (max_parallel_updates)";
  case msg::HOLD_WAITING_FOR_BUILDER: {
    if (h.waiting_on.empty())
      return "waiting for a remote builder (build_on: remote)";
    std::string out =
        "waiting for a remote builder to connect or free a slot (build_on: "
        "remote):";
    for (const auto& r : h.waiting_on)
      out += " " + r.name;
    return out;
  }
  case msg::HOLD_BUILDING_COMPONENT:
    return on.empty() ? "waiting for its own build"
                      : "waiting for shared " + on;
  default:
    return "waiting on " + on;
  }
}

} // namespace actordev
