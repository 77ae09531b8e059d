// The trigger queue: order, membership, and re-indexing on config reload.
#include "runtime/trigger_queue.hpp"

#include <catch2/catch.hpp>

using namespace actordev;
using list = std::vector<std::size_t>;

TEST_CASE("triggers keep their order and are queued once", "[triggers]") {
  trigger_queue q;
  CHECK(q.empty());
  q.push(3);
  q.push(1);
  q.push(3);
  CHECK(q.order() == list{3, 1});
  CHECK(q.contains(3));
  CHECK_FALSE(q.contains(2));
  CHECK_FALSE(q.contains(100));
  q.remove(3);
  q.remove(7); // not queued: nothing happens
  CHECK(q.order() == list{1});
  CHECK_FALSE(q.contains(3));
}

TEST_CASE("a config reload moves triggers and drops removed manifests",
          "[triggers]") {
  trigger_queue q;
  q.push(0);
  q.push(2);
  q.push(1);
  // old 0 -> new 1, old 1 removed, old 2 -> new 0
  q.reindex({1, std::nullopt, 0}, 2);
  CHECK(q.order() == list{1, 0});
  CHECK(q.contains(0));
  CHECK(q.contains(1));
}
