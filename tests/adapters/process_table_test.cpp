// process_table: which groups stopping a group must reach, and what counts
// as alive. Pure functions over a hand-made table, plus one real read.
#include "adapters/process_table.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <unistd.h>

using namespace actordev::adapters;

namespace {

using groups = std::set<pid_t>;

/// actordev (pid 50, group 50) started `sh` 100 (group 100), which ran a
/// `sleep` 101 and a child 102 that made a session of its own, whose child
/// 103 made another. 200 is unrelated; 1 is init.
process_table machine() {
  return {
      {1, 0, 1, 'S'},       {50, 1, 50, 'S'},     {100, 50, 100, 'S'},
      {101, 100, 100, 'S'}, {102, 100, 102, 'S'}, {103, 102, 103, 'R'},
      {200, 1, 200, 'S'},
  };
}

} // namespace

TEST_CASE("stopping a group reaches the groups its descendants moved to",
          "[process][table]") {
  CHECK(groups_to_stop(machine(), 100, {50}) == groups{100, 102, 103});
  CHECK(groups_to_stop(machine(), 102, {50}) == groups{102, 103});
}

TEST_CASE("stopping a group never reaches actordev's own group or init",
          "[process][table]") {
  auto table = machine();
  table.push_back({104, 101, 50, 'S'}); // a descendant that joined actordev's
  table.push_back({105, 101, 1, 'S'});
  CHECK(groups_to_stop(table, 100, {50}) == groups{100, 102, 103});
  CHECK(groups_to_stop(table, 50, {50}).empty());
  CHECK(groups_to_stop(table, 1, {50}).empty());
}

TEST_CASE("a group with no members has nothing to stop", "[process][table]") {
  CHECK(groups_to_stop(machine(), 300, {50}) == groups{300});
  CHECK_FALSE(any_alive(machine(), {300}));
}

TEST_CASE("zombies do not count as alive", "[process][table]") {
  process_table table{{100, 1, 100, 'Z'}, {101, 1, 100, 'Z'}};
  CHECK_FALSE(any_alive(table, {100}));
  table.push_back({102, 1, 100, 'D'});
  CHECK(any_alive(table, {100}));
}

TEST_CASE("the process table shows this test's own process",
          "[process][table]") {
  auto table = read_process_table();
  REQUIRE(table);
  auto self = std::find_if(table->begin(), table->end(),
                           [](const auto& e) { return e.pid == ::getpid(); });
  REQUIRE(self != table->end());
  CHECK(self->ppid == ::getppid());
  CHECK(self->pgid == ::getpgrp());
  CHECK(self->state == 'R');
}
