// actordev replay, run for real on hand-written and encoded message logs.
#include "cli_fixture.hpp"

#include "actordev/msg/replay.pb.h"
#include "runtime/message_log/log_encoder.hpp"
#include "runtime/message_log/log_reader.hpp"

#include <catch2/catch.hpp>
#include <google/protobuf/util/json_util.h>

#include <sstream>

using namespace actordev;
using namespace actordev::test;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;

namespace {

/// Three local resources, web on api on db, each built in turn; then a
/// change to api waits for web's build, which fails.
constexpr const char* header_line =
    R"({"header":{"actordev_version":"0.1.0","command":"ci","config_path":"/p/actordev.yaml"}})"
    "\n";
constexpr const char* records =
    R"({"event":{"seq":1,"time_us":1000,"config_loaded":{"config_path":"/p/actordev.yaml","max_parallel_updates":3,"manifests":[{"name":"db","type":"MANIFEST_LOCAL"},{"name":"api","type":"MANIFEST_LOCAL","resource_deps":["db"]},{"name":"web","type":"MANIFEST_LOCAL","resource_deps":["api"]}]}}}
{"decision":{"seq":2,"time_us":2000,"granted":["db"],"holds":[{"manifest":"api","reason":"HOLD_WAITING_FOR_LOCAL","waiting_on":[{"type":"TARGET_MANIFEST","name":"db"}]},{"manifest":"web","reason":"HOLD_WAITING_FOR_LOCAL","waiting_on":[{"type":"TARGET_MANIFEST","name":"db"}]}]}}
{"event":{"seq":3,"time_us":3000,"build_finished":{"manifest":"db","results":[{"target":{"type":"TARGET_LOCAL","name":"db"},"kind":"RESULT_LOCAL"}]}}}
{"decision":{"seq":4,"time_us":4000,"granted":["api"],"holds":[{"manifest":"web","reason":"HOLD_WAITING_FOR_LOCAL","waiting_on":[{"type":"TARGET_MANIFEST","name":"api"}]}]}}
{"event":{"seq":5,"time_us":5000,"build_finished":{"manifest":"api","results":[{"target":{"type":"TARGET_LOCAL","name":"api"},"kind":"RESULT_LOCAL"}]}}}
{"decision":{"seq":6,"time_us":6000,"granted":["web"]}}
{"event":{"seq":7,"time_us":7000,"files_changed":{"changes":[{"target":{"type":"TARGET_LOCAL","name":"api"},"paths":["/p/api/main.c"]}]}}}
{"decision":{"seq":8,"time_us":8000,"holds":[{"manifest":"api","reason":"HOLD_WAITING_FOR_LOCAL","waiting_on":[{"type":"TARGET_MANIFEST","name":"web"}]}]}}
{"event":{"seq":9,"time_us":9000,"build_finished":{"manifest":"web","error":"exit status 2","exit_code":2}}}
{"decision":{"seq":10,"time_us":10000,"granted":["api"]}}
)";

constexpr const char* all_decisions = R"(#2 grant db (initial)
#2 hold api waiting-for-local on manifest:db
#2 hold web waiting-for-local on manifest:db
#4 grant api (initial)
#4 hold web waiting-for-local on manifest:api
#6 grant web (initial)
#8 hold api waiting-for-local on manifest:web
#10 grant api (files-changed)
replayed 5 events and 5 decisions: all match
)";

std::string session_jsonl() {
  return std::string{header_line} + records;
}

/// The binary form of a JSON-lines log, and where each record starts.
struct binary_log {
  std::string bytes;
  std::vector<std::size_t> offsets; ///< of each record after the header
};

