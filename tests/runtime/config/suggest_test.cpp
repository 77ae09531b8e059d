#include "runtime/config/suggest.hpp"

#include <catch2/catch.hpp>

using namespace actordev::config;

TEST_CASE("edit distance counts insertions, deletions and substitutions",
          "[config]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("cmd", "cmd") == 0);
  CHECK(edit_distance("cmd", "cmds") == 1);
  CHECK(edit_distance("cmds", "cmd") == 1);
  CHECK(edit_distance("cmd", "cnd") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("comand", "cmd") == 3);
}

TEST_CASE("edit distance counts a swap of neighbours as one edit", "[config]") {
  CHECK(edit_distance("cdm", "cmd") == 1);
  CHECK(edit_distance("resoruces", "resources") == 1);
}

TEST_CASE("edit distance ignores ASCII case", "[config]") {
  CHECK(edit_distance("CMD", "cmd") == 0);
}

TEST_CASE("a close typo gets a suggestion", "[config]") {
  std::vector<std::string> keys{"cmd", "serve_cmd", "deps", "dir"};
  CHECK(closest_match("comand", keys) == "cmd");
  CHECK(closest_match("serve_command", keys) == "serve_cmd");
  CHECK(closest_match("dep", keys) == "deps");
  CHECK(did_you_mean("dirr", keys) == "did you mean 'dir'?");
}

TEST_CASE("an unrelated word gets no suggestion", "[config]") {
  std::vector<std::string> keys{"cmd", "serve_cmd", "deps", "dir"};
  CHECK_FALSE(closest_match("kubernetes", keys));
  CHECK_FALSE(closest_match("x", keys));
  CHECK(did_you_mean("zzzzzz", keys).empty());
  CHECK_FALSE(closest_match("cmd", {}));
}

TEST_CASE("on a tie the earliest candidate is suggested", "[config]") {
  CHECK(closest_match("ab", {"ac", "ad"}) == "ac");
}

TEST_CASE("words are joined with a separator", "[config]") {
  CHECK(join({"a", "b", "c"}) == "a, b, c");
  CHECK(join({"a"}) == "a");
  CHECK(join({}).empty());
  CHECK(join({"a", "b"}, " -> ") == "a -> b");
}

TEST_CASE("a truncated or extended key is suggested by its prefix",
          "[config]") {
  std::vector<std::string> keys{"quiet_ms", "max_batch_ms", "ignore"};
  CHECK(closest_match("quiet", keys) == "quiet_ms");
  CHECK(closest_match("ignore_paths", keys) == "ignore");
  CHECK_FALSE(closest_match("qu", keys));
}
