// Each rule of DESIGN.md §4 alone and in combination, beyond Tilt's tests.
#include "engine_fixture.hpp"

#include "runtime/build_rules.hpp"

using namespace actordev;
using namespace actordev::test;

namespace {

std::vector<std::string> candidate_names(const engine_state& s) {
  std::vector<std::string> out;
  for (auto i : rules::targets_needing_any_build(s))
    out.push_back(s.manifests[i].name());
  return out;
}

using names = std::vector<std::string>;

} // namespace

TEST_CASE("candidates follow the four trigger modes", "[engine][rules]") {
  engine_fixture f;
  f.upsert_local("auto", {.allow_parallel = true});
  f.upsert_local("auto-no-init", {.allow_parallel = true,
                                  .trigger = msg::TRIGGER_AUTO_NO_INIT});
  f.upsert_local("manual",
                 {.allow_parallel = true, .trigger = msg::TRIGGER_MANUAL});
  f.upsert_local("manual-no-init", {.allow_parallel = true,
                                    .trigger = msg::TRIGGER_MANUAL_NO_INIT});
  CHECK(candidate_names(f.state()) == names{"auto", "manual"});

  f.build("auto");
  f.build("manual");
  CHECK(candidate_names(f.state()).empty());

  SECTION("changes build only auto-on-change resources") {
    for (auto name : {"auto", "auto-no-init", "manual", "manual-no-init"})
      f.change_local_files(name);
    CHECK(candidate_names(f.state()) == names{"auto", "auto-no-init"});
    f.assert_next("auto");
    f.assert_no_hold("manual");
  }
  SECTION("a trigger makes any resource a candidate") {
    f.trigger("manual-no-init");
    f.trigger("manual");
    CHECK(candidate_names(f.state()) == names{"manual", "manual-no-init"});
    f.assert_next("manual-no-init"); // trigger queue order
  }
}

TEST_CASE("a resource with auto_init false builds on change after a trigger",
          "[engine][rules]") {
  engine_fixture f;
  f.upsert_local("job", {.trigger = msg::TRIGGER_AUTO_NO_INIT});
  f.assert_no_next();
  f.trigger("job");
  f.assert_next("job");
  f.build("job");
  f.assert_no_next();
  f.change_local_files("job");
  f.assert_next("job");
}

TEST_CASE("a manual resource with pending changes waits for its trigger",
          "[engine][rules]") {
  engine_fixture f;
  f.upsert_local("gen", {.trigger = msg::TRIGGER_MANUAL});
  f.build("gen");
  f.change_local_files("gen");
  f.assert_no_next();
  f.assert_no_hold("gen");
  f.trigger("gen");
  f.assert_next("gen");
  f.build("gen");
  f.assert_no_next();
}

TEST_CASE("a config edit holds everything until it is loaded",
          "[engine][rules]") {
  engine_fixture f;
  f.upsert_local("a");
  f.upsert_k8s("b");
  f.change_config();
  f.assert_no_next();
  auto on =
      std::vector{target_ref{msg::TARGET_CONFIG, "/project/actordev.yaml"}};
  f.assert_hold("a", msg::HOLD_CONFIG_RELOAD, on);
  f.assert_hold("b", msg::HOLD_CONFIG_RELOAD, on);

  SECTION("a good config releases the hold") {
    f.load_config();
    f.assert_next("a");
  }
  SECTION("a bad config releases it too, and the last good one runs") {
    f.fail_config();
    f.assert_next("a");
    CHECK(f.state().config.last_errors.size() == 1);
  }
}

TEST_CASE("the first hold wins: a building resource outranks a missing dep",
          "[engine][rules]") {
  engine_fixture f;
  f.upsert_k8s("db");
  f.upsert_local("migrate", {.deps = {"api"}});
  f.upsert_local("api", {.deps = {"db"}});
  f.start_build("db");
  f.assert_hold("migrate", msg::HOLD_IS_UNPARALLELIZABLE_LOCAL);
  f.assert_hold("api", msg::HOLD_IS_UNPARALLELIZABLE_LOCAL);
  f.finish_build("db");
  f.set_pods("db", {ready_pod("db-1", "db")});
  f.assert_hold("migrate", msg::HOLD_WAITING_FOR_DEP, {manifest_ref("api")});
  f.assert_next("api");
}

TEST_CASE("dependencies gate only the first build", "[engine][rules]") {
  engine_fixture f;
  f.upsert_local("api");
  f.upsert_local("db", {.trigger = msg::TRIGGER_MANUAL_NO_INIT});
  f.build("api");
  // A config edit adds a dependency on a resource that never ran: the edit
  // rebuilds api, and the dependency does not hold it.
  f.set_resource_deps("api", {"db"});
  f.assert_next("api");
  f.build("api");
  f.change_local_files("api");
  f.assert_next("api");

  SECTION("while a resource that never built is held") {
    f.upsert_local("web", {.deps = {"db"}});
    f.assert_hold("web", msg::HOLD_WAITING_FOR_DEP, {manifest_ref("db")});
  }
}

