#include "runtime/config/command.hpp"

#include <catch2/catch.hpp>

using actordev::config::command;
using actordev::config::shell_line;
using actordev::config::shell_quote;

TEST_CASE("a shell command is handed to sh unchanged") {
  CHECK(shell_line(command{"make all && ./run 'x'", {}}) ==
        "make all && ./run 'x'");
}

TEST_CASE("an argv command is quoted word by word so sh runs exactly it") {
  CHECK(shell_line(command{"", {"python3", "-m", "http.server", "8000"}}) ==
        "exec python3 -m http.server 8000");
  CHECK(shell_line(command{"", {"echo", "a b", "it's", "$HOME", ""}}) ==
        "exec echo 'a b' 'it'\\''s' '$HOME' ''");
}

TEST_CASE("shell_quote leaves safe words alone and quotes the rest") {
  CHECK(shell_quote("/usr/bin/env") == "/usr/bin/env");
  CHECK(shell_quote("a;b") == "'a;b'");
  CHECK(shell_quote("*") == "'*'");
}
