#include "runtime/restart_backoff.hpp"

#include <catch2/catch.hpp>

using namespace actordev;
using namespace std::chrono_literals;
using config::restart_policy;

TEST_CASE("restarts in a row wait twice as long each time, up to the cap") {
  restart_backoff b{1000ms, 30000ms};
  std::vector<long> waits;
  for (int i = 0; i < 7; ++i)
    waits.push_back(b.on_exit(restart_policy::always, true, 10ms)->count());
  CHECK(waits ==
        std::vector<long>{1000, 2000, 4000, 8000, 16000, 30000, 30000});
}

TEST_CASE("a server that ran as long as the cap starts a new row") {
  restart_backoff b{1000ms, 30000ms};
  b.on_exit(restart_policy::always, true, 10ms);
  b.on_exit(restart_policy::always, true, 10ms);
  CHECK(b.on_exit(restart_policy::always, true, 30000ms) == 1000ms);
  CHECK(b.on_exit(restart_policy::always, true, 10ms) == 2000ms);
}

TEST_CASE("a new build starts a new row") {
  restart_backoff b{1000ms, 30000ms};
  b.on_exit(restart_policy::always, true, 10ms);
  b.reset();
  CHECK(b.on_exit(restart_policy::always, true, 10ms) == 1000ms);
}

TEST_CASE("the restart policy decides whether an exit restarts at all") {
  restart_backoff b{1000ms, 30000ms};
  CHECK_FALSE(b.on_exit(restart_policy::never, true, 10ms));
  CHECK_FALSE(b.on_exit(restart_policy::on_failure, false, 10ms));
  CHECK(b.on_exit(restart_policy::on_failure, true, 10ms) == 1000ms);
  CHECK(b.on_exit(restart_policy::always, false, 10ms) == 2000ms);
}