binary_log binary_of(const std::string& jsonl) {
  auto reader = message_log::read_jsonl(jsonl);
  REQUIRE(reader->header());
  binary_log out{message_log::encode_start(*reader->header()), {}};
  msg::LogRecord r;
  while (reader->next(r)) {
    out.offsets.push_back(out.bytes.size());
    message_log::append_record(out.bytes, r);
  }
  REQUIRE_FALSE(reader->damage());
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

/// Every line of `output` as a ReplayLine; fails on one that is not.
std::vector<msg::ReplayLine> json_lines(const std::string& output) {
  std::vector<msg::ReplayLine> out;
  for (const auto& line : lines_of(output)) {
    msg::ReplayLine parsed;
    auto status = google::protobuf::util::JsonStringToMessage(line, &parsed);
    INFO(line);
    REQUIRE(status.ok());
    out.push_back(parsed);
  }
  return out;
}

/// `text` with `from` replaced by `to` once (it must occur).
std::string with(std::string text, const std::string& from,
                 const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("replay prints each decision and exits 0 when all match",
          "[replay]") {
  temp_project p;
  p.write("run.jsonl", session_jsonl());
  auto r = p.actordev("replay run.jsonl");
  CHECK(r.exit_code == 0);
  CHECK(r.output == all_decisions);
}

TEST_CASE("replay reads the binary form and says the same", "[replay]") {
  temp_project p;
  p.write("run.alog", binary_of(session_jsonl()).bytes);
  auto r = p.actordev("replay run.alog");
  CHECK(r.exit_code == 0);
  CHECK(r.output == all_decisions);
}

TEST_CASE("replay --to-jsonl converts a binary log that replays the same",
          "[replay]") {
  temp_project p;
  p.write("run.alog", binary_of(session_jsonl()).bytes);
  auto converted = p.actordev("replay --to-jsonl run.alog");
  CHECK(converted.exit_code == 0);
  CHECK_THAT(converted.output, StartsWith("{\"header\":"));
  CHECK(lines_of(converted.output).size() == 11);
  p.write("run.jsonl", converted.output);
  auto r = p.actordev("replay --jsonl run.jsonl");
  CHECK(r.exit_code == 0);
  CHECK(r.output == all_decisions);
  // Converting it again changes nothing.
  CHECK(p.actordev("replay --to-jsonl run.jsonl").output == converted.output);
}

TEST_CASE("a divergence exits 1 and shows both versions of the decision",
          "[replay]") {
  temp_project p;
  p.write(
      "run.jsonl",
      with(
          session_jsonl(),
          R"("seq":8,"time_us":8000,"holds":[{"manifest":"api","reason":"HOLD_WAITING_FOR_LOCAL")",
          R"("seq":8,"time_us":8000,"holds":[{"manifest":"api","reason":"HOLD_WAITING_FOR_SLOT")"));
  auto r = p.actordev("replay run.jsonl");
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Contains("#6 grant web (initial)\n"
                                "#8 differs: the recording and this engine "
                                "decided differently\n"
                                "  recorded: grant nothing\n"
                                "            hold api waiting-for-slot on "
                                "manifest:web\n"
                                "  replayed: grant nothing\n"
                                "            hold api waiting-for-local on "
                                "manifest:web\n"
                                "replayed 4 events and 4 decisions: first "
                                "divergence at #8\n"));
  CHECK_THAT(r.output, !Contains("#10"));
}

TEST_CASE("a divergence in grants shows both grants", "[replay]") {
  temp_project p;
  p.write("run.jsonl", with(session_jsonl(), R"("granted":["api"],"holds")",
                            R"("granted":["web"],"holds")"));
  auto r = p.actordev("replay run.jsonl");
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Contains("  recorded: grant web\n"));
  CHECK_THAT(r.output, Contains("  replayed: grant api\n"));
  CHECK_THAT(r.output, Contains("(1 other hold is the same in both)"));
}

TEST_CASE("replay --until stops after that record", "[replay]") {
  temp_project p;
  p.write("run.jsonl", session_jsonl());
  auto r = p.actordev("replay --until 4 run.jsonl");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Contains("#4 hold web waiting-for-local on "
                                "manifest:api\n"));
  CHECK_THAT(r.output, !Contains("#6"));
  CHECK_THAT(r.output,
             EndsWith("replayed 2 events and 2 decisions up to #4: all "
                      "match\n"));
}

TEST_CASE("replay --explain tells one resource's story", "[replay]") {
  temp_project p;
  p.write("run.jsonl", session_jsonl());
  auto r = p.actordev("replay --explain api run.jsonl");
  CHECK(r.exit_code == 0);
  CHECK(r.output == R"(#1 api: added to the config
#2 hold api waiting-for-local on manifest:db
#4 grant api (initial)
#5 api: build succeeded
#7 api: files changed: local:api: /p/api/main.c
#8 hold api waiting-for-local on manifest:web
#10 grant api (files-changed)
replayed 5 events and 5 decisions: all match
)");
}

TEST_CASE("replay --explain of a resource the log never had says so",
          "[replay]") {
  temp_project p;
  p.write("run.jsonl", session_jsonl());
  auto r = p.actordev("replay --explain apy run.jsonl");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output,
             Contains("note: no resource named apy was in this log's config"));
}

