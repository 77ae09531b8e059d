// Nothing actordev starts outlives it: SIGTERM to `up` ends every process,
// even one that ignores SIGTERM or left its session, and `down` ends what
// a killed `up` left behind.
#include "session_fixture.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>

using namespace actordev::test;
using Catch::Matchers::Contains;

namespace {

/// SIGKILLs a process at the end of a test, should a check have failed
/// while it still ran (it may live outside actordev's session).
struct kill_at_exit {
  pid_t pid = -1;
  ~kill_at_exit() {
    if (alive(pid))
      ::kill(pid, SIGKILL);
  }
};

} // namespace

TEST_CASE("after SIGTERM to up no process it started is alive, even one "
          "that ignores SIGTERM",
          "[e2e][stop]") {
  temp_project p;
  p.write("out/keep", "");
  // The server starts a child that ignores SIGTERM: only the SIGKILL after
  // the grace ends it.
  p.write("stubborn.sh",
          R"(sh -c 'trap "" TERM; echo $$ > out/stubborn.pid; exec sleep 1000' &
echo $$ > out/server.pid
wait
)");
  p.write("actordev.yaml", R"(resources:
  server:
    serve_cmd: sh stubborn.sh
)");
  running_actordev up{p, "up"};
  const auto server_pid = p.dir() + "/out/server.pid";
  const auto stubborn_pid = p.dir() + "/out/stubborn.pid";
  wait_until(
      [&] {
        return alive(read_pid(server_pid)) && alive(read_pid(stubborn_pid));
      },
      "the server and its stubborn child run");
  const pid_t server = read_pid(server_pid);
  const pid_t stubborn = read_pid(stubborn_pid);

  up.signal(SIGTERM);
  CHECK(up.wait_exit() == 0);
  wait_until([&] { return !alive(server) && !alive(stubborn); },
             "the server and its stubborn child are gone", 5s);
}

TEST_CASE("after SIGTERM to up a process that escaped with setsid is gone",
          "[e2e][stop]") {
  temp_project p;
  p.write("out/keep", "");
  // setsid -f forks: the escapee leaves the server's session and group, and
  // its parent exits at once, so it is re-parented to actordev.
  p.write("actordev.yaml", R"(resources:
  server:
    serve_cmd: setsid -f sh -c 'echo $$ > out/escaped.pid; exec sleep 1000'; exec sleep 1000
)");
  running_actordev up{p, "up"};
  wait_until([&] { return alive(read_pid(p.dir() + "/out/escaped.pid")); },
             "the escaped process runs");
  kill_at_exit escaped{read_pid(p.dir() + "/out/escaped.pid")};
  REQUIRE(session_of(escaped.pid) == escaped.pid); // it did escape

  up.signal(SIGTERM);
  CHECK(up.wait_exit() == 0);
  wait_until([&] { return !alive(escaped.pid); }, "the escaped process is gone",
             5s);
}

TEST_CASE("down stops what a killed up left running", "[e2e][stop]") {
  temp_project p;
  p.write("out/keep", "");
  p.write("actordev.yaml", R"(resources:
  server:
    serve_cmd: echo $$ > out/server.pid; exec sleep 1000
)");
  running_actordev up{p, "up"};
  const auto server_pid = p.dir() + "/out/server.pid";
  up.wait_for([&] { return alive(read_pid(server_pid)); }, "the server runs");
  const pid_t server = read_pid(server_pid);
  kill_at_exit left{server};
  up.wait_for(
      [&] {
        return read_text(p.dir() + "/.actordev/processes")
                   .find(std::to_string(server)) != std::string::npos;
      },
      "up recorded the server's process group");

  up.signal(SIGKILL); // it cannot clean up
  CHECK(up.wait_exit() == 128 + SIGKILL);
  REQUIRE(alive(server));

  auto down = p.actordev("down");
  CHECK(down.exit_code == 0);
  CHECK_THAT(down.output, Contains("stopped server (process group " +
                                   std::to_string(server) + ")"));
  wait_until([&] { return !alive(server); }, "the server is gone", 5s);

  auto again = p.actordev("down");
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.output, Contains("nothing to stop"));
}

TEST_CASE("down with nothing recorded says so and exits 0", "[e2e][stop]") {
  temp_project p;
  p.write("actordev.yaml", "resources:\n  a:\n    cmd: \"true\"\n");
  auto down = p.actordev("down");
  CHECK(down.exit_code == 0);
  CHECK_THAT(down.output, Contains("nothing to stop"));
}
