#pragma once

#include "actordev/msg/decision.pb.h"
#include "runtime/target_ref.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace actordev {

/// Why a candidate was not chosen, and what it waits on.
struct hold {
  msg::HoldReason reason = msg::HOLD_NONE;
  std::vector<target_ref> waiting_on;

  explicit operator bool() const { return reason != msg::HOLD_NONE; }
  friend bool operator==(const hold&, const hold&) = default;
};

/// The stable identifier users see: "waiting-for-dep", "config-reload"...
/// Empty for HOLD_NONE.
std::string_view hold_reason_id(msg::HoldReason reason);

/// The reason for an identifier, or HOLD_NONE when it names none.
msg::HoldReason hold_reason_from_id(std::string_view id);

/// One line for a person: "waiting on db, cache", "waiting for cluster
/// default", "waiting for a free build slot".
std::string describe(const hold& h);

} // namespace actordev
