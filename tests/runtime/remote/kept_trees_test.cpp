// Which kept work folder a builder's build may use.
#include "runtime/remote/kept_trees.hpp"

#include <catch2/catch.hpp>

using actordev::remote::kept_trees;

TEST_CASE("a kept folder's name is the same for the same client, resource "
          "and image, and differs otherwise",
          "[remote]") {
  auto n = kept_trees::name("dev@laptop", "web", "web");
  CHECK(n.size() == 16);
  CHECK(n.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(n == kept_trees::name("dev@laptop", "web", "web"));
  CHECK(n != kept_trees::name("dev@desktop", "web", "web"));
  CHECK(n != kept_trees::name("dev@laptop", "api", "web"));
  // The parts are kept apart: "ab"+"c" is not "a"+"bc".
  CHECK(kept_trees::name("x", "ab", "c") != kept_trees::name("x", "a", "bc"));
}

TEST_CASE("a kept folder serves one build at a time, and stays taken while "
          "a cancelled build still works in it",
          "[remote]") {
  kept_trees k;
  CHECK(k.take("f", 1));
  CHECK_FALSE(k.take("f", 2)); // build 2 works in a fresh folder
  CHECK(k.take("g", 3));
  k.release(1, false);
  CHECK(k.take("f", 4));
  // Cancelled while its process runs: taken until the process ends.
  k.release(4, true);
  CHECK_FALSE(k.take("f", 5));
  k.stopped(4);
  CHECK(k.take("f", 6));
  // A build that never had a folder, or a second release, changes nothing.
  k.release(2, false);
  k.stopped(2);
  k.release(6, false);
  k.release(6, false);
  CHECK(k.taken() == 1); // g
}
