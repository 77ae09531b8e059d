// Hold reasons: their stable identifiers and how they read.
#include "runtime/hold.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace actordev;

TEST_CASE("hold reasons have stable identifiers", "[holds]") {
  std::vector<std::string> ids;
  for (int r = msg::HOLD_CONFIG_RELOAD; r <= msg::HOLD_WAITING_FOR_SLOT; ++r)
    ids.emplace_back(hold_reason_id(static_cast<msg::HoldReason>(r)));
  CHECK(ids == std::vector<std::string>{
                   "config-reload", "waiting-for-local",
                   "is-unparallelizable-local", "waiting-for-uncategorized",
                   "building-component", "waiting-for-dep",
                   "waiting-for-cluster", "reconciling", "waiting-for-deploy",
                   "waiting-for-slot"});
  for (const auto& id : ids)
    CHECK(hold_reason_id(hold_reason_from_id(id)) == id);
  CHECK(hold_reason_from_id("nonsense") == msg::HOLD_NONE);
  CHECK(hold_reason_id(msg::HOLD_NONE).empty());
}

TEST_CASE("holds read as a person would say them", "[holds]") {
  CHECK(describe({msg::HOLD_WAITING_FOR_DEP,
                  {manifest_ref("db"), manifest_ref("cache")}}) ==
        "waiting on db, cache");
  CHECK(describe({msg::HOLD_WAITING_FOR_CLUSTER, {cluster_ref("default")}}) ==
        "waiting for cluster default");
  CHECK(describe({msg::HOLD_BUILDING_COMPONENT, {image_ref("base")}}) ==
        "waiting for shared image:base");
  CHECK(describe({}).empty());
}
