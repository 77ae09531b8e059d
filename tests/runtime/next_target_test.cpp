// Tilt's own scheduler tests (build_control_test.go, v0.36), as scenarios.
#include "engine_fixture.hpp"

using namespace actordev;
using namespace actordev::test;

TEST_CASE("a building target is not returned again", "[engine]") {
  engine_fixture f;
  f.upsert_k8s("k8s1");
  f.assert_next("k8s1");
  f.start_build("k8s1");
  f.assert_no_next();
}

TEST_CASE("a building k8s resource holds unparallelizable locals", "[engine]") {
  engine_fixture f;
  f.upsert_k8s("k8s1");
  f.upsert_k8s("k8s2");
  f.upsert_local("local1");
  f.assert_next("local1");
  f.start_build("k8s1");
  f.assert_next("k8s2");
  f.assert_hold("local1", msg::HOLD_IS_UNPARALLELIZABLE_LOCAL);
  f.start_build("k8s2");
  f.assert_no_next();
}

TEST_CASE("a building k8s resource does not hold a local that needs no build",
          "[engine]") {
  engine_fixture f;
  f.upsert_k8s("k8s1");
  f.upsert_k8s("k8s2");
  f.upsert_local("local1", {.trigger = msg::TRIGGER_MANUAL_NO_INIT});
  f.assert_no_hold("local1");
  f.start_build("k8s1");
  f.assert_next("k8s2");
  f.assert_no_hold("local1");
  f.start_build("k8s2");
  f.assert_no_next();
  f.assert_no_hold("local1");
}

TEST_CASE("building uncategorized YAML holds the other k8s targets",
          "[engine]") {
  engine_fixture f;
  f.upsert_k8s("k8s1");
  f.upsert_k8s("uncategorized");
  f.upsert_k8s("k8s2");
  f.assert_next("uncategorized");
  f.start_build("uncategorized");
  f.assert_no_next();
  auto on = std::vector{manifest_ref("uncategorized")};
  f.assert_hold("k8s1", msg::HOLD_WAITING_FOR_UNCATEGORIZED, on);
  f.assert_hold("k8s2", msg::HOLD_WAITING_FOR_UNCATEGORIZED, on);
}

TEST_CASE("a k8s resource waits for the local resource it depends on",
          "[engine]") {
  engine_fixture f;
  f.upsert_k8s("k8s1", {.deps = {"local1"}});
  f.upsert_k8s("k8s2");
  f.upsert_local("local1");
  f.assert_next("local1");
  f.assert_hold("k8s1", msg::HOLD_WAITING_FOR_DEP, {manifest_ref("local1")});
  f.assert_no_hold("k8s2");
  f.build("local1");
  f.assert_next("k8s1");
  f.start_build("k8s1");
  f.assert_next("k8s2");
}

TEST_CASE("a local resource waits for a non-workload k8s dependency",
          "[engine]") {
  engine_fixture f;
  f.upsert_local("local1", {.deps = {"k8s1"}});
  f.upsert_k8s("k8s1", {.readiness = msg::POD_READINESS_IGNORE});
  f.upsert_k8s("k8s2", {.readiness = msg::POD_READINESS_IGNORE});
  f.assert_next("k8s1");
  f.assert_hold("local1", msg::HOLD_WAITING_FOR_DEP, {manifest_ref("k8s1")});
  f.assert_no_hold("k8s1");
  f.assert_no_hold("k8s2");
  f.build("k8s1");
  f.assert_next("local1");
  f.build("local1");
  f.assert_next("k8s2");
}

TEST_CASE("a k8s resource waits for a cluster with an error", "[engine]") {
  engine_fixture f;
  f.set_cluster("default", "amd64", "connection error");
  f.upsert_k8s("k8s1");
  f.assert_no_next();
  f.assert_hold("k8s1", msg::HOLD_WAITING_FOR_CLUSTER,
                {cluster_ref("default")});
  f.set_cluster("default", "amd64");
  f.assert_next("k8s1");
}

TEST_CASE("one healthy cluster does not hide another one's error", "[engine]") {
  engine_fixture f;
  f.set_cluster("default", "amd64", "connection error");
  f.upsert_k8s("k8s1");
  f.upsert_compose("dc1");
  f.assert_next("dc1");
  f.build("dc1");
  f.assert_no_next();
  f.assert_hold("k8s1", msg::HOLD_WAITING_FOR_CLUSTER,
                {cluster_ref("default")});
  f.set_cluster("default", "amd64");
  f.assert_next("k8s1");
}

