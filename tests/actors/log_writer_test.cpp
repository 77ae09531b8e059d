// The message log writer: a detached actor that owns the log file. It
// writes every batch in order, closes only after what was sent before, and
// never stalls or fails the engine: a writer that falls behind costs
// records (and the log says so), a full disk costs the rest of the log.
#include "log_writer_fixture.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>

using namespace actordev;
using namespace actordev::test;
using Catch::Matchers::Contains;

namespace {

/// The sequence numbers of the records, whatever their kind.
std::vector<std::uint64_t> seqs(const std::vector<msg::LogRecord>& records) {
  std::vector<std::uint64_t> out;
  for (const auto& r : records) {
    if (r.has_event())
      out.push_back(r.event().seq());
    else if (r.has_decision())
      out.push_back(r.decision().seq());
    else if (r.has_dropped())
      out.push_back(r.dropped().seq());
  }
  return out;
}

} // namespace

TEST_CASE("the writer appends batches in the order it gets them",
          "[log-writer]") {
  log_writer_fixture f;
  f.start_writer();
  for (std::uint64_t seq = 1; seq <= 20; seq += 2)
    f.append(event_record(seq) + event_record(seq + 1));
  f.close();
  f.wait_writer_done();
  CHECK(f.header().command() == "test");
  std::vector<std::uint64_t> expected;
  for (std::uint64_t seq = 1; seq <= 20; ++seq)
    expected.push_back(seq);
  CHECK(seqs(f.records()) == expected);
  CHECK(f.backlog().batches.load() == 0);
}

TEST_CASE("log_close writes every batch sent before it, then the writer "
          "quits",
          "[log-writer]") {
  log_writer_fixture f;
  f.start_writer();
  // Sent in one go: the close is queued behind 500 batches.
  for (std::uint64_t seq = 1; seq <= 500; ++seq)
    f.append(event_record(seq));
  f.close();
  f.wait_writer_done();
  auto records = f.records();
  REQUIRE(records.size() == 500);
  CHECK(records.back().event().seq() == 500);
  CHECK(f.backlog().batches.load() == 0);
}

TEST_CASE("a full disk is reported once and later batches are dropped, "
          "still leaving the backlog",
          "[log-writer]") {
  log_writer_fixture f;
  int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  f.start_writer(adapters::log_file{fd, "/dev/full"});
  for (std::uint64_t seq = 1; seq <= 3; ++seq)
    f.append(event_record(seq));
  f.close();
  f.wait_writer_done();
  CHECK(f.backlog().batches.load() == 0);
  auto lines = f.console_lines();
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].resource() == "actordev");
  CHECK(lines[0].stream() == msg::LOG_SYSTEM);
  CHECK_THAT(lines[0].text(), Contains("/dev/full") &&
                                  Contains("No space left on device") &&
                                  Contains("not recorded"));
}

TEST_CASE("the scheduler records every event and decision, and its stop "
          "closes the log after them",
          "[log-writer][scheduler]") {
  log_writer_fixture f;
  f.start_writer();
  f.start_scheduler();
  f.send_and_await_decision(load_locals({"a", "b"}));
  f.send_and_await_decision(build_finished("a"));
  f.stop_scheduler();
  f.wait_writer_done();
  auto records = f.records();
  REQUIRE(records.size() == 4);
  CHECK(records[0].event().has_config_loaded());
  CHECK(records[1].decision().granted(0) == "a");
  CHECK(records[2].event().build_finished().manifest() == "a");
  CHECK(records[3].decision().granted(0) == "b");
  CHECK(seqs(records) == std::vector<std::uint64_t>{1, 2, 3, 4});
}

TEST_CASE("a writer that is behind costs records, not progress: the next "
          "batch starts with RecordsDropped",
          "[log-writer][scheduler]") {
  log_writer_fixture f;
  f.start_writer(4);
  f.start_scheduler();
  f.backlog().batches += 4; // four batches not yet written: full
  f.send_and_await_decision(load_locals({"a", "b"}));
  f.backlog().batches -= 4; // caught up
  f.send_and_await_decision(build_finished("a"));
  f.stop_scheduler();
  f.wait_writer_done();
  auto records = f.records();
  REQUIRE(records.size() == 3);
  REQUIRE(records[0].has_dropped());
  CHECK(records[0].dropped().seq() == 1);
  CHECK(records[0].dropped().count() == 2);
  CHECK(records[1].event().seq() == 3);
  CHECK(records[2].decision().granted(0) == "b");
}

TEST_CASE("with a backlog limit of 0 the scheduler still decides, and the "
          "log says what it missed when it closes",
          "[log-writer][scheduler]") {
  log_writer_fixture f;
  f.start_writer(0);
  f.start_scheduler();
  f.send_and_await_decision(load_locals({"a", "b"}));
  f.send_and_await_decision(build_finished("a")); // granted b: not stalled
  f.stop_scheduler();
  f.wait_writer_done();
  auto records = f.records();
  REQUIRE(records.size() == 1);
  REQUIRE(records[0].has_dropped());
  CHECK(records[0].dropped().seq() == 1);
  CHECK(records[0].dropped().count() == 4);
}

TEST_CASE("a scheduler killed by an exit message still closes its log",
          "[log-writer][scheduler]") {
  log_writer_fixture f;
  f.start_writer();
  f.start_scheduler();
  f.send_and_await_decision(load_locals({"a"}));
  f.kill_scheduler();
  f.wait_writer_done();
  CHECK(seqs(f.records()) == std::vector<std::uint64_t>{1, 2});
}
