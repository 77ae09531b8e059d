// Driving a replay over a log: where it stops, and why.
#include "message_log/log_recording_fixture.hpp"

#include "runtime/message_log/log_encoder.hpp"
#include "runtime/message_log/log_reader.hpp"
#include "runtime/replay/replay_run.hpp"

#include <catch2/catch.hpp>

using namespace actordev;
using replay::stop_reason;

namespace {

/// Counts what a replay told it.
class counter final : public replay::replay_observer {
public:
  void applied(const msg::Event& e, const replay::replayer&) override {
    seqs.push_back(e.seq());
  }
  void decided(const replay::replayer& r) override {
    seqs.push_back(r.last_point().seq());
  }
  std::vector<std::uint64_t> seqs;
};

test::log_recording session() {
  test::log_recording log;
  log.load_three_locals(); // #1
  log.decide();            // #2
  log.finish("db");        // #3
  log.ready("db");         // #4
  log.decide();            // #5
  return log;
}

struct run {
  replay::replay_end end;
  std::vector<std::uint64_t> seqs;
  std::uint64_t decisions = 0;
};

run replay_bytes(std::string_view bytes, std::uint64_t until = 0) {
  auto reader = message_log::read_binary(bytes);
  replay::replayer r;
  counter c;
  auto end = replay::replay_log(*reader, r, until, c);
  return {end, c.seqs, r.decisions()};
}

} // namespace

TEST_CASE("a replay tells every record to the end of the log", "[replay]") {
  auto log = session();
  auto r = replay_bytes(log.bytes());
  CHECK(r.end.reason == stop_reason::end);
  CHECK(r.seqs == std::vector<std::uint64_t>{1, 2, 3, 4, 5});
}

TEST_CASE("a replay until a record stops right after it", "[replay]") {
  auto log = session();
  auto r = replay_bytes(log.bytes(), 3);
  CHECK(r.end.reason == stop_reason::until);
  CHECK(r.seqs == std::vector<std::uint64_t>{1, 2, 3});
}

TEST_CASE("damage after the last record asked for does not matter",
          "[replay]") {
  auto log = session();
  auto bytes = log.bytes() + "\x05garb"; // a record that does not parse
  CHECK(replay_bytes(bytes).end.reason == stop_reason::damaged);
  CHECK(replay_bytes(bytes, 5).end.reason == stop_reason::until);
}

TEST_CASE("a replay until a number the log skips stops before the next one",
          "[replay]") {
  auto log = session();
  auto records = log.records();
  std::string bytes = message_log::encode_start(records[0].header());
  for (std::size_t i = 1; i < records.size(); ++i)
    if (i != 3) // leave out #3
      message_log::append_record(bytes, records[i]);
  auto r = replay_bytes(bytes, 3);
  CHECK(r.end.reason == stop_reason::until);
  CHECK(r.seqs == std::vector<std::uint64_t>{1, 2});
}

TEST_CASE("a replay stops at damage, with the decisions before it checked",
          "[replay]") {
  auto log = session();
  auto bytes = log.bytes();
  bytes.resize(bytes.size() - 2); // the writer stopped inside #5
  auto r = replay_bytes(bytes);
  CHECK(r.end.reason == stop_reason::damaged);
  CHECK(r.seqs == std::vector<std::uint64_t>{1, 2, 3, 4});
  CHECK(r.decisions == 1);
}

TEST_CASE("a replay stops where the log lost records", "[replay]") {
  auto log = session();
  msg::LogRecord gap;
  gap.mutable_dropped()->set_seq(6);
  gap.mutable_dropped()->set_count(40);
  auto bytes = log.bytes();
  message_log::append_record(bytes, gap);
  auto r = replay_bytes(bytes);
  CHECK(r.end.reason == stop_reason::dropped);
  REQUIRE(r.end.gap);
  CHECK(r.end.gap->count() == 40);
}

TEST_CASE("hand-written records are told with the number they were given",
          "[replay]") {
  auto log = session();
  auto records = log.records();
  std::string bytes = message_log::encode_start(records[0].header());
  for (std::size_t i = 1; i < records.size(); ++i) {
    auto rec = records[i];
    if (rec.has_event())
      rec.mutable_event()->clear_seq();
    message_log::append_record(bytes, rec);
  }
  CHECK(replay_bytes(bytes).seqs == std::vector<std::uint64_t>{1, 2, 3, 4, 5});
}

TEST_CASE("a record's number is its own, or the next one", "[replay]") {
  msg::LogRecord r;
  r.mutable_event()->set_seq(9);
  CHECK(replay::record_seq(r, 3) == 9);
  r.mutable_decision();
  CHECK(replay::record_seq(r, 3) == 4);
}
