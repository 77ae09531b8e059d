#include "runtime/config/config_error.hpp"

#include <catch2/catch.hpp>

using namespace actordev::config;

TEST_CASE("an error reads as file, line, column, message and hint",
          "[config]") {
  config_error e{"actordev.yaml", 12, 5, "unknown key 'comand'",
                 "did you mean 'cmd'?"};
  CHECK(format(e) == "actordev.yaml:12:5: error: unknown key 'comand'\n"
                     "  hint: did you mean 'cmd'?");
}

TEST_CASE("an error without a position names only the file", "[config]") {
  config_error e{"actordev.yaml", 0, 0, "the config is empty", ""};
  CHECK(format(e) == "actordev.yaml: error: the config is empty");
}

TEST_CASE("an error with a line but no column names the line", "[config]") {
  config_error e{"a.yaml", 3, 0, "bad", ""};
  CHECK(format(e) == "a.yaml:3: error: bad");
}

TEST_CASE("a multi-line hint is indented under its first line", "[config]") {
  config_error e{"a.yaml", 1, 1, "bad", "write:\nresources: {}"};
  CHECK(format(e) ==
        "a.yaml:1:1: error: bad\n  hint: write:\n        resources: {}");
}

TEST_CASE("several errors are rendered one per block", "[config]") {
  std::vector<config_error> errors{{"a.yaml", 1, 2, "one", "fix it"},
                                   {"a.yaml", 3, 4, "two", ""}};
  CHECK(format(errors) ==
        "a.yaml:1:2: error: one\n  hint: fix it\na.yaml:3:4: error: two\n");
}
