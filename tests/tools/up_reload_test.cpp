// `actordev up` keeps resources in sync: file changes re-run a cmd, config
// edits restart only what changed. The real binary, real inotify, real
// processes; every wait is for something the user would see.
#include "session_fixture.hpp"

#include <catch2/catch.hpp>

#include <csignal>

using namespace actordev::test;
using Catch::Matchers::Contains;

namespace {

/// Two servers, `a` and `b`, each appending "start NAME" to out/log and its
/// pid to out/NAME.pid when it starts. `b_tag` changes only b's command.
std::string two_servers(const std::string& b_tag) {
  return R"(resources:
  a:
    serve_cmd: echo start a >> out/log; echo $$ > out/a.pid; exec sleep 1000
  b:
    serve_cmd: echo start b >> out/log; echo $$ > out/b.pid; echo )" +
         b_tag + R"(; exec sleep 1000
)";
}

/// Waits until a and b of two_servers each started once and are running.
void wait_both_started(running_actordev& up, const temp_project& p) {
  const auto log = p.dir() + "/out/log";
  up.wait_for(
      [&] {
        return count_lines(log, "start a") == 1 &&
               count_lines(log, "start b") == 1 &&
               alive(read_pid(p.dir() + "/out/a.pid")) &&
               alive(read_pid(p.dir() + "/out/b.pid"));
      },
      "a and b started");
}

} // namespace

TEST_CASE("a burst of file changes re-runs a cmd once", "[e2e][watch]") {
  temp_project p;
  p.write("src/keep", "");
  p.write("out/keep", "");
  // Each run records the stamp it saw, so a run is known by what caused it.
  p.write("actordev.yaml", R"yaml(resources:
  gen:
    cmd: echo "run $(cat src/stamp 2>/dev/null || echo initial)" >> out/runs.log
    deps: [src]
    quiet_ms: 500
)yaml");
  const auto runs = p.dir() + "/out/runs.log";
  running_actordev up{p, "up"};
  up.wait_for([&] { return count_of(up.output(), "succeeded") == 1; },
              "the first run succeeded");
  up.wait_watching(p.dir() + "/src");

  for (int i = 0; i < 5; ++i)
    p.write("src/file" + std::to_string(i), "x");
  p.write("src/stamp", "burst\n");
  up.wait_for([&] { return count_of(up.output(), "succeeded") == 2; },
              "the run for the burst succeeded");

  // Had the burst made two batches, their second run would come before the
  // run for this later change, which waits out its own quiet window.
  p.write("src/stamp", "later\n");
  up.wait_for([&] { return count_lines(runs, "run later") == 1; },
              "a run for the later change");
  up.wait_for(
      [&] {
        return count_of(up.output(), "succeeded") ==
               static_cast<int>(read_lines(runs).size());
      },
      "every run finished");
  CHECK(read_lines(runs) ==
        std::vector<std::string>{"run initial", "run burst", "run later"});

  up.signal(SIGTERM);
  CHECK(up.wait_exit() == 0);
}

TEST_CASE("editing the config restarts only the resource that changed",
          "[e2e][reload]") {
  temp_project p;
  p.write("out/keep", "");
  p.write("actordev.yaml", two_servers("one"));
  const auto log = p.dir() + "/out/log";
  running_actordev up{p, "up"};
  wait_both_started(up, p);
  const pid_t a_pid = read_pid(p.dir() + "/out/a.pid");
  up.wait_watching(p.dir());

  replace_file(p, "actordev.yaml", two_servers("two"));
  up.wait_for(
      [&] {
        return count_lines(log, "start b") == 2 &&
               count_of(up.output(), "config reloaded") == 1;
      },
      "the config reloaded and b restarted");

  // A second edit of b: a restart of a wrongly caused by the first edit
  // would have come before it (a comes first in the config, and local
  // resources update one at a time).
  replace_file(p, "actordev.yaml", two_servers("three"));
  // Every good reload is said, so the user sees each save was taken.
  up.wait_for(
      [&] {
        return count_lines(log, "start b") == 3 &&
               count_of(up.output(), "config reloaded") == 2;
      },
      "the config reloaded again and b restarted again");
  CHECK(count_lines(log, "start a") == 1);
  CHECK(read_pid(p.dir() + "/out/a.pid") == a_pid);
  CHECK(alive(a_pid));

  up.signal(SIGTERM);
  CHECK(up.wait_exit() == 0);
}

TEST_CASE("a config edit with an error keeps the last good config running",
          "[e2e][reload]") {
  temp_project p;
  p.write("out/keep", "");
  p.write("actordev.yaml", two_servers("one"));
  const auto log = p.dir() + "/out/log";
  running_actordev up{p, "up"};
  wait_both_started(up, p);
  const pid_t a_pid = read_pid(p.dir() + "/out/a.pid");
  const pid_t b_pid = read_pid(p.dir() + "/out/b.pid");
  up.wait_watching(p.dir());

  replace_file(p, "actordev.yaml", R"(resources:
  a:
    serve_cmd: sleep 1000
    comand: oops
)");
  up.wait_for("config not reloaded");
  CHECK_THAT(up.output(),
             Contains("actordev.yaml:4:5: unknown key 'comand' in resource"));
  CHECK_THAT(up.output(), Contains("the last good config keeps running"));
  CHECK(alive(a_pid));
  CHECK(alive(b_pid));

  // Fixing the config applies it: the edit to b restarts b alone.
  replace_file(p, "actordev.yaml", two_servers("fixed"));
  up.wait_for([&] { return count_lines(log, "start b") == 2; },
              "b restarted with the fixed config");
  CHECK(count_lines(log, "start a") == 1);
  CHECK(alive(a_pid));

  up.signal(SIGTERM);
  CHECK(up.wait_exit() == 0);
}
