// The promise of the message log, end to end: what `ci` records on a real
// project, `replay` re-runs to the same decisions; and a damaged copy of
// that log is an error naming where, never a crash.
#include "session_fixture.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

using namespace actordev::test;
using Catch::Matchers::Contains;

namespace {

/// Runs the README quickstart under `ci`, recording to quickstart.alog, and
/// returns the log's bytes.
std::string record_quickstart(const temp_project& p) {
  std::filesystem::copy(ACTORDEV_SOURCE_DIR "/docs/examples/quickstart",
                        p.dir(), std::filesystem::copy_options::recursive);
  auto config = read_text(p.dir() + "/actordev.yaml");
  replace_file(p, "actordev.yaml",
               replace_all(config, "8765", std::to_string(free_port())));
  running_actordev ci{p, "ci --timeout 60s --message-log quickstart.alog"};
  REQUIRE(ci.wait_exit(70s) == 0);
  return read_text(p.dir() + "/quickstart.alog");
}

} // namespace

TEST_CASE("a log recorded by ci on the quickstart replays with every "
          "decision matching",
          "[e2e][replay]") {
  temp_project p;
  record_quickstart(p);
  auto replay = p.actordev("replay quickstart.alog");
  CHECK(replay.exit_code == 0);
  CHECK_THAT(replay.output, Contains("grant codegen (initial)"));
  CHECK_THAT(replay.output, Contains("hold smoke waiting-for-"));
  CHECK_THAT(replay.output, Contains("all match"));

  // The same records as JSON lines replay the same way.
  auto jsonl = p.actordev("replay --to-jsonl quickstart.alog");
  REQUIRE(jsonl.exit_code == 0);
  p.write("quickstart.jsonl", jsonl.output);
  auto again = p.actordev("replay quickstart.jsonl");
  CHECK(again.exit_code == 0);
  CHECK(again.output == replay.output);
}

TEST_CASE("every damaged copy of a recorded log is an error or a "
          "divergence, never a crash",
          "[e2e][replay]") {
  temp_project p;
  auto log = record_quickstart(p);
  REQUIRE(log.size() > 200);
  std::mt19937 random{20261121}; // fixed: the same copies every run
  auto check_copy = [&](const std::string& what, const std::string& bytes) {
    INFO(what);
    p.write("copy.alog", bytes);
    auto r = p.actordev("replay copy.alog");
    // 0: the damage hit a byte that does not matter (a log line's text);
    // 1: it changed a decision; 3: the reader caught it, saying where.
    CHECK((r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 3));
    if (r.exit_code == 3)
      CHECK_THAT(r.output, Contains("byte "));
  };
  for (int i = 0; i < 12; ++i) {
    auto cut =
        std::uniform_int_distribution<std::size_t>(0, log.size() - 1)(random);
    auto copy = log.substr(0, cut);
    check_copy("cut at " + std::to_string(cut), copy);
  }
  for (int i = 0; i < 12; ++i) {
    auto copy = log;
    auto at =
        std::uniform_int_distribution<std::size_t>(0, log.size() - 1)(random);
    copy[at] = static_cast<char>(copy[at] ^ (1 << (i % 8)));
    check_copy("bit flipped at " + std::to_string(at), copy);
  }
  for (int i = 0; i < 6; ++i) {
    auto copy = log;
    auto at =
        std::uniform_int_distribution<std::size_t>(12, log.size() - 1)(random);
    for (std::size_t j = at; j < std::min(copy.size(), at + 64); ++j)
      copy[j] = static_cast<char>(random());
    check_copy("garbage from " + std::to_string(at), copy);
  }
}
