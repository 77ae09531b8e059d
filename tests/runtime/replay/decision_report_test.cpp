// What `actordev replay` says about each decision: grants with reasons,
// new or changed holds, and holds that ended without a grant.
#include "message_log/log_recording_fixture.hpp"

#include "runtime/message_log/log_reader.hpp"
#include "runtime/replay/decision_report.hpp"
#include "runtime/replay/decision_text.hpp"
#include "runtime/replay/replay_run.hpp"

#include <catch2/catch.hpp>

using namespace actordev;
using lines = std::vector<std::string>;

namespace {

/// Collects the lines every decision of a replay reports.
class report_lines final : public replay::replay_observer {
public:
  void decided(const replay::replayer& r) override {
    ++decisions;
    if (!replay::may_report(r.last_point()))
      return;
    for (auto& l : replay::decision_lines(
             replay::report_decision(r.replayed(), r.last_point())))
      said.push_back(std::move(l));
  }

  int decisions = 0;
  lines said;
};

/// What a replay of the recording says, decision by decision.
lines replayed(const test::log_recording& log) {
  auto reader = message_log::read_binary(log.bytes());
  replay::replayer r;
  report_lines obs;
  auto end = replay::replay_log(*reader, r, 0, obs);
  REQUIRE(end.reason == replay::stop_reason::end);
  return obs.said;
}

msg::Event trigger(const std::string& name) {
  msg::Event e;
  e.mutable_trigger_requested()->set_manifest(name);
  return e;
}

msg::Event disable(const std::string& name) {
  msg::Event e;
  e.mutable_enable_changed()->set_manifest(name);
  e.mutable_enable_changed()->set_state(msg::ENABLE_DISABLED);
  return e;
}

} // namespace

TEST_CASE("a decision says what it granted and why, and the holds it made",
          "[replay]") {
  test::log_recording log;
  log.load_three_locals();
  log.decide();
  CHECK(replayed(log) == lines{
                             "#2 grant db (initial)",
                             "#2 hold api waiting-for-local on manifest:db",
                             "#2 hold web waiting-for-local on manifest:db",
                         });
}

TEST_CASE("a decision that changes nothing says nothing", "[replay]") {
  test::log_recording log;
  log.load_three_locals();
  log.decide();
  log.decide();
  log.decide();
  CHECK(replayed(log).size() == 3); // the first decision's lines only
}

TEST_CASE("a changed hold is said again; a granted one is not released",
          "[replay]") {
  test::log_recording log;
  log.load_three_locals();
  log.decide();
  log.finish("db");
  log.decide();
  auto said = replayed(log);
  REQUIRE(said.size() == 5);
  CHECK(said[3] == "#4 grant api (initial)");
  CHECK(said[4] == "#4 hold web waiting-for-local on manifest:api");
}

TEST_CASE("a hold that ends without a grant is a release", "[replay]") {
  test::log_recording log;
  log.load_three_locals();
  log.decide();
  log.event(disable("web"));
  log.decide();
  auto said = replayed(log);
  REQUIRE(said.size() == 4);
  CHECK(said[3] == "#4 release web (was waiting-for-local on manifest:db)");
}

TEST_CASE("a grant names every reason its build starts", "[replay]") {
  test::log_recording log;
  log.load_three_locals();
  log.decide();
  log.finish("db");
  log.decide(); // api
  log.finish("api");
  log.decide(); // web
  log.finish("web");
  log.change("db");
  log.event(trigger("db"));
  log.decide();
  auto said = replayed(log);
  CHECK(said.back() == "#10 grant db (files-changed, triggered)");
}

TEST_CASE("reason identifiers follow Tilt's order", "[replay]") {
  CHECK(replay::reason_ids(reason_trigger | reason_init) ==
        lines{"initial", "triggered"});
  CHECK(replay::reason_ids(reason_none).empty());
  CHECK(replay::reason_ids(reason_changed_deps | reason_config) ==
        lines{"deps-changed", "config-changed"});
}
