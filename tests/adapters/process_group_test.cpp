// kill_process_group used from outside the process that started the group,
// as `actordev down` does with the group ids an earlier `up` recorded.
#include "process_fixture.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <unistd.h>

using namespace actordev;
using namespace actordev::test;
using adapters::group_stop;
using adapters::kill_process_group;
using adapters::process_group_alive;

TEST_CASE("kill_process_group ends a group that ignores SIGTERM, "
          "grandchild included",
          "[process][group]") {
  process_fixture f;
  auto p = f.start("exec sh " + f.script("ignores_term_with_grandchild.sh"));
  auto grandchild = f.read_pid(p);
  CHECK(process_group_alive(p.pgid()));
  CHECK(kill_process_group(p.pgid(), 300ms) == group_stop::killed);
  CHECK_FALSE(process_group_alive(p.pgid()));
  CHECK(is_dead(grandchild));
  CHECK(p.poll(5s).exit->signal == SIGKILL);
}

TEST_CASE("kill_process_group sends SIGTERM first and stops there when it "
          "works",
          "[process][group]") {
  process_fixture f;
  auto p = f.start("exec sleep 1000");
  CHECK(kill_process_group(p.pgid(), 5s) == group_stop::terminated);
  CHECK(p.poll(5s).exit->signal == SIGTERM);
}

TEST_CASE("kill_process_group of a group that already ended reports it gone",
          "[process][group]") {
  process_fixture f;
  auto p = f.start("true");
  f.run_to_exit(p);
  CHECK_FALSE(process_group_alive(p.pgid()));
  CHECK(kill_process_group(p.pgid(), 5s) == group_stop::gone);
}

TEST_CASE("kill_process_group refuses actordev's own group",
          "[process][group]") {
  CHECK(kill_process_group(::getpgrp(), 0ms) == group_stop::gone);
  CHECK(kill_process_group(1, 0ms) == group_stop::gone);
}
