// What `actordev up` says about each resource, and only when it changes.
#include "runtime/status_line.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

using namespace actordev;

namespace {

struct resource {
  std::string name;
  std::vector<std::string> deps = {};
  msg::ManifestType type = msg::MANIFEST_LOCAL;
  msg::TriggerMode trigger = msg::TRIGGER_AUTO;
  bool probe = false;
};

using lines = std::vector<std::string>;

/// A tracker fed events and decisions; each call returns what it said, as
/// "name  text" (actordev's own lines under "actordev").
class tracker_fixture {
public:
  lines load(const std::vector<resource>& resources,
             std::vector<std::string> disabled = {}) {
    msg::Event e;
    auto* c = e.mutable_config_loaded();
    c->set_config_path("/p/actordev.yaml");
    c->set_max_parallel_updates(3);
    for (const auto& r : resources) {
      auto* m = c->add_manifests();
      m->set_name(r.name);
      m->set_type(r.type);
      m->set_trigger_mode(r.trigger);
      m->set_has_readiness_probe(r.probe);
      for (const auto& d : r.deps)
        m->add_resource_deps(d);
      if (r.type == msg::MANIFEST_K8S)
        m->set_cluster("default");
    }
    for (auto& d : disabled)
      c->add_disabled(std::move(d));
    return send(std::move(e));
  }

  lines cluster_up(const std::string& name) {
    msg::Event e;
    e.mutable_cluster_status()->set_name(name);
    e.mutable_cluster_status()->set_arch("amd64");
    return send(std::move(e));
  }

  lines start(const std::string& name) {
    msg::Event e;
    e.mutable_build_started()->set_manifest(name);
    return send(std::move(e));
  }

  lines finish(const std::string& name, const std::string& error = {},
               int exit_code = 0) {
    msg::Event e;
    auto* f = e.mutable_build_finished();
    f->set_manifest(name);
    f->set_error(error);
    f->set_exit_code(exit_code);
    return send(std::move(e));
  }

  lines runtime(const std::string& name, msg::RuntimeStatus status, bool ready,
                const std::string& error = {}) {
    msg::Event e;
    auto* r = e.mutable_runtime_changed();
    r->set_manifest(name);
    r->set_status(status);
    r->set_ready(ready);
    r->set_error(error);
    return send(std::move(e));
  }

  lines pod(const std::string& name, msg::PodPhase phase, bool ready,
            const std::string& reason = {}) {
    msg::Event e;
    auto* r = e.mutable_runtime_changed();
    r->set_manifest(name);
    auto* p = r->add_pods();
    p->set_name(name + "-1");
    p->set_phase(phase);
    auto* c = p->add_containers();
    c->set_name("main");
    c->set_ready(ready);
    c->set_state(reason.empty() ? msg::CONTAINER_RUNNING
                                : msg::CONTAINER_WAITING);
    c->set_reason(reason);
    return send(std::move(e));
  }

  lines config_failed(const std::vector<msg::ConfigError>& errors) {
    msg::Event e;
    auto* f = e.mutable_config_load_failed();
    f->set_config_path("/p/actordev.yaml");
    for (const auto& err : errors)
      *f->add_errors() = err;
    return send(std::move(e));
  }

  lines enable(const std::string& name, msg::EnableState state) {
    msg::Event e;
    e.mutable_enable_changed()->set_manifest(name);
    e.mutable_enable_changed()->set_state(state);
    return send(std::move(e));
  }

  /// A decision holding each `holds` entry: {manifest, reason, waiting on}.
  lines decide(const std::vector<std::tuple<std::string, msg::HoldReason,
                                            std::vector<std::string>>>& holds) {
    msg::Decision d;
    for (const auto& [name, reason, on] : holds)
      *d.add_holds() = hold(name, reason, on);
    return said(tracker.on_decision(d));
  }

  static msg::Hold hold(const std::string& name, msg::HoldReason reason,
                        const std::vector<std::string>& on = {},
                        msg::TargetType type = msg::TARGET_MANIFEST) {
    msg::Hold h;
    h.set_manifest(name);
    h.set_reason(reason);
    for (const auto& o : on) {
      auto* ref = h.add_waiting_on();
      ref->set_type(type);
      ref->set_name(o);
    }
    return h;
  }

  status_tracker tracker;

private:
  lines send(msg::Event e) {
    e.set_time_us(++now_);
    return said(tracker.on_event(e));
  }

