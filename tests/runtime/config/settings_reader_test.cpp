// settings: max_parallel_updates and watch.
#include "config_fixture.hpp"

using namespace actordev::config;
using namespace actordev::config::test;
using namespace std::chrono_literals;

TEST_CASE("max_parallel_updates below 1 is an error", "[config]") {
  CHECK(error_text(R"(
settings:
  max_parallel_updates: 0
)") == at + "2:25: error: 'max_parallel_updates' in settings must be at "
            "least 1, found 0\n"
            "  hint: it is how many resources may build at once: 1 builds "
            "one at a time, the default is 3");
  CHECK(only_error("settings: {max_parallel_updates: -4}\n").message ==
        "'max_parallel_updates' in settings must be at least 1, found -4");
}

TEST_CASE("max_parallel_updates must be an integer", "[config]") {
  CHECK(only_error("settings: {max_parallel_updates: three}\n").message ==
        "'max_parallel_updates' in settings: expected an integer, found "
        "the string 'three'");
  CHECK(only_error("settings: {max_parallel_updates: 2.5}\n").message ==
        "'max_parallel_updates' in settings: expected an integer, found "
        "the number 2.5");
  CHECK(only_error("settings: {max_parallel_updates: \"4\"}\n").message ==
        "'max_parallel_updates' in settings: expected an integer, found "
        "the string '4'");
  CHECK(only_error("settings: {max_parallel_updates: [4]}\n").message ==
        "'max_parallel_updates' in settings: expected an integer, found "
        "a list");
}

TEST_CASE("a huge max_parallel_updates is out of range, not wrapped",
          "[config]") {
  CHECK(
      only_error("settings: {max_parallel_updates: 99999999999999999999999}\n")
          .message ==
      "'max_parallel_updates' in settings must be at most 2147483647, "
      "found 99999999999999999999999");
  CHECK(only_error("settings: {max_parallel_updates: 4294967296}\n").message ==
        "'max_parallel_updates' in settings must be at most 2147483647, "
        "found 4294967296");
}

TEST_CASE("a null max_parallel_updates points at its key", "[config]") {
  CHECK(error_text("settings:\n  max_parallel_updates:\nresources: {}\n") ==
        at + "2:3: error: 'max_parallel_updates' in settings: expected "
             "an integer, found nothing (null)\n"
             "  hint: it is how many resources may build at once: 1 builds "
             "one at a time, the default is 3");
}

TEST_CASE("a duration with a unit gets a hint in milliseconds", "[config]") {
  CHECK(error_text(R"(
settings:
  watch:
    quiet_ms: 5s
)") == at + "3:15: error: 'quiet_ms' in settings.watch: expected a duration "
            "in whole milliseconds, found the string '5s'\n"
            "  hint: durations are whole milliseconds, without a unit: "
            "write quiet_ms: 5000");
  CHECK(only_error("settings: {watch: {max_batch_ms: 1.5 s}}\n").hint ==
        "durations are whole milliseconds, without a unit: write "
        "max_batch_ms: 1500");
}

TEST_CASE("a negative duration is an error", "[config]") {
  CHECK(error_text("settings: {watch: {quiet_ms: -1}}\n") ==
        at + "1:30: error: 'quiet_ms' in settings.watch must be at least "
             "0, found -1\n"
             "  hint: durations are whole milliseconds, e.g. quiet_ms: 500");
}

TEST_CASE("a fractional or quoted duration is an error", "[config]") {
  CHECK(only_error("settings: {watch: {quiet_ms: 2.5}}\n").message ==
        "'quiet_ms' in settings.watch: expected a duration in whole "
        "milliseconds, found the number 2.5");
  CHECK(only_error("settings: {watch: {quiet_ms: \"20\"}}\n").message ==
        "'quiet_ms' in settings.watch: expected a duration in whole "
        "milliseconds, found the string '20'");
}

TEST_CASE("a quiet window of zero is allowed", "[config]") {
  auto cfg = loaded("settings: {watch: {quiet_ms: 0, max_batch_ms: 0}}\n");
  CHECK(cfg.settings.watch.quiet == 0ms);
  CHECK(cfg.settings.watch.max_batch == 0ms);
}

TEST_CASE("max_batch_ms shorter than quiet_ms is an error", "[config]") {
  CHECK(error_text(R"(
settings:
  watch:
    quiet_ms: 500
    max_batch_ms: 100
)") == at + "4:19: error: 'max_batch_ms' in settings.watch (100) must be at "
            "least quiet_ms (500)\n"
            "  hint: a batch waits quiet_ms for calm but never longer than "
            "max_batch_ms: raise max_batch_ms or lower quiet_ms");
}

TEST_CASE("a quiet_ms beyond the default max_batch_ms is an error at "
          "quiet_ms",
          "[config]") {
  CHECK(only_error("settings: {watch: {quiet_ms: 20000}}\n").message ==
        "'max_batch_ms' in settings.watch (10000, the default) must be "
        "at least quiet_ms (20000)");
}

TEST_CASE("watch.ignore must be a list of patterns", "[config]") {
  CHECK(error_text("settings: {watch: {ignore: \"*.log\"}}\n") ==
        at + "1:28: error: 'ignore' in settings.watch: expected a list, "
             "found the string '*.log'\n"
             "  hint: write a list: ignore: [*.log], or one '- item' per "
             "line");
}

TEST_CASE("a negated ignore pattern is an error", "[config]") {
  CHECK(
      error_text("settings: {watch: {ignore: [\"*.log\", \"!keep.log\"]}}\n") ==
      at + "1:38: error: 'ignore' in settings.watch, item 2: negated "
           "patterns ('!') are not supported\n"
           "  hint: list only what to ignore, or narrow 'deps' instead");
}

TEST_CASE("an unknown key in settings suggests the closest one", "[config]") {
  CHECK(error_text("settings:\n  max_parallel: 2\n") ==
        at + "2:3: error: unknown key 'max_parallel' in settings; "
             "expected one of: max_parallel_updates, watch\n"
             "  hint: did you mean 'max_parallel_updates'?");
}

TEST_CASE("an unknown key in settings.watch suggests the closest one",
          "[config]") {
  CHECK(error_text("settings:\n  watch:\n    quiet: 10\n") ==
        at + "3:5: error: unknown key 'quiet' in settings.watch; expected "
             "one of: quiet_ms, max_batch_ms, ignore\n"
             "  hint: did you mean 'quiet_ms'?");
}

TEST_CASE("settings must be a map", "[config]") {
  CHECK(error_text("settings: [watch]\n") ==
        at + "1:11: error: 'settings' at the top level: expected a map, "
             "found a list\n"
             "  hint: put its keys on the lines below 'settings:', "
             "indented");
  CHECK(only_error("settings: {watch: 5}\n").message ==
        "'watch' in settings: expected a map, found the integer 5");
}
