#include "message_log/log_recording_fixture.hpp"

#include "runtime/message_log/log_encoder.hpp"
#include "runtime/message_log/log_format.hpp"
#include "runtime/message_log/log_reader.hpp"

#include <catch2/catch.hpp>
#include <google/protobuf/util/message_differencer.h>

using namespace actordev;
using actordev::test::log_recording;
using actordev::test::read_all;

namespace {

log_recording small_session() {
  log_recording log;
  log.load_three_locals();
  log.decide();
  log.finish("db");
  log.ready("db");
  log.decide();
  log.change("db");
  log.decide();
  return log;
}

bool same(const google::protobuf::Message& a,
          const google::protobuf::Message& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

void check_same_records(const std::vector<msg::LogRecord>& got,
                        const std::vector<msg::LogRecord>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("record " << i);
    CHECK(same(got[i], want[i]));
  }
}

std::string damage_of(std::string_view bytes, bool jsonl = false) {
  auto reader =
      jsonl ? message_log::read_jsonl(bytes) : message_log::read_binary(bytes);
  msg::LogRecord r;
  while (reader->next(r)) {
  }
  return reader->damage() ? reader->damage()->describe() : "";
}

} // namespace

TEST_CASE("a binary log reads back its header and every record in order",
          "[message_log]") {
  auto log = small_session();
  check_same_records(read_all(log.bytes(), false), log.records());
  CHECK(damage_of(log.bytes()).empty());
}

TEST_CASE("an event record is the bytes of a LogRecord holding the event",
          "[message_log]") {
  msg::Event e;
  e.set_seq(7);
  e.set_time_us(42);
  e.mutable_trigger_requested()->set_manifest("api");
  msg::LogRecord r;
  *r.mutable_event() = e;
  std::string direct, wrapped;
  message_log::append_event(direct, e);
  message_log::append_record(wrapped, r);
  CHECK(direct == wrapped);
}

TEST_CASE("JSON lines read back as the records they were written from",
          "[message_log]") {
  auto log = small_session();
  check_same_records(read_all(log.jsonl(), true), log.records());
  CHECK(damage_of(log.jsonl(), true).empty());
}

TEST_CASE("the form of a log is told by its magic or a leading brace",
          "[message_log]") {
  auto log = small_session();
  CHECK(message_log::sniff_form(log.bytes()) == message_log::log_form::binary);
  CHECK(message_log::sniff_form("# a scenario\n\n{\"event\": {}}\n") ==
        message_log::log_form::jsonl);
  CHECK_FALSE(message_log::sniff_form("PK\x03\x04 a zip file"));
  CHECK_FALSE(message_log::sniff_form(""));
}

TEST_CASE("JSON lines skip blank and comment lines and need no header",
          "[message_log]") {
  auto records = read_all("# db builds first\n"
                          "\n"
                          "{\"event\": {\"trigger_requested\": {\"manifest\": "
                          "\"db\"}}}\r\n"
                          "   # then a decision\n"
                          "{\"decision\": {\"granted\": [\"db\"]}}\n",
                          true);
  REQUIRE(records.size() == 2);
  CHECK(records[0].event().trigger_requested().manifest() == "db");
  CHECK(records[1].decision().granted(0) == "db");
}

TEST_CASE("a JSON line with an unknown field is damage at its line",
          "[message_log]") {
  auto text = "{\"event\": {\"trigger_requested\": {\"manifest\": \"db\"}}}\n"
              "# comment\n"
              "{\"event\": {\"trigger_requestd\": {}}}\n"
              "{\"decision\": {}}\n";
  CHECK(read_all(text, true).size() == 1);
  auto damage = damage_of(text, true);
  CHECK_THAT(damage, Catch::StartsWith("line 3: not a LogRecord in JSON"));
  CHECK_THAT(damage, Catch::Contains("trigger_requestd"));
}

TEST_CASE("a JSON record of no kind, or a late header, is damage",
          "[message_log]") {
  CHECK(damage_of("{}\n", true) ==
        "line 1: a record with no kind: write one of header, event, decision "
        "or dropped");
  CHECK_THAT(damage_of("{\"decision\": {}}\n{\"header\": {}}\n", true),
             Catch::StartsWith("line 2: a header after the first record"));
  CHECK_THAT(damage_of("{\"decision\": {\"granted\": 3}}\n", true),
             Catch::StartsWith("line 1: not a LogRecord in JSON"));
}

TEST_CASE("a log with wrong magic, another version or no header is refused "
          "at its byte",
          "[message_log]") {
  auto log = small_session();
  std::string bytes = log.bytes();

  auto wrong_magic = bytes;
  wrong_magic[1] = 'X';
  CHECK(damage_of(wrong_magic) ==
        "byte 0: not an actordev message log (wrong magic bytes)");
  CHECK(read_all(wrong_magic, false).empty());

  auto newer = bytes;
  newer[message_log::magic.size()] = 2;
  CHECK_THAT(damage_of(newer),
             Catch::StartsWith("byte 8: format version 2 (this actordev "
                               "reads version 1)"));

  auto no_header = std::string(message_log::magic) + std::string("\1\0\0\0", 4);
  CHECK(damage_of(no_header) == "byte 12: the log ends before its header");

  msg::Event e;
  e.mutable_trigger_requested()->set_manifest("db");
  message_log::append_event(no_header, e);
  CHECK_THAT(damage_of(no_header),
             Catch::StartsWith("byte 12: the first record is event, not the "
                               "header"));
}

TEST_CASE("a length prefix past the end of the log is damage at its record",
          "[message_log]") {
  auto log = small_session();
  auto bytes = log.bytes();
  auto whole = bytes.size();
  bytes += std::string("\x90\x4e", 2); // 10,000 bytes claimed
  bytes += "short";
  CHECK(read_all(bytes, false).size() == log.records().size());
  CHECK(damage_of(bytes) == "byte " + std::to_string(whole) +
                                ": a record of 10000 bytes but only 5 are "
                                "left (the log is cut short)");
}

TEST_CASE("a record that does not parse, or is empty, is damage at its byte",
          "[message_log]") {
  auto log = small_session();
  auto whole = log.bytes().size();
  auto garbage = log.bytes() + std::string("\x03\xff\xff\xff", 4);
  CHECK(damage_of(garbage) == "byte " + std::to_string(whole) +
                                  ": a record that is not a valid LogRecord");
  auto empty = log.bytes() + std::string("\x00", 1);
  CHECK(damage_of(empty) ==
        "byte " + std::to_string(whole) +
            ": an empty record (no header, event, decision or dropped)");
  auto huge = log.bytes() + std::string("\xff\xff\xff\xff\x0f", 5);
  CHECK_THAT(damage_of(huge), Catch::Contains("more than the"));
  auto endless = log.bytes() + std::string(11, '\xff');
  CHECK(damage_of(endless) == "byte " + std::to_string(whole) +
                                  ": a record length that is not a varint");
}
