// The scheduler actor: events in, build grants and decisions out.
#include "scheduler_fixture.hpp"

#include <catch2/catch.hpp>

using namespace actordev;
using namespace actordev::test;
using names = std::vector<std::string>;

TEST_CASE("the scheduler grants serial locals one at a time", "[scheduler]") {
  scheduler_fixture f;
  f.load_locals({"gen", "server"}, false, 3);
  CHECK(f.seen().grants == names{"gen"});
  REQUIRE_FALSE(f.seen().decisions.empty());
  const auto& d = f.seen().decisions.back();
  CHECK(d.granted(0) == "gen");
  REQUIRE(d.holds_size() == 1);
  CHECK(d.holds(0).manifest() == "server");
  CHECK(d.holds(0).reason() == msg::HOLD_WAITING_FOR_LOCAL);

  f.finish("gen");
  CHECK(f.seen().grants == names{"gen", "server"});
  f.finish("server");
  CHECK(f.seen().grants == names{"gen", "server"});
}

TEST_CASE("the scheduler never hands out more than max_parallel_updates",
          "[scheduler]") {
  scheduler_fixture f;
  f.load_locals({"a", "b", "c", "d"}, true, 2);
  CHECK(f.seen().grants == names{"a", "b"});
  CHECK(f.seen().decisions.back().holds(0).reason() ==
        msg::HOLD_WAITING_FOR_SLOT);
  f.finish("b", "exit status 1");
  CHECK(f.seen().grants == names{"a", "b", "c"});
  f.finish("a");
  CHECK(f.seen().grants == names{"a", "b", "c", "d"});
}

TEST_CASE("a decision is published only when it changes", "[scheduler]") {
  scheduler_fixture f;
  f.load_locals({"a"}, false, 3);
  msg::Event nothing; // an event that changes no decision
  nothing.mutable_cluster_status()->set_name("default");
  nothing.mutable_cluster_status()->set_arch("amd64");
  f.send(nothing); // publishes "nothing granted" after the grant of a
  auto published = f.seen().decisions.size();
  f.send(nothing);
  f.send(nothing);
  CHECK(f.seen().decisions.size() == published);
  CHECK(f.seen().decisions.back().granted_size() == 0);
}

TEST_CASE("a grant for a manifest without an actor fails the build, "
          "not the scheduler",
          "[scheduler]") {
  scheduler_fixture f;
  msg::Event e;
  auto* m = e.mutable_config_loaded()->add_manifests();
  m->set_name("orphan");
  m->set_type(msg::MANIFEST_LOCAL);
  e.mutable_config_loaded()->set_max_parallel_updates(3);
  f.send(e);
  CHECK(f.seen().grants.empty());
  f.load_locals({"next"}, false, 3); // the slot is free again
  CHECK(f.seen().grants == names{"next"});
}
