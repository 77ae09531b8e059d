// path_under: the matching behind live update syncs and fall_back_on.
#include "runtime/path_match.hpp"

#include <catch2/catch.hpp>

using namespace actordev;

TEST_CASE("a path is under a folder only on whole components", "[paths]") {
  CHECK(path_under("/src/app/main.py", "/src"));
  CHECK(path_under("/src", "/src"));
  CHECK(path_under("/src/a", "/src/"));
  CHECK(path_under("/anything", "/"));
  CHECK_FALSE(path_under("/src2/a", "/src"));
  CHECK_FALSE(path_under("/sr", "/src"));
  CHECK_FALSE(path_under("/other/src/a", "/src"));
}
