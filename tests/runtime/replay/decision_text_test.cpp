// How replay words holds, grants and a divergence.
#include "runtime/replay/decision_text.hpp"

#include <catch2/catch.hpp>

using namespace actordev;
using lines = std::vector<std::string>;

namespace {

msg::Hold held(const std::string& manifest, msg::HoldReason reason,
               std::vector<target_ref> on = {}) {
  msg::Hold h;
  h.set_manifest(manifest);
  h.set_reason(reason);
  for (const auto& r : on)
    *h.add_waiting_on() = to_proto(r);
  return h;
}

msg::Decision decision(std::vector<std::string> granted,
                       std::vector<msg::Hold> holds) {
  msg::Decision d;
  for (auto& g : granted)
    d.add_granted(std::move(g));
  for (auto& h : holds)
    *d.add_holds() = std::move(h);
  return d;
}

} // namespace

TEST_CASE("a hold names its reason and everything it waits on", "[replay]") {
  CHECK(replay::hold_text(held("web", msg::HOLD_WAITING_FOR_DEP,
                               {manifest_ref("api"), manifest_ref("db")})) ==
        "web waiting-for-dep on manifest:api, manifest:db");
  CHECK(replay::hold_text(held("db", msg::HOLD_WAITING_FOR_SLOT)) ==
        "db waiting-for-slot");
  CHECK(replay::hold_why(held("x", msg::HOLD_WAITING_FOR_CLUSTER,
                              {cluster_ref("default")})) ==
        "waiting-for-cluster on cluster:default");
}

TEST_CASE("a hold reason from a newer actordev is shown by its number",
          "[replay]") {
  CHECK(replay::hold_text(held("db", static_cast<msg::HoldReason>(42))) ==
        "db reason-42");
}

TEST_CASE("a decision report reads grants, then holds, then releases",
          "[replay]") {
  msg::DecisionReport r;
  r.set_seq(41);
  auto* g = r.add_granted();
  g->set_manifest("api");
  g->add_reasons("files-changed");
  *r.add_held() = held("web", msg::HOLD_WAITING_FOR_DEP, {manifest_ref("api")});
  *r.add_released() = held("db", msg::HOLD_WAITING_FOR_SLOT);
  CHECK(replay::decision_lines(r) ==
        lines{
            "#41 grant api (files-changed)",
            "#41 hold web waiting-for-dep on manifest:api",
            "#41 release db (was waiting-for-slot)",
        });
}

TEST_CASE("a divergence shows both grants and only the holds that differ",
          "[replay]") {
  replay::divergence d;
  d.seq = 42;
  d.recorded = decision(
      {"api"}, {held("web", msg::HOLD_WAITING_FOR_DEP, {manifest_ref("api")}),
                held("db", msg::HOLD_WAITING_FOR_SLOT),
                held("cache", msg::HOLD_WAITING_FOR_SLOT)});
  d.replayed = decision(
      {},
      {held("web", msg::HOLD_WAITING_FOR_CLUSTER, {cluster_ref("default")}),
       held("db", msg::HOLD_WAITING_FOR_SLOT),
       held("api", msg::HOLD_WAITING_FOR_CLUSTER, {cluster_ref("default")})});
  CHECK(replay::divergence_lines(d) ==
        lines{
            "#42 differs: the recording and this engine decided differently",
            "  recorded: grant api",
            "            hold web waiting-for-dep on manifest:api",
            "            hold cache waiting-for-slot",
            "            no hold on api",
            "  replayed: grant nothing",
            "            hold web waiting-for-cluster on cluster:default",
            "            no hold on cache",
            "            hold api waiting-for-cluster on cluster:default",
            "  (1 other hold is the same in both)",
        });
}

TEST_CASE("a divergence in grants alone lists no holds", "[replay]") {
  replay::divergence d;
  d.seq = 7;
  d.recorded = decision({"api"}, {held("web", msg::HOLD_WAITING_FOR_SLOT)});
  d.replayed = decision({"web"}, {held("web", msg::HOLD_WAITING_FOR_SLOT)});
  auto said = replay::divergence_lines(d);
  REQUIRE(said.size() == 4);
  CHECK(said[1] == "  recorded: grant api");
  CHECK(said[2] == "  replayed: grant web");
  CHECK(said[3] == "  (1 other hold is the same in both)");
}
