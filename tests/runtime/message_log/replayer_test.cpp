#include "message_log/log_recording_fixture.hpp"

#include "runtime/replay/replayer.hpp"

#include <catch2/catch.hpp>

using namespace actordev;
using outcome = replay::replayer::outcome;

namespace {

/// Feeds every record after the header; returns the outcomes in order.
std::vector<outcome> replay_all(replay::replayer& r,
                                const std::vector<msg::LogRecord>& records) {
  std::vector<outcome> out;
  for (std::size_t i = 1; i < records.size(); ++i) {
    out.push_back(r.feed(records[i]));
    if (out.back() == outcome::diverged || out.back() == outcome::dropped)
      break;
  }
  return out;
}

test::log_recording recorded_session() {
  test::log_recording log;
  log.load_three_locals();
  log.decide(); // grant db
  log.finish("db");
  log.ready("db");
  log.decide(); // grant api
  log.decide(); // nothing changes
  log.finish("api");
  log.ready("api");
  log.change("db");
  log.decide(); // grant db (files changed) and web (initial)
  return log;
}

} // namespace

TEST_CASE("a replay of an engine's own log matches at every decision",
          "[replay]") {
  auto log = recorded_session();
  replay::replayer r;
  auto outcomes = replay_all(r, log.records());
  CHECK(std::count(outcomes.begin(), outcomes.end(), outcome::matched) == 4);
  CHECK(std::count(outcomes.begin(), outcomes.end(), outcome::applied) == 6);
  CHECK(r.events() == 6);
  CHECK(r.decisions() == 4);
  CHECK_FALSE(r.first_divergence());
  CHECK(r.seq() == log.records().back().decision().seq());
}

TEST_CASE("a replay reports the first decision that differs, both versions",
          "[replay]") {
  auto log = recorded_session();
  auto records = log.records();
  // Pretend the recording granted web instead of api at the second
  // decision (record 5: header, config, decision, finish, ready, decision).
  auto* d = records[5].mutable_decision();
  REQUIRE(d->granted(0) == "api");
  d->set_granted(0, "web");
  replay::replayer r;
  auto outcomes = replay_all(r, records);
  CHECK(outcomes.back() == outcome::diverged);
  REQUIRE(r.first_divergence());
  const auto& div = *r.first_divergence();
  CHECK(div.seq == d->seq());
  CHECK(div.recorded.granted(0) == "web");
  CHECK(div.replayed.granted(0) == "api");
  // Holds left out of the recording are shown as the last ones recorded.
  CHECK(div.recorded.holds_size() == div.replayed.holds_size());
}

TEST_CASE("a recorded hold that differs is a divergence", "[replay]") {
  auto log = recorded_session();
  auto records = log.records();
  auto* first = records[2].mutable_decision();
  REQUIRE(first->holds_size() == 2); // api and web
  first->mutable_holds(1)->set_reason(msg::HOLD_WAITING_FOR_DEP);
  replay::replayer r;
  CHECK(replay_all(r, records).back() == outcome::diverged);
  REQUIRE(r.first_divergence());
  CHECK(r.first_divergence()->recorded.holds(1).reason() ==
        msg::HOLD_WAITING_FOR_DEP);
  CHECK(r.first_divergence()->replayed.holds(1).reason() ==
        msg::HOLD_WAITING_FOR_LOCAL);
}

TEST_CASE("hand-written records get the next number and the engine's time",
          "[replay]") {
  auto log = recorded_session();
  auto records = log.records();
  for (auto& rec : records) {
    if (rec.has_event()) {
      rec.mutable_event()->clear_seq();
      rec.mutable_event()->clear_time_us();
    } else if (rec.has_decision()) {
      rec.mutable_decision()->clear_seq();
      rec.mutable_decision()->clear_time_us();
    }
  }
  replay::replayer r;
  auto outcomes = replay_all(r, records);
  CHECK(std::count(outcomes.begin(), outcomes.end(), outcome::matched) == 4);
  CHECK(r.seq() == records.size() - 1);
  CHECK(r.last_point().seq() == records.size() - 1);
}

TEST_CASE("a gap in the log stops the check", "[replay]") {
  auto log = recorded_session();
  auto records = log.records();
  msg::LogRecord gap;
  gap.mutable_dropped()->set_seq(3);
  gap.mutable_dropped()->set_count(2);
  records.insert(records.begin() + 3, gap);
  replay::replayer r;
  auto outcomes = replay_all(r, records);
  CHECK(outcomes.size() == 3);
  CHECK(outcomes.back() == outcome::dropped);
}