TEST_CASE("a dependency on an unknown resource holds the first build",
          "[engine][rules]") {
  engine_fixture f;
  f.upsert_local("api", {.deps = {"ghost"}});
  f.assert_no_next();
  f.assert_hold("api", msg::HOLD_WAITING_FOR_DEP, {manifest_ref("ghost")});
}

TEST_CASE("a local dependency with a readiness probe waits for the probe",
          "[engine][rules]") {
  engine_fixture f;
  f.upsert_local("server", {.allow_parallel = true, .probe = true});
  f.upsert_local("client", {.deps = {"server"}});
  f.build("server");
  f.assert_hold("client", msg::HOLD_WAITING_FOR_DEP, {manifest_ref("server")});
  f.set_local_runtime("server", msg::RUNTIME_PENDING, false, false);
  f.assert_hold("client", msg::HOLD_WAITING_FOR_DEP, {manifest_ref("server")});
  f.set_local_runtime("server", msg::RUNTIME_OK, true, false);
  f.assert_next("client");
  // Readiness lost later does not matter: deps gate the first build only.
  f.set_local_runtime("server", msg::RUNTIME_ERROR, false, false);
  f.assert_next("client");
}

TEST_CASE("a workload dependency is ready once deployed with a ready pod",
          "[engine][rules]") {
  engine_fixture f;
  f.upsert_k8s("db");
  f.upsert_k8s("api", {.deps = {"db"}});
  f.build("db");
  f.assert_hold("api", msg::HOLD_WAITING_FOR_DEP, {manifest_ref("db")});
  f.set_pods("db", {pending_pod("db-1", "db")});
  f.assert_no_next();
  f.set_pods("db", {ready_pod("db-1", "db")});
  f.assert_next("api");
}

TEST_CASE("a job dependency is ready once its pod completed",
          "[engine][rules]") {
  engine_fixture f;
  f.upsert_k8s("migrate");
  f.upsert_k8s("api", {.deps = {"migrate"}});
  f.build("migrate");
  f.set_pods("migrate", {completed_pod("migrate-1", "migrate")});
  f.assert_next("api");
}

TEST_CASE("a compose dependency with a healthcheck waits until healthy",
          "[engine][rules]") {
  engine_fixture f;
  f.upsert_compose("db");
  f.upsert_compose("api", {.deps = {"db"}});
  f.build("db");
  msg::Container c;
  c.set_name("db");
  c.set_id("c1");
  c.set_state(msg::CONTAINER_RUNNING);
  c.set_has_healthcheck(true);
  f.set_compose_container("db", c);
  f.assert_hold("api", msg::HOLD_WAITING_FOR_DEP, {manifest_ref("db")});
  c.set_healthy(true);
  f.set_compose_container("db", c);
  f.assert_next("api");
}

TEST_CASE("a cluster with an unknown architecture holds its resources",
          "[engine][rules]") {
  engine_fixture f;
  f.set_cluster("default", "");
  f.upsert_k8s("api");
  f.upsert_local("gen");
  f.assert_next("gen");
  f.build("gen");
  f.assert_no_next();
  f.assert_hold("api", msg::HOLD_WAITING_FOR_CLUSTER, {cluster_ref("default")});
  f.set_cluster("default", "arm64");
  f.assert_next("api");
}

TEST_CASE("a cluster never reported holds its resources", "[engine][rules]") {
  engine_fixture f;
  f.upsert_k8s("api", {.cluster = "staging"});
  f.assert_hold("api", msg::HOLD_WAITING_FOR_CLUSTER, {cluster_ref("staging")});
}

TEST_CASE("first builds go locals, uncategorized, deploy-only k8s, then rest",
          "[engine][rules]") {
  engine_fixture f;
  f.upsert_image("web");
  f.upsert_k8s("web", {.images = {"web"}});
  f.upsert_k8s("db");
  f.upsert_k8s("uncategorized");
  f.upsert_local("gen");
  f.assert_next("gen");
  f.build("gen");
  f.assert_next("uncategorized");
  f.build("uncategorized");
  f.assert_next("db");
  f.build("db");
  f.assert_next("web");
}

TEST_CASE("first builds come before triggers and changes", "[engine][rules]") {
  engine_fixture f;
  f.upsert_local("built", {.allow_parallel = true});
  f.build("built");
  f.upsert_k8s("fresh");
  f.trigger("built");
  f.change_local_files("built");
  f.assert_next("fresh");
}

TEST_CASE("a trigger outranks an earlier change", "[engine][rules]") {
  engine_fixture f;
  f.upsert_local("a", {.allow_parallel = true});
  f.upsert_local("b", {.allow_parallel = true});
  f.build("a");
  f.build("b");
  f.change_local_files("a");
  f.trigger("b");
  f.assert_next("b");
}

