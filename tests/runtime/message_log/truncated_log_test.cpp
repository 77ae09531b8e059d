// A crash mid-write leaves a log cut anywhere: every cut must read back
// the whole records before it and name the byte where the cut record
// starts.
#include "message_log/log_recording_fixture.hpp"

#include "runtime/message_log/log_encoder.hpp"
#include "runtime/message_log/log_reader.hpp"

#include <catch2/catch.hpp>

using namespace actordev;

TEST_CASE("a log cut at any byte reads every whole record before the cut",
          "[message_log]") {
  test::log_recording log;
  log.load_three_locals();
  log.decide();
  log.finish("db");
  log.ready("db");
  log.decide();
  const auto& bytes = log.bytes();
  // Where each record ends, after the preamble and header.
  std::vector<std::size_t> ends;
  std::string prefix = message_log::encode_start(log.records()[0].header());
  ends.push_back(prefix.size());
  for (std::size_t i = 1; i < log.records().size(); ++i) {
    message_log::append_record(prefix, log.records()[i]);
    ends.push_back(prefix.size());
  }
  REQUIRE(prefix == bytes);

  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    INFO("cut at " << cut);
    auto records =
        test::read_all(std::string_view(bytes).substr(0, cut), false);
    auto whole = static_cast<std::size_t>(
        std::upper_bound(ends.begin(), ends.end(), cut) - ends.begin());
    CHECK(records.size() == whole);
    auto reader =
        message_log::read_binary(std::string_view(bytes).substr(0, cut));
    msg::LogRecord r;
    while (reader->next(r)) {
    }
    if (whole > 0 && ends[whole - 1] == cut) {
      // A cut between records cannot be told from a log that ends there.
      CHECK_FALSE(reader->damage());
      continue;
    }
    REQUIRE(reader->damage());
    auto expected_at = whole == 0 ? (cut < 8    ? 0
                                     : cut < 12 ? 8
                                                : 12)
                                  : ends[whole - 1];
    CHECK(reader->damage()->offset == expected_at);
  }
}
