#include "runtime/ci_outcome.hpp"

#include <catch2/catch.hpp>

using namespace actordev;

namespace {

msg::Event loaded(
    std::initializer_list<std::pair<const char*, msg::TriggerMode>> manifests,
    std::initializer_list<const char*> disabled = {}) {
  msg::Event e;
  auto* c = e.mutable_config_loaded();
  for (const auto& [name, mode] : manifests) {
    auto* m = c->add_manifests();
    m->set_name(name);
    m->set_type(msg::MANIFEST_LOCAL);
    m->set_trigger_mode(mode);
  }
  for (const auto* d : disabled)
    c->add_disabled(d);
  return e;
}

msg::Event started(const char* name) {
  msg::Event e;
  e.mutable_build_started()->set_manifest(name);
  return e;
}

msg::Event finished(const char* name, const char* error = "") {
  msg::Event e;
  e.mutable_build_finished()->set_manifest(name);
  e.mutable_build_finished()->set_error(error);
  return e;
}

msg::Event runtime(const char* name, msg::RuntimeStatus status, bool ready,
                   bool succeeded, const char* error = "") {
  msg::Event e;
  auto* r = e.mutable_runtime_changed();
  r->set_manifest(name);
  r->set_status(status);
  r->set_ready(ready);
  r->set_succeeded(succeeded);
  r->set_error(error);
  return e;
}

} // namespace

TEST_CASE("ci succeeds once every resource that starts by itself is done") {
  ci_tracker t;
  t.apply(loaded({{"gen", msg::TRIGGER_AUTO},
                  {"web", msg::TRIGGER_AUTO},
                  {"reset", msg::TRIGGER_MANUAL_NO_INIT}}));
  t.apply(started("gen"));
  t.apply(finished("gen"));
  t.apply(runtime("gen", msg::RUNTIME_NONE, false, true));
  CHECK_FALSE(t.result());
  CHECK(t.waiting() == std::vector<std::string>{"web (not started)"});
  t.apply(started("web"));
  t.apply(runtime("web", msg::RUNTIME_PENDING, false, false));
  t.apply(finished("web"));
  CHECK_FALSE(t.result());
  CHECK(t.waiting() == std::vector<std::string>{"web (not ready)"});
  t.apply(runtime("web", msg::RUNTIME_OK, true, false));
  REQUIRE(t.result());
  CHECK(t.result()->ok);
}

TEST_CASE("ci fails at the first failed build, naming it") {
  ci_tracker t;
  t.apply(loaded({{"gen", msg::TRIGGER_AUTO}, {"web", msg::TRIGGER_AUTO}}));
  t.apply(started("gen"));
  t.apply(finished("gen", "exit 2"));
  REQUIRE(t.result());
  CHECK_FALSE(t.result()->ok);
  CHECK(t.result()->reason == "gen: build failed (exit 2)");
  t.apply(runtime("web", msg::RUNTIME_OK, true, false));
  CHECK_FALSE(t.result()->ok); // a verdict never changes
}

TEST_CASE("ci fails when a server exits with an error") {
  ci_tracker t;
  t.apply(loaded({{"web", msg::TRIGGER_AUTO}}));
  t.apply(started("web"));
  t.apply(runtime("web", msg::RUNTIME_OK, true, false));
  t.apply(runtime("web", msg::RUNTIME_ERROR, false, false, "exited (exit 1)"));
  // Building until BuildFinished: the error still ends the run.
  REQUIRE(t.result());
  CHECK(t.result()->reason == "web: exited (exit 1)");
}

TEST_CASE("ci ignores disabled resources and those waiting for a trigger") {
  ci_tracker t;
  t.apply(loaded({{"a", msg::TRIGGER_AUTO},
                  {"b", msg::TRIGGER_AUTO},
                  {"c", msg::TRIGGER_AUTO_NO_INIT}},
                 {"b"}));
  t.apply(started("a"));
  t.apply(finished("a"));
  t.apply(runtime("a", msg::RUNTIME_NONE, false, true));
  REQUIRE(t.result());
  CHECK(t.result()->ok);
}

TEST_CASE("ci with nothing to wait for succeeds at once") {
  ci_tracker t;
  CHECK_FALSE(t.result());
  t.apply(loaded({{"reset", msg::TRIGGER_MANUAL_NO_INIT}}));
  REQUIRE(t.result());
  CHECK(t.result()->ok);
}

TEST_CASE("ci waits for the first of resources that share a name, as the "
          "engine keeps it") {
  ci_tracker t;
  // A damaged or hand-written log can carry such a config.
  t.apply(loaded({{"gen", msg::TRIGGER_AUTO},
                  {"api", msg::TRIGGER_MANUAL_NO_INIT},
                  {"gen", msg::TRIGGER_AUTO},
                  {"api", msg::TRIGGER_AUTO}}));
  CHECK(t.waiting() == std::vector<std::string>{"gen (not started)"});
  t.apply(started("gen"));
  t.apply(finished("gen"));
  t.apply(runtime("gen", msg::RUNTIME_NONE, false, true));
  REQUIRE(t.result());
  CHECK(t.result()->ok);
}

TEST_CASE("ci judges Kubernetes and compose resources by their pods and "
          "containers, as the engine does") {
  ci_tracker t;
  auto e = loaded({{"web", msg::TRIGGER_AUTO},
                   {"config", msg::TRIGGER_AUTO},
                   {"db", msg::TRIGGER_AUTO}});
  auto* specs = e.mutable_config_loaded()->mutable_manifests();
  specs->Mutable(0)->set_type(msg::MANIFEST_K8S);
  specs->Mutable(1)->set_type(msg::MANIFEST_K8S);
  specs->Mutable(1)->set_pod_readiness(msg::POD_READINESS_IGNORE);
  specs->Mutable(2)->set_type(msg::MANIFEST_COMPOSE);
  t.apply(e);
  for (const char* name : {"web", "config", "db"}) {
    t.apply(started(name));
    t.apply(finished(name));
  }
  // Objects without pods are done once applied; the others are not yet.
  CHECK(t.waiting() ==
        std::vector<std::string>{"web (not ready)", "db (not ready)"});
  msg::Event pods;
  auto* rt = pods.mutable_runtime_changed();
  rt->set_manifest("web");
  auto* pod = rt->add_pods();
  pod->set_name("web-1");
  pod->set_phase(msg::POD_RUNNING);
  auto* c = pod->add_containers();
  c->set_state(msg::CONTAINER_RUNNING);
  c->set_ready(true);
  t.apply(pods);
  CHECK(t.waiting() == std::vector<std::string>{"db (not ready)"});
  msg::Event exited;
  rt = exited.mutable_runtime_changed();
  rt->set_manifest("db");
  auto* db = rt->add_containers();
  db->set_state(msg::CONTAINER_TERMINATED);
  db->set_exit_code(3);
  t.apply(exited);
  REQUIRE(t.result());
  CHECK_FALSE(t.result()->ok);
  CHECK(t.result()->reason == "db: runtime error");
}