TEST_CASE("the earliest pending change builds first, ties in config order",
          "[engine][rules]") {
  engine_fixture f;
  f.upsert_local("a", {.allow_parallel = true});
  f.upsert_local("b", {.allow_parallel = true});
  f.upsert_local("c", {.allow_parallel = true});
  f.build("a");
  f.build("b");
  f.build("c");
  SECTION("earliest first") {
    f.change_local_files("c");
    f.change_local_files("a");
    f.assert_next("c");
  }
  SECTION("same batch: config order") {
    msg::Event e;
    for (auto name : {"c", "b"}) {
      auto* ch = e.mutable_files_changed()->add_changes();
      ch->mutable_target()->set_type(msg::TARGET_LOCAL);
      ch->mutable_target()->set_name(name);
      ch->add_paths("/src/x");
    }
    f.send(e);
    f.assert_next("b");
  }
}

TEST_CASE("a change while building is kept for the next build",
          "[engine][rules]") {
  engine_fixture f;
  f.upsert_local("a");
  f.start_build("a");
  f.change_local_files("a");
  f.assert_no_next();
  f.finish_build("a");
  f.assert_next("a");
}

TEST_CASE("a failed build is not retried until something changes",
          "[engine][rules]") {
  engine_fixture f;
  f.upsert_local("a");
  f.start_build("a");
  f.finish_build("a", "exit status 2");
  f.assert_no_next();
  CHECK(f.state().builds[0].last->error == "exit status 2");
  f.change_local_files("a");
  f.assert_next("a");
}

TEST_CASE("compose live updates wait for the container to exist",
          "[engine][rules][live-update]") {
  engine_fixture f;
  f.upsert_image("app", {.syncs = {"/src"}});
  f.upsert_compose("app", {.images = {"app"}});
  f.build("app");
  f.change_image_files("app", {"/src/main.py"});
  f.assert_hold("app", msg::HOLD_WAITING_FOR_DEPLOY);
  msg::Container c;
  c.set_name("app");
  c.set_id("c1");
  c.set_state(msg::CONTAINER_RUNNING);
  f.set_compose_container("app", c);
  f.assert_next("app");
}

TEST_CASE("local container live updates wait for the container to run, "
          "and no cluster holds them",
          "[engine][rules][live-update]") {
  engine_fixture f;
  f.upsert_image("app", {.syncs = {"/src"}});
  f.upsert_container("app", {.images = {"app"}});
  f.assert_next("app"); // no cluster status was ever reported
  f.build("app");
  f.change_image_files("app", {"/src/main.py"});
  f.assert_hold("app", msg::HOLD_WAITING_FOR_DEPLOY);
  msg::Container c;
  c.set_name("app");
  c.set_id("c1");
  c.set_state(msg::CONTAINER_RUNNING);
  c.set_ready(true);
  f.set_compose_container("app", c);
  CHECK(f.state().runtimes[0].ready);
  f.assert_next("app");
}

TEST_CASE("a live update never waits for a deploy after a failed build",
          "[engine][rules][live-update]") {
  engine_fixture f;
  f.upsert_image("app", {.syncs = {"/src"}});
  f.upsert_k8s("app", {.images = {"app"}});
  f.start_build("app");
  f.finish_build("app", "image build failed");
  f.change_image_files("app", {"/src/main.py"});
  f.assert_next("app");
}

TEST_CASE("a live update never waits with two active pods",
          "[engine][rules][live-update]") {
  engine_fixture f;
  f.upsert_image("app", {.syncs = {"/src"}});
  f.upsert_k8s("app", {.images = {"app"}});
  f.build("app");
  f.change_image_files("app", {"/src/main.py"});
  f.set_pods("app", {pending_pod("p1", "app"), pending_pod("p2", "app")});
  f.assert_next("app");
}

TEST_CASE("a reconciling live update still yields to a full rebuild",
          "[engine][rules][live-update]") {
  engine_fixture f;
  f.upsert_image("app", {.syncs = {"/src"}});
  f.upsert_k8s("app", {.images = {"app"}});
  f.build("app");
  f.set_pods("app", {ready_pod("p1", "app")});
  f.set_live_update("app", {"app"});
  f.change_image_files("app", {"/src/main.py"});
  f.assert_hold("app", msg::HOLD_RECONCILING);

  SECTION("when the deploy target changes: it cannot be live updated") {
    f.change_files(msg::TARGET_K8S, "app", {"/k8s/app.yaml"});
    f.assert_next("app");
  }
  SECTION("when an automatic resource is triggered") {
    f.trigger("app");
    f.assert_next("app");
  }
}

TEST_CASE("after a failed live update, the rebuild's own changes are live "
          "updated, not rebuilt again",
          "[engine][rules][live-update]") {
  engine_fixture f;
  f.upsert_image("app", {.syncs = {"/src"}});
  f.upsert_k8s("app", {.images = {"app"}});
  f.build("app");
  f.set_pods("app", {ready_pod("p1", "app")});
  f.set_live_update("app", {"app"}, "run step 1 failed");
  f.change_image_files("app", {"/src/main.py"});
  f.assert_next("app"); // the failure lets the full rebuild through
  f.start_build("app");
  f.change_image_files("app", {"/src/util.py"}); // saved during the build
  f.finish_build("app");
  // The live updater's "healthy again" has not arrived yet: the rebuilt
  // image is a fresh start all the same.
  f.assert_hold("app", msg::HOLD_RECONCILING);
}