TEST_CASE("a building unparallelizable local holds everything", "[engine]") {
  engine_fixture f;
  f.upsert_k8s("k8s1");
  f.upsert_k8s("k8s2");
  f.upsert_local("local1");
  f.upsert_local("local2");
  f.assert_next("local1");
  f.start_build("local1");
  f.assert_no_next();
  auto on = std::vector{manifest_ref("local1")};
  f.assert_hold("k8s1", msg::HOLD_WAITING_FOR_LOCAL, on);
  f.assert_hold("k8s2", msg::HOLD_WAITING_FOR_LOCAL, on);
  f.assert_hold("local2", msg::HOLD_WAITING_FOR_LOCAL, on);
  f.assert_no_hold("local1");
}

TEST_CASE("parallel local resources build side by side", "[engine]") {
  engine_fixture f;
  f.upsert_k8s("k8s1");
  f.upsert_local("local1", {.allow_parallel = true});
  f.upsert_local("local2", {.allow_parallel = true});
  f.assert_next("local1");
  f.start_build("local1");
  f.assert_next("local2");
  f.start_build("local2");
  f.assert_next("k8s1");
}

TEST_CASE("a triggered resource that is building is not eligible", "[engine]") {
  engine_fixture f;
  f.upsert_local("local1", {.allow_parallel = true});
  f.upsert_local("local2");
  f.start_build("local1");
  f.trigger("local1");
  f.trigger("local2");
  f.assert_no_next();
  f.assert_no_hold("local1");
  f.assert_hold("local2", msg::HOLD_IS_UNPARALLELIZABLE_LOCAL);
}

TEST_CASE("manifests sharing an unbuilt base image build one at a time",
          "[engine]") {
  engine_fixture f;
  f.upsert_image("sancho-base");
  f.upsert_image("sancho-one", {.image_deps = {"sancho-base"}});
  f.upsert_image("sancho-two", {.image_deps = {"sancho-base"}});
  f.upsert_k8s("sancho-one", {.images = {"sancho-base", "sancho-one"}});
  f.upsert_k8s("sancho-two", {.images = {"sancho-base", "sancho-two"}});
  f.assert_next("sancho-one");
  f.start_build("sancho-one");
  f.assert_no_next();
  f.assert_hold("sancho-two", msg::HOLD_BUILDING_COMPONENT,
                {image_ref("sancho-base")});
  f.finish_build("sancho-one");
  f.assert_next("sancho-two");
}

TEST_CASE("a built base image with no changes is reused, not waited for",
          "[engine]") {
  engine_fixture f;
  f.upsert_image("sancho-base");
  f.upsert_image("sancho-one", {.image_deps = {"sancho-base"}});
  f.upsert_image("sancho-two", {.image_deps = {"sancho-base"}});
  f.upsert_k8s("sancho-one", {.images = {"sancho-base", "sancho-one"}});
  f.upsert_k8s("sancho-two", {.images = {"sancho-base", "sancho-two"}});
  f.build("sancho-one");
  f.build("sancho-two");
  // Both have a built base now; a change to each one's own image rebuilds.
  f.change_image_files("sancho-one", {"/src/one/a.txt"});
  f.change_image_files("sancho-two", {"/src/two/a.txt"});
  f.assert_next("sancho-one");
  f.start_build("sancho-one");
  f.assert_next("sancho-two");
}

TEST_CASE("a changed base image is not reusable while it builds", "[engine]") {
  engine_fixture f;
  f.upsert_image("sancho-base");
  f.upsert_k8s("sancho-one", {.images = {"sancho-base"}});
  f.upsert_k8s("sancho-two", {.images = {"sancho-base"}});
  f.build("sancho-one");
  f.build("sancho-two");
  f.change_image_files("sancho-base", {"/src/base/a.txt"});
  f.assert_next("sancho-one");
  f.start_build("sancho-one");
  f.assert_no_next();
  f.assert_hold("sancho-two", msg::HOLD_BUILDING_COMPONENT,
                {image_ref("sancho-base")});
}

namespace {

/// Tilt's live update fixture: a k8s manifest "sancho" on images
/// sancho-base and sancho (live update syncing /src), built once and running
/// a ready pod.
void live_update_fixture(engine_fixture& f, std::vector<std::string> syncs) {
  f.upsert_image("sancho-base");
  f.upsert_image("sancho", {.image_deps = {"sancho-base"}, .syncs = syncs});
  f.upsert_k8s("sancho", {.images = {"sancho-base", "sancho"}});
  f.assert_next("sancho");
  f.build("sancho");
  f.set_pods("sancho", {ready_pod("pod-1", "sancho")});
}

} // namespace

TEST_CASE("a healthy live update holds the main image's rebuild",
          "[engine][live-update]") {
  engine_fixture f;
  live_update_fixture(f, {"/src"});
  f.set_live_update("sancho", {"sancho"});
  f.change_image_files("sancho", {"/src/a.txt"});
  f.assert_no_next();
  f.assert_hold("sancho", msg::HOLD_RECONCILING);

  f.set_live_update("sancho", {"sancho"}, "fake-reason");
  f.assert_next("sancho");

  f.set_live_update("sancho", {"sancho"});
  f.assert_no_next();

  f.change_image_files("sancho-base", {"/src/a.txt"});
  f.assert_next("sancho");
}

