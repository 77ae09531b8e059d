// Where a build runs: the builder choice over what the links reported.
#include "runtime/remote/builder_choice.hpp"

#include <catch2/catch.hpp>

using namespace actordev::remote;

namespace {

builder_view up(const std::string& name, int slots, int busy = 0) {
  return {name, true, slots, busy, false};
}

builder_view down(const std::string& name) {
  return {name, false, 0, 0, false};
}

} // namespace

TEST_CASE("build_on: local always runs here") {
  auto c = choose_builder({up("a", 2)}, place::local);
  CHECK(c.at == choice::where::local);
}

TEST_CASE("the builder with the most free slots is chosen, ties in config "
          "order") {
  auto c =
      choose_builder({up("a", 2, 1), up("b", 4, 1), up("c", 4, 1)}, place::any);
  REQUIRE(c.at == choice::where::builder);
  CHECK(c.builder == 1);
}

TEST_CASE("the builder that built the image last is preferred while it has "
          "a free slot") {
  auto c = choose_builder({up("a", 8), up("b", 1)}, place::any, 1);
  REQUIRE(c.at == choice::where::builder);
  CHECK(c.builder == 1);
  c = choose_builder({up("a", 8), up("b", 1, 1)}, place::any, 1);
  CHECK(c.builder == 0);
}

TEST_CASE("with no free builder, any runs here and remote waits, saying "
          "for what") {
  std::vector<builder_view> busy{up("a", 1, 1), down("b")};
  CHECK(choose_builder(busy, place::any).at == choice::where::local);
  auto c = choose_builder(busy, place::remote);
  CHECK(c.at == choice::where::wait);
  CHECK(c.why == "waiting for a free builder slot");
  c = choose_builder({down("a"), down("b")}, place::remote);
  CHECK(c.why == "waiting for a builder to connect");
  CHECK(choose_builder({}, place::any).at == choice::where::local);
}

TEST_CASE("a build lost on a builder goes to another one") {
  std::vector<builder_view> v{up("a", 4), up("b", 1)};
  v[0].tried = true;
  auto c = choose_builder(v, place::remote, 0);
  REQUIRE(c.at == choice::where::builder);
  CHECK(c.builder == 1);
  v[1].tried = true;
  c = choose_builder(v, place::remote);
  CHECK(c.at == choice::where::wait);
  CHECK(c.why == "waiting for a builder to connect");
}