TEST_CASE("replay --state-at shows the engine state after that record",
          "[replay]") {
  temp_project p;
  p.write("run.jsonl", session_jsonl());
  auto r = p.actordev("replay --state-at 8 run.jsonl");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, StartsWith("state after #8, engine clock 1970-01-01 "
                                  "00:00:00.007 UTC\n"
                                  "config /p/actordev.yaml, "
                                  "max_parallel_updates 3\n"));
  CHECK_THAT(r.output, Contains("api: local, auto, enabled\n"
                                "  last build succeeded at 00:00:00.005\n"
                                "  pending: local:api: /p/api/main.c, since "
                                "00:00:00.007\n"
                                "  needs a build: files-changed\n"
                                "  runtime: unknown, succeeded\n"
                                "  hold: waiting-for-local on manifest:web\n"));
  CHECK_THAT(r.output, Contains("web: local, auto, enabled\n"
                                "  building since 00:00:00.006 (full; "
                                "rebuilding local:web)\n"));
  CHECK_THAT(r.output, EndsWith("replayed 4 events and 4 decisions up to #8: "
                                "all match\n"));
}

TEST_CASE("replay --state-at past the end shows the state at the end",
          "[replay]") {
  temp_project p;
  p.write("run.jsonl", session_jsonl());
  auto r = p.actordev("replay --state-at 99 run.jsonl");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Contains("the log ends at #10, before #99"));
  CHECK_THAT(r.output, Contains("state after #10"));
}

TEST_CASE("replay -o json prints one JSON object per line, summary last",
          "[replay]") {
  temp_project p;
  p.write("run.jsonl", session_jsonl());
  auto decisions = json_lines(p.actordev("replay -o json run.jsonl").output);
  REQUIRE(decisions.size() == 6);
  CHECK(decisions[0].decision().granted(0).manifest() == "db");
  CHECK(decisions[0].decision().granted(0).reasons(0) == "initial");
  CHECK(decisions[0].decision().held_size() == 2);
  CHECK(decisions[5].summary().verdict() == msg::REPLAY_MATCH);
  CHECK(decisions[5].summary().decisions() == 5);

  auto explained =
      json_lines(p.actordev("replay -o json --explain api run.jsonl").output);
  REQUIRE(explained.size() == 8);
  CHECK(explained[0].explain().config() == msg::RESOURCE_ADDED);
  CHECK(explained[4].explain().event().files_changed().changes_size() == 1);

  auto state =
      json_lines(p.actordev("replay -o json --state-at 8 run.jsonl").output);
  REQUIRE(state.size() == 2);
  CHECK(state[0].state().manifests_size() == 3);
  CHECK(state[0].state().manifests(2).has_current());
  CHECK(state[1].summary().until() == 8);
}

TEST_CASE("replay -o json puts a divergence and damage in the summary",
          "[replay]") {
  temp_project p;
  p.write("run.jsonl", with(session_jsonl(), R"("granted":["api"],"holds")",
                            R"("granted":["web"],"holds")"));
  auto r = p.actordev("replay -o json run.jsonl");
  CHECK(r.exit_code == 1);
  auto diverged = json_lines(r.output).back().summary();
  CHECK(diverged.verdict() == msg::REPLAY_DIVERGED);
  CHECK(diverged.divergence().seq() == 4);
  CHECK(diverged.divergence().recorded().granted(0) == "web");
  CHECK(diverged.divergence().replayed().granted(0) == "api");

  p.write("bad.jsonl", session_jsonl() + "{\"event\":{\"sequence\":11}}\n");
  auto d = p.actordev("replay -o json bad.jsonl");
  CHECK(d.exit_code == 3);
  auto damaged = json_lines(d.output).back().summary();
  CHECK(damaged.verdict() == msg::REPLAY_DAMAGED);
  CHECK_THAT(damaged.error(), StartsWith("line 12: "));
}

TEST_CASE("a log from another actordev version gets a note", "[replay]") {
  temp_project p;
  p.write("run.jsonl", with(session_jsonl(), "\"0.1.0\"", "\"0.0.9\""));
  auto r = p.actordev("replay run.jsonl");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Contains("note: this log was written by actordev "
                                "0.0.9, this is actordev 0.1.0"));
}

// Damage: every kind names where it is, exits 3, and never hides the
// decisions checked before it.

TEST_CASE("a file that is not a message log is damage at byte 0", "[replay]") {
  temp_project p;
  p.write("notes.txt", "hello, world\n");
  auto r = p.actordev("replay notes.txt");
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Contains("error: notes.txt: byte 0: not an actordev "
                                "message log (wrong magic bytes)"));
}

TEST_CASE("a binary log of another format version is refused", "[replay]") {
  temp_project p;
  auto log = binary_of(session_jsonl()).bytes;
  log[8] = 2;
  p.write("run.alog", log);
  auto r = p.actordev("replay run.alog");
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Contains("byte 8: format version 2"));
}

