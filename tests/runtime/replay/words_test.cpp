#include "runtime/replay/words.hpp"

#include <catch2/catch.hpp>

using actordev::replay::enum_word;
using actordev::replay::one_line;

TEST_CASE("an enum value reads as lower-case words without its prefix",
          "[replay]") {
  CHECK(enum_word("RUNTIME_NOT_APPLICABLE", "RUNTIME_") == "not applicable");
  CHECK(enum_word("ENABLE_DISABLED", "ENABLE_") == "disabled");
  CHECK(enum_word("42", "RUNTIME_") == "42");
}

TEST_CASE("an error quoted on one line keeps every word", "[replay]") {
  CHECK(one_line("exit 1\r\nsegfault\n") == "exit 1  segfault ");
}