  static lines said(const std::vector<status_line>& ls) {
    lines out;
    for (const auto& l : ls)
      out.push_back((l.resource.empty() ? "actordev" : l.resource) + "  " +
                    l.text);
    return out;
  }

  time_us now_ = 1'000'000;
};

msg::ConfigError config_error(int line, int column, const std::string& message,
                              const std::string& hint = {}) {
  msg::ConfigError e;
  e.set_file("actordev.yaml");
  e.set_line(line);
  e.set_column(column);
  e.set_message(message);
  e.set_hint(hint);
  return e;
}

} // namespace

TEST_CASE("a resource waiting on a dependency has that status said once",
          "[status]") {
  tracker_fixture f;
  CHECK(f.load({{"db", {}, msg::MANIFEST_LOCAL, msg::TRIGGER_AUTO, true},
                {"api", {"db"}}})
            .empty());
  CHECK(f.start("db") == lines{"db  building"});
  CHECK(f.decide({{"api", msg::HOLD_WAITING_FOR_DEP, {"db"}}}) ==
        lines{"api  waiting on db"});
  CHECK(f.decide({{"api", msg::HOLD_WAITING_FOR_DEP, {"db"}}}).empty());
  CHECK(f.finish("db") == lines{"db  updated"});
  CHECK(f.runtime("db", msg::RUNTIME_PENDING, false) == lines{"db  running"});
  CHECK(f.runtime("db", msg::RUNTIME_OK, true) == lines{"db  ready"});
  CHECK(f.runtime("db", msg::RUNTIME_OK, true).empty());
  // The scheduler applies api's BuildStarted before it publishes the
  // decision that no longer holds it: the build wins over the stale hold.
  CHECK(f.start("api") == lines{"api  building"});
  CHECK(f.decide({}).empty());
}

TEST_CASE("a failed build's status says its exit code, or its error",
          "[status]") {
  tracker_fixture f;
  f.load({{"gen"}, {"lint"}});
  f.start("gen");
  CHECK(f.finish("gen", "exit status 2", 2) ==
        lines{"gen  build failed (exit 2)"});
  f.start("lint");
  CHECK(f.finish("lint", "no manifest actor is running for lint") ==
        lines{"lint  build failed: no manifest actor is running for lint"});
  f.start("lint");
  CHECK(f.finish("lint", "killed by signal 9", -1) ==
        lines{"lint  build failed: killed by signal 9"});
  CHECK(f.start("gen") == lines{"gen  building"});
  CHECK(f.finish("gen") == lines{"gen  succeeded"});
}

TEST_CASE("the status of a server that exits or fails its probe says why",
          "[status]") {
  tracker_fixture f;
  f.load({{"web", {}, msg::MANIFEST_LOCAL, msg::TRIGGER_AUTO, true}});
  f.start("web");
  f.finish("web");
  CHECK(f.runtime("web", msg::RUNTIME_PENDING, false,
                  "GET :8080/health: connection refused") ==
        lines{"web  not ready: GET :8080/health: connection refused"});
  CHECK(f.runtime("web", msg::RUNTIME_ERROR, false, "exited (exit 1)") ==
        lines{"web  exited (exit 1)"});
  CHECK(f.runtime("web", msg::RUNTIME_ERROR, false) == lines{"web  failed"});
  CHECK(f.runtime("web", msg::RUNTIME_NONE, false, "exited (exit 0)") ==
        lines{"web  exited (exit 0)"});
  CHECK(f.runtime("web", msg::RUNTIME_OK, true) == lines{"web  ready"});
}

TEST_CASE("the status of Kubernetes pods reads starting, ready, then failing",
          "[status]") {
  tracker_fixture f;
  f.cluster_up("default");
  f.load({{"api", {}, msg::MANIFEST_K8S}});
  f.start("api");
  CHECK(f.finish("api") == lines{"api  starting"});
  CHECK(f.pod("api", msg::POD_RUNNING, true) == lines{"api  ready"});
  CHECK(f.pod("api", msg::POD_PENDING, false, "CrashLoopBackOff") ==
        lines{"api  failed: CrashLoopBackOff"});
}