TEST_CASE("a log cut off inside a record replays up to it, then names it",
          "[replay]") {
  temp_project p;
  auto log = binary_of(session_jsonl());
  auto last = log.offsets.back(); // decision #10
  log.bytes.resize(log.bytes.size() - 3);
  p.write("run.alog", log.bytes);
  auto r = p.actordev("replay run.alog");
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Contains("#8 hold api waiting-for-local on "
                                "manifest:web\n"
                                "replayed 5 events and 4 decisions: all "
                                "match before the damage\n"));
  CHECK_THAT(r.output, Contains("error: run.alog: byte " +
                                std::to_string(last) + ": a record of"));
  CHECK_THAT(r.output, Contains("(the log is cut short)"));
}

TEST_CASE("a length prefix larger than the file is damage", "[replay]") {
  temp_project p;
  auto log = binary_of(session_jsonl());
  auto end = log.bytes.size();
  p.write("run.alog", log.bytes + "\x7f" + "abc");
  auto r = p.actordev("replay run.alog");
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Contains("all match before the damage"));
  CHECK_THAT(r.output, Contains("byte " + std::to_string(end) +
                                ": a record of 127 bytes but only 3 are "
                                "left"));
}

TEST_CASE("a record that does not parse is damage", "[replay]") {
  temp_project p;
  auto log = binary_of(session_jsonl());
  auto end = log.bytes.size();
  p.write("run.alog", log.bytes + "\x03\xff\xff\xff");
  auto r = p.actordev("replay run.alog");
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Contains("#10 grant api (files-changed)"));
  CHECK_THAT(r.output, Contains("byte " + std::to_string(end) +
                                ": a record that is not a valid LogRecord"));
}

TEST_CASE("a JSON line with an unknown field names its line", "[replay]") {
  temp_project p;
  p.write("run.jsonl",
          with(session_jsonl(), R"({"seq":5,)", R"({"seq":5,"colour":"red",)"));
  auto r = p.actordev("replay run.jsonl");
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Contains("#4 grant api (initial)"));
  CHECK_THAT(r.output, !Contains("#6"));
  CHECK_THAT(r.output, Contains("error: run.jsonl: line 6: not a LogRecord "
                                "in JSON"));
}

TEST_CASE("an empty log is an error, not a clean replay", "[replay]") {
  temp_project p;
  p.write("empty.alog", "");
  auto r = p.actordev("replay empty.alog");
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Contains("error: empty.alog: the log is empty"));
}

TEST_CASE("a log that lost records says so and exits 3", "[replay]") {
  temp_project p;
  p.write("run.jsonl", with(session_jsonl(), R"({"event":{"seq":7,)",
                            R"({"dropped":{"seq":7,"count":12}}
{"event":{"seq":19,)"));
  auto r = p.actordev("replay run.jsonl");
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Contains("#6 grant web (initial)\n"));
  CHECK_THAT(r.output, Contains("all match before the gap"));
  CHECK_THAT(r.output, Contains("the log lost 12 records at #7 (the writer "
                                "fell behind): nothing after can be "
                                "checked"));
}

TEST_CASE("a log that cannot be read names the file", "[replay]") {
  temp_project p;
  auto r = p.actordev("replay missing.alog");
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output,
             Contains("error: missing.alog: No such file or directory"));
}

TEST_CASE("a folder given as the log is named as a folder, not as an "
          "empty log",
          "[replay]") {
  temp_project p;
  p.write("logs/run.alog", "");
  auto r = p.actordev("replay logs");
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Contains("error: logs: is a folder, not a file"));
}

TEST_CASE("a sequence number that is not a whole number from 1 says what "
          "to write",
          "[replay]") {
  temp_project p;
  p.write("run.jsonl", session_jsonl());
  auto r = p.actordev("replay --until -1 run.jsonl");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Contains("--until: '-1' is not a whole number from 1 "
                                "(write it like 42)"));
  CHECK(p.actordev("replay --state-at 0 run.jsonl").exit_code == 2);
  CHECK(p.actordev("replay --until 3x run.jsonl").exit_code == 2);
}

TEST_CASE("replay's modes that exclude each other are a usage error",
          "[replay]") {
  temp_project p;
  p.write("run.jsonl", session_jsonl());
  CHECK(p.actordev("replay --until 3 --state-at 4 run.jsonl").exit_code == 2);
  CHECK(p.actordev("replay --to-jsonl -o json run.jsonl").exit_code == 2);
  CHECK(p.actordev("replay -o yaml run.jsonl").exit_code == 2);
  CHECK(p.actordev("replay").exit_code == 2);
}
