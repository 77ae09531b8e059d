// The reducer: what each event does to the engine state.
#include "engine_fixture.hpp"

#include "runtime/reducer.hpp"

using namespace actordev;
using namespace actordev::test;

TEST_CASE("reloading an unchanged config keeps every resource's state",
          "[engine][reducer]") {
  engine_fixture f;
  f.upsert_local("a");
  f.build("a");
  f.trigger("a");
  f.load_config();
  CHECK(f.state().builds[0].last.has_value());
  CHECK_FALSE(f.state().builds[0].pending_config_change);
  CHECK(f.state().triggered_names() == std::vector<std::string>{"a"});
}

TEST_CASE("a changed resource is rebuilt after a config reload",
          "[engine][reducer]") {
  engine_fixture f;
  f.upsert_local("a", {.allow_parallel = true});
  f.upsert_local("b", {.allow_parallel = true});
  f.build("a");
  f.build("b");
  f.set_resource_deps("b", {"a"});
  CHECK(f.state().next_build_reason(1) == reason_config);
  CHECK(f.state().next_build_reason(0) == reason_none);
  f.assert_next("b");
}

TEST_CASE("a resource removed from the config is gone, trigger and all",
          "[engine][reducer]") {
  engine_fixture f;
  f.upsert_local("a");
  f.upsert_local("b", {.trigger = msg::TRIGGER_MANUAL_NO_INIT});
  f.trigger("b");
  msg::Event e;
  auto* c = e.mutable_config_loaded();
  c->set_max_parallel_updates(3);
  c->add_manifests()->set_name("a");
  c->mutable_manifests(0)->set_type(msg::MANIFEST_LOCAL);
  f.send(e);
  CHECK(f.state().manifests.size() == 1);
  CHECK(f.state().builds.size() == 1);
  CHECK(f.state().triggers.empty());
  CHECK_FALSE(f.state().manifests.find("b"));
}

TEST_CASE("resources listed as disabled in the config start disabled",
          "[engine][reducer]") {
  engine_fixture f;
  msg::Event e;
  auto* c = e.mutable_config_loaded();
  for (auto name : {"a", "b"}) {
    auto* m = c->add_manifests();
    m->set_name(name);
    m->set_type(msg::MANIFEST_LOCAL);
  }
  c->add_disabled("b");
  f.send(e);
  CHECK(f.state().enable[0] == msg::ENABLE_ENABLED);
  CHECK(f.state().enable[1] == msg::ENABLE_DISABLED);
  f.assert_next("a");
  f.trigger("b");
  CHECK(f.state().triggers.empty());

  SECTION("a reload keeps the enable state of existing resources") {
    f.send(e);
    f.set_enable("b", msg::ENABLE_ENABLED);
    msg::Event again = e;
    again.mutable_config_loaded()->clear_disabled();
    f.send(again);
    CHECK(f.state().enable[1] == msg::ENABLE_ENABLED);
  }
}

TEST_CASE("a change to a shared image reaches every resource using it",
          "[engine][reducer]") {
  engine_fixture f;
  f.upsert_image("base");
  f.upsert_k8s("one", {.images = {"base"}});
  f.upsert_k8s("two", {.images = {"base"}});
  f.upsert_k8s("other");
  f.change_image_files("base", {"/base/Dockerfile"});
  CHECK(f.state().builds[0].has_pending_files());
  CHECK(f.state().builds[1].has_pending_files());
  CHECK_FALSE(f.state().builds[2].has_pending_files());
}

TEST_CASE("a file change names a resource by its manifest too",
          "[engine][reducer]") {
  engine_fixture f;
  f.upsert_local("a");
  f.change_files(msg::TARGET_MANIFEST, "a", {"/src/x"});
  CHECK(f.state().builds[0].has_pending_files());
}

TEST_CASE("a change keeps the time it was first seen", "[engine][reducer]") {
  engine_fixture f;
  f.upsert_local("a");
  f.change_local_files("a", {"/src/x"});
  auto first = f.state().builds[0].earliest_pending();
  f.change_local_files("a", {"/src/x"});
  CHECK(f.state().builds[0].earliest_pending() == first);
}

TEST_CASE("a build start consumes changes and the trigger",
          "[engine][reducer]") {
  engine_fixture f;
  f.upsert_local("a", {.trigger = msg::TRIGGER_MANUAL});
  f.change_local_files("a");
  f.trigger("a");
  f.start_build("a");
  CHECK_FALSE(f.state().builds[0].has_pending_files());
  CHECK(f.state().triggers.empty());
  CHECK(f.state().builds[0].building());
}

TEST_CASE("rebuilding a shared image makes its other users rebuild",
          "[engine][reducer]") {
  engine_fixture f;
  f.upsert_image("base");
  f.upsert_k8s("one", {.images = {"base"}});
  f.upsert_k8s("two", {.images = {"base"}});
  f.build("one");
  f.build("two");
  f.trigger("one");
  f.build("one");
  CHECK(f.state().next_build_reason(1) == reason_changed_deps);
  f.assert_next("two");
}

TEST_CASE("a successful local build without a probe counts as succeeded",
          "[engine][reducer]") {
  engine_fixture f;
  f.upsert_local("job");
  f.upsert_local("server", {.probe = true});
  f.build("job");
  f.build("server");
  CHECK(f.state().ever_ready[0]);
  CHECK_FALSE(f.state().ever_ready[1]);
}

TEST_CASE("a failed k8s deploy is not 'deployed'", "[engine][reducer]") {
  engine_fixture f;
  f.upsert_k8s("db", {.readiness = msg::POD_READINESS_IGNORE});
  f.start_build("db");
  f.finish_build("db", "apply failed");
  CHECK_FALSE(f.state().runtimes[0].deployed);
  CHECK_FALSE(f.state().ever_ready[0]);
}

TEST_CASE("the event clock never goes back", "[engine][reducer]") {
  engine_state s;
  msg::Event e;
  e.set_time_us(200);
  apply(s, e);
  e.set_time_us(100);
  apply(s, e);
  CHECK(s.now == 200);
}

TEST_CASE("events for unknown resources are ignored", "[engine][reducer]") {
  engine_fixture f;
  f.upsert_local("a");
  f.start_build("ghost");
  f.finish_build("ghost");
  f.trigger("ghost");
  f.set_pods("ghost", {});
  f.set_enable("ghost", msg::ENABLE_DISABLED);
  f.finish_build("a");  // never started: ignored too
  CHECK_FALSE(f.state().builds[0].started_first_build());
  CHECK(f.state().triggers.empty());
  f.assert_next("a");
}
