// replay --state-at: the engine state after one record, for machines and
// for people.
#include "message_log/log_recording_fixture.hpp"

#include "runtime/message_log/log_reader.hpp"
#include "runtime/replay/replay_run.hpp"
#include "runtime/replay/state_snapshot.hpp"
#include "runtime/replay/state_text.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace actordev;
using Catch::Matchers::Contains;

namespace {

/// The state a replay of the recording reaches after record `at`.
msg::StateSnapshot state_at(const test::log_recording& log, std::uint64_t at) {
  auto reader = message_log::read_binary(log.bytes());
  replay::replayer r;
  replay::replay_observer quiet;
  replay::replay_log(*reader, r, at, quiet);
  return replay::snapshot(r.replayed(), r.seq());
}

msg::Event event_of(void (*fill)(msg::Event&)) {
  msg::Event e;
  fill(e);
  return e;
}

bool has_line(const std::vector<std::string>& lines, const std::string& l) {
  return std::find(lines.begin(), lines.end(), l) != lines.end();
}

} // namespace

TEST_CASE("a snapshot shows each manifest's build, hold and runtime",
          "[replay]") {
  test::log_recording log;
  log.load_three_locals(); // #1
  log.decide();            // #2 grant db
  log.change("api");       // #3
  auto s = state_at(log, 3);
  CHECK(s.seq() == 3);
  CHECK(s.config_path() == "/project/actordev.yaml");
  REQUIRE(s.manifests_size() == 3);
  const auto& db = s.manifests(0);
  CHECK(db.name() == "db");
  CHECK(db.type() == msg::MANIFEST_LOCAL);
  CHECK(db.has_current());
  CHECK_FALSE(db.has_hold());
  const auto& api = s.manifests(1);
  CHECK_FALSE(api.has_current());
  CHECK(api.hold().reason() == msg::HOLD_WAITING_FOR_LOCAL);
  REQUIRE(api.pending_size() == 1);
  CHECK(api.pending(0).paths(0) == "/project/api/main.c");
  REQUIRE(api.needs_build_size() == 2); // in Tilt's order
  CHECK(api.needs_build(0) == "initial");
  CHECK(api.needs_build(1) == "files-changed");
}

TEST_CASE("a snapshot stops where it is asked to", "[replay]") {
  test::log_recording log;
  log.load_three_locals(); // #1
  log.decide();            // #2
  log.finish("db");        // #3
  auto before = state_at(log, 2);
  CHECK(before.manifests(0).has_current());
  CHECK_FALSE(before.manifests(0).has_last_build());
  auto after = state_at(log, 3);
  CHECK_FALSE(after.manifests(0).has_current());
  CHECK(after.manifests(0).last_build().error().empty());
  CHECK(after.manifests(0).runtime().succeeded());
}

TEST_CASE("a snapshot lists clusters by name and the trigger queue in order",
          "[replay]") {
  test::log_recording log;
  log.load_three_locals();
  log.event(event_of([](msg::Event& e) {
    e.mutable_cluster_status()->set_name("zeta");
    e.mutable_cluster_status()->set_error("connection refused");
  }));
  log.event(event_of([](msg::Event& e) {
    e.mutable_cluster_status()->set_name("alpha");
    e.mutable_cluster_status()->set_arch("amd64");
  }));
  log.event(event_of([](msg::Event& e) {
    e.mutable_trigger_requested()->set_manifest("web");
  }));
  log.event(event_of([](msg::Event& e) {
    e.mutable_trigger_requested()->set_manifest("api");
  }));
  auto s = state_at(log, 5);
  REQUIRE(s.clusters_size() == 2);
  CHECK(s.clusters(0).name() == "alpha");
  CHECK(s.clusters(1).error() == "connection refused");
  REQUIRE(s.trigger_queue_size() == 2);
  CHECK(s.trigger_queue(0) == "web");
  CHECK(s.trigger_queue(1) == "api");
  auto text = replay::state_lines(s);
  CHECK(has_line(text, "clusters: alpha (amd64) zeta (error: connection "
                       "refused)"));
  CHECK(has_line(text, "trigger queue: web, api"));
}

TEST_CASE("the state in words: one block per manifest", "[replay]") {
  test::log_recording log;
  log.load_three_locals(); // #1 at ...001.000
  log.decide();            // #2 grant db at ...002.000
  log.finish("db", "exit status 2\nno rule");
  auto text = replay::state_lines(state_at(log, 3));
  CHECK(text[0] == "state after #3, engine clock 2023-11-14 22:13:20.003 UTC");
  CHECK(text[1] == "config /project/actordev.yaml, max_parallel_updates 3");
  CHECK(has_line(text, "db: local, auto, enabled"));
  CHECK(has_line(text, "  last build failed at 22:13:20.003: exit status 2 "
                       "no rule"));
  CHECK(has_line(text, "api: local, auto, enabled"));
  CHECK(has_line(text, "  never built"));
  CHECK(has_line(text, "  hold: waiting-for-local on manifest:db"));
  CHECK(has_line(text, "trigger queue: empty"));
}

TEST_CASE("times read as UTC to the millisecond", "[replay]") {
  CHECK(replay::clock_text(1'700'000'000'123'456) == "22:13:20.123");
  CHECK(replay::date_time_text(0) == "1970-01-01 00:00:00.000 UTC");
}
