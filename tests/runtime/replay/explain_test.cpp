// replay --explain: one resource's story, and nothing else.
#include "message_log/log_recording_fixture.hpp"

#include "runtime/message_log/log_reader.hpp"
#include "runtime/replay/explain.hpp"
#include "runtime/replay/explain_text.hpp"
#include "runtime/replay/replay_run.hpp"

#include <catch2/catch.hpp>

using namespace actordev;
using lines = std::vector<std::string>;

namespace {

/// What a replay of the recording explains about `manifest`.
class explained final : public replay::replay_observer {
public:
  explicit explained(std::string manifest)
      : explainer(std::move(manifest)) {}

  void applied(const msg::Event& e, const replay::replayer& r) override {
    if (auto entry = explainer.on_event(e, r.replayed().state()))
      said.push_back(replay::explain_line(*entry));
  }
  void decided(const replay::replayer& r) override {
    if (auto entry = explainer.on_decision(r.last_point(), r.replayed()))
      said.push_back(replay::explain_line(*entry));
  }

  replay::explainer explainer;
  lines said;
};

lines explain(const test::log_recording& log, const std::string& manifest) {
  auto reader = message_log::read_binary(log.bytes());
  replay::replayer r;
  explained obs{manifest};
  replay::replay_log(*reader, r, 0, obs);
  return obs.said;
}

msg::Event files(std::vector<std::pair<std::string, std::string>> changes) {
  msg::Event e;
  for (const auto& [local, path] : changes) {
    auto* t = e.mutable_files_changed()->add_changes();
    t->mutable_target()->set_type(msg::TARGET_LOCAL);
    t->mutable_target()->set_name(local);
    t->add_paths(path);
  }
  return e;
}

msg::Event runtime_error(const std::string& name, const std::string& error) {
  msg::Event e;
  auto* r = e.mutable_runtime_changed();
  r->set_manifest(name);
  r->set_status(msg::RUNTIME_ERROR);
  r->set_error(error);
  return e;
}

} // namespace

TEST_CASE("explain follows one resource from config to ready", "[replay]") {
  test::log_recording log;
  log.load_three_locals();            // #1
  log.decide();                       // #2 grant db; api and web held
  log.finish("db");                   // #3
  log.ready("db");                    // #4
  log.decide();                       // #5 grant api; web held on api
  log.decide();                       // #6 nothing changes
  log.finish("api", "compile error"); // #7
  log.decide();                       // #8
  CHECK(explain(log, "api") ==
        lines{
            "#1 api: added to the config",
            "#2 hold api waiting-for-local on manifest:db",
            "#5 grant api (initial)",
            "#7 api: build failed: compile error",
        });
}

TEST_CASE("explain keeps only the resource's own file changes", "[replay]") {
  test::log_recording log;
  log.load_three_locals();
  log.event(files({{"db", "/p/db.c"}, {"api", "/p/api.c"}}));
  log.event(files({{"web", "/p/web.c"}}));
  auto said = explain(log, "api");
  REQUIRE(said.size() == 2);
  CHECK(said[1] == "#2 api: files changed: local:api: /p/api.c");
}

TEST_CASE("explain says how the engine saw the runtime", "[replay]") {
  test::log_recording log;
  log.load_three_locals();
  log.ready("db");
  log.event(runtime_error("db", "exited (exit 1)\nsegfault"));
  auto said = explain(log, "db");
  REQUIRE(said.size() == 3);
  CHECK(said[1] == "#2 db: runtime ok, ready");
  CHECK(said[2] == "#3 db: runtime error: exited (exit 1) segfault");
}

TEST_CASE("explain shows its cluster's state only when it changes",
          "[replay]") {
  test::log_recording log;
  msg::Event e;
  auto* c = e.mutable_config_loaded();
  auto* svc = c->add_manifests();
  svc->set_name("svc");
  svc->set_type(msg::MANIFEST_K8S);
  svc->set_cluster("default");
  log.event(e); // #1
  msg::Event up;
  up.mutable_cluster_status()->set_name("default");
  up.mutable_cluster_status()->set_arch("amd64");
  msg::Event down = up;
  down.mutable_cluster_status()->set_error("connection refused");
  msg::Event other = up;
  other.mutable_cluster_status()->set_name("staging");
  for (const auto& report : {up, up, other, down, down, up})
    log.event(report); // #2 ... #7
  CHECK(explain(log, "svc") ==
        lines{
            "#1 svc: added to the config",
            "#2 svc: cluster default: amd64",
            "#5 svc: cluster default: error: connection refused",
            "#7 svc: cluster default: amd64",
        });
}

TEST_CASE("explain says when a hold ends without a grant", "[replay]") {
  test::log_recording log;
  log.load_three_locals();
  log.decide();
  msg::Event off;
  off.mutable_enable_changed()->set_manifest("web");
  off.mutable_enable_changed()->set_state(msg::ENABLE_DISABLED);
  log.event(off);
  log.decide();
  CHECK(explain(log, "web") ==
        lines{
            "#1 web: added to the config",
            "#2 hold web waiting-for-local on manifest:db",
            "#3 web: disabled",
            "#4 release web (was waiting-for-local on manifest:db)",
        });
}

TEST_CASE("explain notices a resource's config change and removal",
          "[replay]") {
  test::log_recording log;
  log.load_three_locals();
  log.load_three_locals(); // the same config again: nothing to say
  msg::Event smaller;
  auto* c = smaller.mutable_config_loaded();
  auto* db = c->add_manifests();
  db->set_name("db");
  db->set_type(msg::MANIFEST_LOCAL);
  db->set_allow_parallel(true);
  log.event(smaller);
  CHECK(explain(log, "db") ==
        lines{"#1 db: added to the config", "#3 db: its config changed"});
  CHECK(explain(log, "web") == lines{"#1 web: added to the config",
                                     "#3 web: removed from the config"});
}

TEST_CASE("explain of a name the log never had says nothing and knows it",
          "[replay]") {
  test::log_recording log;
  log.load_three_locals();
  log.decide();
  auto reader = message_log::read_binary(log.bytes());
  replay::replayer r;
  explained obs{"nope"};
  replay::replay_log(*reader, r, 0, obs);
  CHECK(obs.said.empty());
  CHECK_FALSE(obs.explainer.seen());
}