TEST_CASE("a healthy live update holds the base image's rebuild",
          "[engine][live-update]") {
  engine_fixture f;
  live_update_fixture(f, {"/base"});
  f.set_live_update("sancho", {"sancho-base"});
  f.change_image_files("sancho-base", {"/base/a.txt"});
  f.assert_no_next();
  f.assert_hold("sancho", msg::HOLD_RECONCILING);

  f.set_live_update("sancho", {"sancho-base"}, "fake-reason");
  f.assert_next("sancho");

  f.set_live_update("sancho", {"sancho-base"});
  f.assert_no_next();

  // The live updater does not watch the main image: rebuild.
  f.change_image_files("sancho", {"/base/a.txt"});
  f.assert_next("sancho");
}

TEST_CASE("live updates wait for a pending deploy, and only for one",
          "[engine][live-update]") {
  engine_fixture f;
  f.upsert_image("sancho", {.syncs = {"/tmp/src"},
                            .fall_back_on = {"/tmp/src/package.json"}});
  f.upsert_k8s("sancho", {.images = {"sancho"}});
  f.assert_next("sancho");
  f.build("sancho");
  f.assert_no_next();

  SECTION("a file outside every sync rebuilds") {
    f.change_image_files("sancho", {"/tmp/obj/a.out"});
    f.assert_next("sancho");
  }
  SECTION("a fall_back_on file rebuilds") {
    f.change_image_files("sancho", {"/tmp/src/package.json"});
    f.assert_next("sancho");
  }
  SECTION("synced files wait for the pods to appear") {
    f.change_image_files("sancho", {"/tmp/src/a.txt"});
    f.assert_no_next();
    f.assert_hold("sancho", msg::HOLD_WAITING_FOR_DEPLOY);

    f.set_pods("sancho", {});
    f.assert_hold("sancho", msg::HOLD_WAITING_FOR_DEPLOY);

    f.set_pods("sancho", {pending_pod("pod-1", "sancho")});
    f.assert_hold("sancho", msg::HOLD_WAITING_FOR_DEPLOY);

    f.set_pods("sancho", {ready_pod("pod-1", "sancho")});
    f.assert_next("sancho");

    f.set_pods("sancho", {crashing_pod("pod-1", "sancho")});
    f.assert_next("sancho");

    f.set_pods("sancho", {crashed_in_the_past_pod("pod-1", "sancho")});
    f.assert_next("sancho");

    f.set_pods("sancho", {sidecar_crashed_pod("pod-1", "sancho")});
    f.assert_next("sancho");

    f.set_pods("sancho", {completed_pod("pod-1", "sancho")});
    f.assert_next("sancho");
  }
}

TEST_CASE("a manual trigger with pending synced files is a live update",
          "[engine][live-update]") {
  engine_fixture f;
  f.upsert_image("sancho", {.syncs = {"/tmp/src"}});
  f.upsert_k8s("sancho",
               {.trigger = msg::TRIGGER_MANUAL, .images = {"sancho"}});
  f.assert_next("sancho");
  f.build("sancho");
  f.set_pods("sancho", {completed_pod("pod-1", "sancho")});
  f.set_live_update("sancho", {"sancho"});
  f.assert_no_next();

  f.trigger("sancho");
  f.change_image_files("sancho", {"/tmp/src/a.txt"});
  f.assert_no_next();
  f.assert_hold("sancho", msg::HOLD_RECONCILING);

  SECTION("a trigger with nothing pending is a full rebuild") {
    engine_fixture g;
    g.upsert_image("sancho", {.syncs = {"/tmp/src"}});
    g.upsert_k8s("sancho",
                 {.trigger = msg::TRIGGER_MANUAL, .images = {"sancho"}});
    g.build("sancho");
    g.set_live_update("sancho", {"sancho"});
    g.trigger("sancho");
    g.assert_next("sancho");
  }
}

TEST_CASE("a disabled resource is neither built nor held", "[engine]") {
  engine_fixture f;
  f.upsert_local("local");
  f.set_enable("local", msg::ENABLE_DISABLED);
  f.assert_no_next();
  f.assert_no_hold("local");
}

TEST_CASE("a pending enable state holds every candidate", "[engine]") {
  engine_fixture f;
  f.upsert_local("local1");
  f.upsert_local("local2");
  f.upsert_local("local3");
  f.set_enable("local2", msg::ENABLE_PENDING);
  auto on = std::vector{manifest_ref("local2")};
  f.assert_no_next();
  f.assert_hold("local1", msg::HOLD_CONFIG_RELOAD, on);
  f.assert_hold("local2", msg::HOLD_CONFIG_RELOAD, on);
  f.assert_hold("local3", msg::HOLD_CONFIG_RELOAD, on);
}