TEST_CASE("every hold reason has its own status words", "[status]") {
  std::set<std::string> seen;
  for (int r = msg::HOLD_CONFIG_RELOAD; r <= msg::HOLD_WAITING_FOR_SLOT; ++r) {
    auto text = hold_status(
        tracker_fixture::hold("a", static_cast<msg::HoldReason>(r), {"x"}));
    CHECK_FALSE(text.empty());
    CHECK(text.find("{}") == std::string::npos);
    CHECK(seen.insert(text).second);
  }
  CHECK(hold_status(tracker_fixture::hold("a", msg::HOLD_NONE)).empty());
  using f = tracker_fixture;
  CHECK(hold_status(f::hold("a", msg::HOLD_CONFIG_RELOAD, {"/p/actordev.yaml"},
                            msg::TARGET_CONFIG)) == "waiting on config reload");
  CHECK(hold_status(f::hold("b", msg::HOLD_WAITING_FOR_LOCAL, {"a"})) ==
        "waiting for local resource a");
  CHECK(hold_status(f::hold("c", msg::HOLD_WAITING_FOR_DEP, {"db", "cache"})) ==
        "waiting on db, cache");
  CHECK(hold_status(f::hold("d", msg::HOLD_WAITING_FOR_SLOT)) ==
        "waiting for a build slot");
  CHECK(hold_status(f::hold("e", msg::HOLD_WAITING_FOR_CLUSTER, {"default"},
                            msg::TARGET_CLUSTER)) ==
        "waiting for cluster default");
}

TEST_CASE("a resource whose changes a live updater handles reads as what "
          "runs, not as held",
          "[status][live-update]") {
  tracker_fixture f;
  f.load({{"web", {}, msg::MANIFEST_LOCAL}});
  f.start("web");
  f.finish("web");
  CHECK(f.runtime("web", msg::RUNTIME_OK, true) == lines{"web  ready"});
  // Reconciling: the live updater keeps the container up to date.
  CHECK(f.decide({{"web", msg::HOLD_RECONCILING, {}}}).empty());
  // Any other hold is shown.
  CHECK(f.decide({{"web", msg::HOLD_WAITING_FOR_DEPLOY, {}}}) ==
        lines{"web  waiting for its container to start (live update)"});
}

TEST_CASE("a hold that changes reason is a new status", "[status]") {
  tracker_fixture f;
  f.load({{"a"}, {"b"}});
  CHECK(f.decide({{"b", msg::HOLD_WAITING_FOR_LOCAL, {"a"}}}) ==
        lines{"b  waiting for local resource a"});
  CHECK(f.decide({{"b", msg::HOLD_WAITING_FOR_SLOT, {}}}) ==
        lines{"b  waiting for a build slot"});
}

TEST_CASE(
    "the status of resources that need a trigger says so when the config loads",
    "[status]") {
  tracker_fixture f;
  CHECK(
      f.load({{"app"},
              {"smoke", {}, msg::MANIFEST_LOCAL, msg::TRIGGER_MANUAL_NO_INIT},
              {"docs", {}, msg::MANIFEST_LOCAL, msg::TRIGGER_AUTO_NO_INIT}}) ==
      lines{"smoke  waiting for a trigger", "docs  waiting for a trigger"});
}

TEST_CASE(
    "resources left out start with no status, and say when they are disabled",
    "[status]") {
  tracker_fixture f;
  CHECK(f.load({{"api"}, {"docs"}}, {"docs"}).empty());
  CHECK(f.enable("docs", msg::ENABLE_ENABLED).empty());
  CHECK(f.start("docs") == lines{"docs  building"});
  CHECK(f.enable("docs", msg::ENABLE_DISABLED) == lines{"docs  disabled"});
}

TEST_CASE(
    "config error statuses name their place, and the fix says config reloaded",
    "[status]") {
  tracker_fixture f;
  f.load({{"api"}, {"old"}});
  auto errors = std::vector{
      config_error(3, 5, "unknown key 'comand' in resource 'api'",
                   "did you mean 'cmd'?"),
      config_error(0, 0, "resource_deps form a cycle: a -> b -> a")};
  CHECK(
      f.config_failed(errors) ==
      lines{"actordev  actordev.yaml:3:5: unknown key 'comand' in resource "
            "'api' (did you mean 'cmd'?)",
            "actordev  actordev.yaml: resource_deps form a cycle: a -> b -> a",
            "actordev  config not reloaded: 2 errors; the last good config "
            "keeps running"});
  CHECK(f.config_failed(errors).empty());
  CHECK(f.load({{"api"}}) ==
        lines{"actordev  config reloaded", "old  removed"});
  // Every good reload is said, so a user sees each save was picked up.
  CHECK(f.load({{"api"}}) == lines{"actordev  config reloaded"});
  CHECK(f.tracker.resources() == std::vector<std::string>{"api"});
}
