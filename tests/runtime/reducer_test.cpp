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

TEST_CASE("a changed path keeps the time it was last seen, as in Tilt",
          "[engine][reducer]") {
  engine_fixture f;
  f.upsert_local("a");
  f.change_local_files("a", {"/src/x"});
  auto first = f.state().builds[0].earliest_pending();
  f.change_local_files("a", {"/src/x"});
  auto second = f.state().builds[0].earliest_pending();
  REQUIRE(first);
  REQUIRE(second);
  CHECK(*second > *first);
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

namespace {

/// Two manifests on a shared base image, each with its own image FROM it,
/// both built once.
void shared_base(engine_fixture& f) {
  f.upsert_image("base");
  f.upsert_image("one", {.image_deps = {"base"}});
  f.upsert_image("two", {.image_deps = {"base"}});
  f.upsert_k8s("one", {.images = {"base", "one"}});
  f.upsert_k8s("two", {.images = {"base", "two"}});
  f.build("one");
  f.build("two");
  f.assert_no_next();
}

} // namespace

TEST_CASE("a shared image built by one manifest is reused by the other",
          "[engine][reducer]") {
  engine_fixture f;
  shared_base(f);
  f.change_image_files("base", {"/base/Dockerfile"});
  f.assert_next("one");
  f.start_build("one");
  f.assert_hold("two", msg::HOLD_BUILDING_COMPONENT, {image_ref("base")});
  f.finish_build("one");
  // two takes the new base as built, and rebuilds only what is FROM it.
  const auto& two = f.state().builds[1];
  CHECK_FALSE(two.find(image_ref("base"))->has_pending_files());
  CHECK(two.find(image_ref("two"))->has_pending_dep_change());
  CHECK(f.state().next_build_reason(1) == reason_changed_deps);
  f.assert_next("two");
  f.build("two");
  f.assert_no_next(); // and one is not asked to rebuild in turn
}

TEST_CASE("rebuilding a shared image leaves idle users alone",
          "[engine][reducer]") {
  engine_fixture f;
  shared_base(f);
  f.trigger("one");
  f.build("one");
  f.assert_no_next();
  CHECK(f.state().next_build_reason(1) == reason_none);
}

TEST_CASE("a leaf image rebuilt elsewhere makes the deploy target redeploy",
          "[engine][reducer]") {
  engine_fixture f;
  f.upsert_image("app");
  f.upsert_k8s("one", {.images = {"app"}});
  f.upsert_k8s("two", {.images = {"app"}});
  f.build("one");
  f.build("two");
  f.change_image_files("app", {"/src/app.py"});
  f.build("one");
  CHECK(f.state()
            .builds[1]
            .find({msg::TARGET_K8S, "two"})
            ->has_pending_dep_change());
  f.assert_next("two");
}

TEST_CASE("a failed build's image results still count", "[engine][reducer]") {
  engine_fixture f;
  f.upsert_image("app");
  f.upsert_k8s("app", {.images = {"app"}});
  f.start_build("app");
  f.finish_build("app", "kubectl apply failed");
  CHECK(f.state().builds[0].find(image_ref("app"))->last_result ==
        msg::RESULT_IMAGE);
  CHECK_FALSE(f.state().runtimes[0].deployed);
}

TEST_CASE("a live update does not hold other users of a shared image",
          "[engine][reducer][live-update]") {
  engine_fixture f;
  shared_base(f);
  f.change_image_files("base", {"/base/a"});
  msg::Event e;
  e.mutable_build_started()->set_manifest("one");
  e.mutable_build_started()->set_kind(msg::BUILD_LIVE_UPDATE);
  f.send(e);
  f.assert_next("two");
}

TEST_CASE("pods being deleted no longer count", "[engine][reducer]") {
  engine_fixture f;
  f.upsert_image("app", {.syncs = {"/src"}});
  f.upsert_k8s("app", {.images = {"app"}});
  f.build("app");
  auto old_pod = ready_pod("old", "app");
  old_pod.set_deleting(true);
  f.set_pods("app", {old_pod, pending_pod("new", "app")});
  CHECK(f.state().runtimes[0].pods->size() == 1);
  f.change_image_files("app", {"/src/main.py"});
  f.assert_hold("app", msg::HOLD_WAITING_FOR_DEPLOY);
}

TEST_CASE("each pod report replaces the last one whole", "[engine][reducer]") {
  engine_fixture f;
  f.upsert_image("app", {.syncs = {"/src"}});
  f.upsert_k8s("app", {.images = {"app"}});
  f.build("app");
  f.set_pods("app", {crashing_pod("a", "app"), ready_pod("b", "app")});
  CHECK(f.state().runtimes[0].status == msg::RUNTIME_OK);
  f.set_pods("app", {pending_pod("c", "app")});
  const auto& rt = f.state().runtimes[0];
  REQUIRE(rt.pods->size() == 1);
  // Nothing of the earlier, fuller pods is left in the one reported now.
  pod_state reported;
  assign(pending_pod("c", "app"), reported);
  CHECK(rt.pods->front() == reported);
  CHECK(rt.status == msg::RUNTIME_PENDING);
  f.set_pods("app", {});
  CHECK(rt.pods->empty());
}

TEST_CASE("a config edit made while a load runs stays pending",
          "[engine][reducer]") {
  engine_fixture f;
  f.upsert_local("a");
  f.change_config();
  auto read_at = f.state().now; // the loader reads the file here
  f.change_config();            // and the user saves again
  f.load_config({}, read_at);
  f.assert_hold("a", msg::HOLD_CONFIG_RELOAD,
                {{msg::TARGET_CONFIG, "/project/actordev.yaml"}});
  f.load_config({}, f.state().now);
  f.assert_next("a");
}

TEST_CASE("a config reload carries every resource's state over",
          "[engine][reducer]") {
  engine_fixture f;
  f.upsert_k8s("db");
  f.upsert_local("api", {.deps = {"db"}});
  f.upsert_local("job");
  f.build("db");
  f.set_pods("db", {ready_pod("db-1", "db")});
  f.start_build("api");
  f.set_enable("job", msg::ENABLE_DISABLED);
  f.upsert_local("new"); // reloads the config, with one more resource
  const auto& s = f.state();
  CHECK(s.ever_ready[0]);
  CHECK(s.runtimes[0].ready);
  CHECK(s.builds[1].building());
  CHECK(s.building_count() == 1);
  CHECK(s.enable[2] == msg::ENABLE_DISABLED);
  CHECK(s.manifests[3].name() == "new");
  CHECK_FALSE(s.ever_ready[3]);
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
  f.finish_build("a"); // never started: ignored too
  CHECK_FALSE(f.state().builds[0].started_first_build());
  CHECK(f.state().triggers.empty());
  f.assert_next("a");
}
