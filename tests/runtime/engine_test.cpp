#include "message_log/log_recording_fixture.hpp"

#include "runtime/build_status.hpp"
#include "runtime/engine.hpp"

#include <catch2/catch.hpp>

using namespace actordev;

namespace {

msg::Event config_of(std::vector<std::pair<std::string, std::string>> locals) {
  msg::Event e;
  e.set_time_us(1000);
  auto* c = e.mutable_config_loaded();
  c->set_max_parallel_updates(3);
  for (const auto& [name, dep] : locals) {
    auto* m = c->add_manifests();
    m->set_name(name);
    m->set_type(msg::MANIFEST_LOCAL);
    if (!dep.empty())
      m->add_resource_deps(dep);
  }
  return e;
}

std::vector<std::string>
names(const google::protobuf::RepeatedPtrField<std::string>& v) {
  return {v.begin(), v.end()};
}

} // namespace

TEST_CASE("a decision starts the builds it grants, at its own time",
          "[engine]") {
  engine en;
  en.apply(config_of({{"db", ""}, {"api", "db"}}));
  auto d = en.decide(2, 5000);
  CHECK(d.seq() == 2);
  CHECK(d.time_us() == 5000);
  CHECK(names(d.granted()) == std::vector<std::string>{"db"});
  const auto& db = en.state().builds[0];
  REQUIRE(db.building());
  CHECK(db.current->started == 5000);
  // api waits for db, which a local resource builds alone.
  REQUIRE(d.holds_size() == 1);
  CHECK(d.holds(0).manifest() == "api");
  CHECK(d.holds(0).reason() == msg::HOLD_WAITING_FOR_LOCAL);
  CHECK(en.last_grant_reasons() == std::vector<unsigned>{reason_init});
}

TEST_CASE("a decision leaves out holds that did not change", "[engine]") {
  engine en;
  en.apply(config_of({{"db", ""}, {"api", "db"}}));
  en.decide(2, 2000);
  auto again = en.decide(3, 3000);
  CHECK(again.granted().empty());
  CHECK(again.holds_unchanged());
  CHECK(again.holds().empty());
  // The full decision is still known, and so is the one before a change.
  REQUIRE(en.last_decision().holds_size() == 1);
  CHECK(en.last_decision().holds(0).manifest() == "api");
  CHECK(en.decision_before().holds().empty());
}

TEST_CASE("a decision after a config load lists its holds in full",
          "[engine]") {
  engine en;
  en.apply(config_of({{"db", ""}, {"api", "db"}}));
  en.decide(2, 2000);
  // The same holds by index, but a new config: they are written again.
  en.apply(config_of({{"db", ""}, {"api", "db"}}));
  auto d = en.decide(4, 4000);
  CHECK_FALSE(d.holds_unchanged());
  CHECK(d.holds_size() == 1);
}

TEST_CASE("grant reasons say why each build starts", "[engine]") {
  engine en;
  en.apply(config_of({{"db", ""}}));
  en.decide(2, 2000);
  msg::Event done;
  done.set_time_us(3000);
  done.mutable_build_finished()->set_manifest("db");
  en.apply(done);
  msg::Event trigger;
  trigger.set_time_us(4000);
  trigger.mutable_trigger_requested()->set_manifest("db");
  en.apply(trigger);
  auto d = en.decide(5, 5000);
  CHECK(names(d.granted()) == std::vector<std::string>{"db"});
  CHECK(en.last_grant_reasons() == std::vector<unsigned>{reason_trigger});
}

TEST_CASE("a config that names two resources alike keeps the first",
          "[engine]") {
  // The config loader rejects such a config; a hand-written or damaged
  // log can still carry it (the events fuzzer found one).
  engine en;
  en.apply(config_of({{"gen", ""}, {"api", ""}, {"gen", "api"}}));
  REQUIRE(en.state().manifests.size() == 2);
  CHECK(en.state().manifests[0].name() == "gen");
  CHECK(en.state().manifests[0].resource_deps_size() == 0);
  CHECK(en.state().manifests[1].name() == "api");
  // Local resources build one at a time, in config order.
  auto d = en.decide(2, 2000);
  CHECK(names(d.granted()) == std::vector<std::string>{"gen"});
  CHECK(en.state().building_now == std::vector<std::size_t>{0});
}
